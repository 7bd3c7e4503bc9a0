package org.civicpulse.reporting.clickhouse;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.data.ClickHouseColumn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@link Row} over the client's reader; one instance walks the whole result. */
final class ReaderRow implements Row {

    private final ClickHouseBinaryFormatReader reader;
    private final List<String> names;

    ReaderRow(ClickHouseBinaryFormatReader reader) {
        this.reader = reader;
        List<String> n = new ArrayList<>();
        for (ClickHouseColumn c : reader.getSchema().getColumns()) {
            n.add(c.getColumnName());
        }
        this.names = Collections.unmodifiableList(n);
    }

    @Override
    public List<String> columnNames() {
        return names;
    }

    @Override
    public boolean isNull(String column) {
        return getObject(column) == null;
    }

    @Override
    public Object getObject(String column) {
        if (!names.contains(column)) {
            throw new IllegalArgumentException("No column '" + column + "' in result; columns are " + names);
        }
        return reader.readValue(column);
    }

    @Override
    public String getString(String column) {
        Object v = getObject(column);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant().toString();
        }
        // Enum8 values arrive as the client's EnumValue whose toString() is the name.
        return v.toString();
    }

    @Override
    public long getLong(String column) {
        return require(column, getNullableLong(column));
    }

    @Override
    public Long getNullableLong(String column) {
        Object v = getObject(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            try {
                return b.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalStateException("Column '" + column + "' value " + b + " does not fit a long", e);
            }
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalStateException("Column '" + column + "' value " + d + " is not a whole long", e);
            }
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            return n.longValue(); // Enum8 code
        }
        throw typeError(column, v, "an integer");
    }

    @Override
    public int getInt(String column) {
        return require(column, getNullableInt(column));
    }

    @Override
    public Integer getNullableInt(String column) {
        Long v = getNullableLong(column);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalStateException("Column '" + column + "' value " + v + " does not fit an int");
        }
        return v.intValue();
    }

    @Override
    public double getDouble(String column) {
        return require(column, getNullableDouble(column));
    }

    @Override
    public Double getNullableDouble(String column) {
        Object v = getObject(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw typeError(column, v, "a number");
    }

    @Override
    public BigDecimal getBigDecimal(String column) {
        Object v = getObject(column);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        throw typeError(column, v, "a number");
    }

    @Override
    public boolean getBoolean(String column) {
        return require(column, getNullableBoolean(column));
    }

    @Override
    public Boolean getNullableBoolean(String column) {
        Object v = getObject(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        Long l = getNullableLong(column);
        return l != 0L;
    }

    @Override
    public Instant getInstant(String column) {
        Object v = getObject(column);
        if (v == null) {
            return null;
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof LocalDateTime) {
            throw typeError(column, v, "a DateTime with a zone");
        }
        throw typeError(column, v, "a DateTime");
    }

    @Override
    public LocalDate getLocalDate(String column) {
        Object v = getObject(column);
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        throw typeError(column, v, "a Date");
    }

    @Override
    public <T> List<T> getList(String column) {
        Object v = getObject(column);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<T> typed = (List<T>) list;
            return typed;
        }
        return reader.getList(column);
    }

    @Override
    public ClickHouseBinaryFormatReader reader() {
        return reader;
    }

    private static <T> T require(String column, T value) {
        if (value == null) {
            throw new IllegalStateException("Column '" + column + "' is NULL; use the Nullable getter");
        }
        return value;
    }

    private IllegalStateException typeError(String column, Object v, String wanted) {
        ClickHouseColumn c = reader.getSchema().getColumnByName(column);
        return new IllegalStateException("Column '" + column + "' of type " + c.getOriginalTypeName()
                + " (" + v.getClass().getSimpleName() + ") is not " + wanted);
    }
}
