package org.civicpulse.domain.kpi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Strict reading of the registry files: every problem is collected with its JSON path, unknown fields included. */
final class JsonReader {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    final List<String> problems = new ArrayList<>();

    static JsonNode parse(InputStream in, String source) {
        try (in) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            if (e instanceof com.fasterxml.jackson.core.JacksonException je) {
                throw new KpiRegistryException(source, List.of("not valid JSON: " + je.getOriginalMessage()));
            }
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    static JsonNode parse(String json, String source) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new KpiRegistryException(source, List.of("not valid JSON: " + e.getMessage()));
        }
    }

    void problem(String path, String message) {
        problems.add(path + ": " + message);
    }

    /** Reports fields of {@code node} that are not in {@code allowed}. */
    void onlyFields(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        Set<String> unknown = new TreeSet<>();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty()) {
            problem(path, "unknown field(s) " + unknown + "; allowed: " + new TreeSet<>(allowed));
        }
    }

    JsonNode object(JsonNode parent, String field, String path, boolean required) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                problem(path + "." + field, "missing");
            }
            return null;
        }
        if (!n.isObject()) {
            problem(path + "." + field, "must be an object");
            return null;
        }
        return n;
    }

    List<JsonNode> array(JsonNode parent, String field, String path, boolean required) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                problem(path + "." + field, "missing");
            }
            return List.of();
        }
        if (!n.isArray()) {
            problem(path + "." + field, "must be an array");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    String text(JsonNode parent, String field, String path, boolean required) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                problem(path + "." + field, "missing");
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problem(path + "." + field, "must be a non-blank string");
            return null;
        }
        return n.asText().strip();
    }

    BigDecimal number(JsonNode parent, String field, String path, boolean required) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                problem(path + "." + field, "missing");
            }
            return null;
        }
        if (!n.isNumber()) {
            problem(path + "." + field, "must be a number");
            return null;
        }
        return normalize(n.decimalValue());
    }

    /** Without trailing zeros, never in exponent form (100, not 1E+2). */
    static BigDecimal normalize(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    Integer integer(JsonNode parent, String field, String path, boolean required) {
        BigDecimal d = number(parent, field, path, required);
        if (d == null) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            problem(path + "." + field, "must be a whole number, got " + d.toPlainString());
            return null;
        }
    }

    <E> E enumValue(JsonNode parent, String field, String path, boolean required, Function<String, E> lookup,
                    String allowed) {
        String t = text(parent, field, path, required);
        if (t == null) {
            return null;
        }
        E v = lookupOrNull(lookup, t);
        if (v == null) {
            problem(path + "." + field, "\"" + t + "\" is not one of " + allowed);
        }
        return v;
    }

    static <E> E lookupOrNull(Function<String, E> lookup, String t) {
        try {
            return lookup.apply(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    LocalizedText localized(JsonNode parent, String field, String path) {
        JsonNode n = object(parent, field, path, true);
        if (n == null) {
            return null;
        }
        String p = path + "." + field;
        onlyFields(n, p, Set.of("vi", "en"));
        String vi = text(n, "vi", p, true);
        String en = text(n, "en", p, true);
        return vi == null || en == null ? null : new LocalizedText(vi, en);
    }

    static Optional<String> describe(JsonNode n) {
        return Optional.ofNullable(n).map(JsonNode::toString);
    }
}
