package org.civicpulse.reporting.clickhouse;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The current row of a query result, read by column name (the name or alias in the SELECT).
 *
 * <p>Conversions are lenient within a family and strict across them: any integer column reads as
 * {@code long}/{@code int} (an out-of-range value throws), UInt8 flags read as {@code boolean},
 * DateTime as {@link Instant}, Enum8 as its name through {@link #getString}. Primitive getters throw
 * {@link IllegalStateException} on SQL NULL; use the {@code Nullable} variants or {@link #isNull}
 * for Nullable columns.
 */
public interface Row {

    /** Column names in result order. */
    List<String> columnNames();

    /** True when the column holds SQL NULL in this row. */
    boolean isNull(String column);

    /** The value as the client decoded it (String, Short, Long, BigInteger, ZonedDateTime, …); null for NULL. */
    Object getObject(String column);

    /** Strings as is, Enum8 as the name, numbers/dates as text; null for NULL. */
    String getString(String column);

    long getLong(String column);

    Long getNullableLong(String column);

    int getInt(String column);

    Integer getNullableInt(String column);

    double getDouble(String column);

    Double getNullableDouble(String column);

    BigDecimal getBigDecimal(String column);

    /** A UInt8 flag (or any integer): non-zero is true. */
    boolean getBoolean(String column);

    Boolean getNullableBoolean(String column);

    /** A DateTime column as an instant; null for NULL. */
    Instant getInstant(String column);

    /** A Date column; null for NULL. */
    LocalDate getLocalDate(String column);

    /** An Array column as a list (elements as {@link #getObject} would return them); null for NULL. */
    <T> List<T> getList(String column);

    /** The client's reader positioned on this row, for types this interface does not cover. */
    ClickHouseBinaryFormatReader reader();
}
