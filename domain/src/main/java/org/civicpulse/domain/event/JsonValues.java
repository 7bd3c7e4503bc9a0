package org.civicpulse.domain.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Free-form JSON values ({@link ReportAction#values()}): normalisation, reading, writing. */
final class JsonValues {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonValues() {
    }

    static Map<String, Object> normalizeObject(Map<?, ?> map, String path) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(path + " has a non-string key: " + e.getKey());
            }
            copy.put(key, normalize(e.getValue(), path + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    static Object normalize(Object v, String path) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(path + " is not a finite number: " + d);
            }
            return d;
        }
        if (v instanceof BigInteger b) {
            return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? (Object) b.longValue() : b;
        }
        if (v instanceof BigDecimal b) {
            return normalize(b.doubleValue(), path);
        }
        if (v instanceof Map<?, ?> m) {
            return normalizeObject(m, path);
        }
        if (v instanceof List<?> l) {
            ArrayList<Object> copy = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                copy.add(normalize(l.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(path + " has unsupported type " + v.getClass().getName()
                + "; use String, Boolean, Number, Map, List or null");
    }

    /** A JSON tree as normalised Java values (see {@link ReportAction}). */
    static Object fromNode(JsonNode n) {
        switch (n.getNodeType()) {
            case STRING:
                return n.textValue();
            case BOOLEAN:
                return n.booleanValue();
            case NUMBER:
                if (n.isIntegralNumber()) {
                    return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
                }
                return n.doubleValue();
            case OBJECT: {
                LinkedHashMap<String, Object> m = new LinkedHashMap<>(Math.max(4, n.size() * 2));
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    m.put(e.getKey(), fromNode(e.getValue()));
                }
                return m;
            }
            case ARRAY: {
                ArrayList<Object> l = new ArrayList<>(n.size());
                for (JsonNode c : n) {
                    l.add(fromNode(c));
                }
                return l;
            }
            default:
                return null;
        }
    }

    static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("unsupported JSON value type " + v.getClass().getName());
        }
    }
}
