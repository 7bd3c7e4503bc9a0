package org.civicpulse.reporting.clickhouse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The one place where values become SQL text.
 *
 * <p>ClickHouse 18.16 has no server-side query parameters, so every value that reaches a query is
 * rendered here as a typed, escaped literal. Never concatenate a value into SQL anywhere else.
 *
 * <p>A {@code Sql} is an immutable template with named placeholders ({@code :name}, a name matching
 * {@code [A-Za-z_][A-Za-z0-9_]*}). Each {@code bind} returns a new instance, so a template can be
 * kept in a constant and bound per call:
 *
 * <pre>{@code
 * Sql.of("SELECT count() FROM dossier_facts FINAL WHERE unit IN :units AND received_at >= :from")
 *    .bind("units", Set.of("HN-01", "HN-02"))
 *    .bind("from", Instant.parse("2026-10-14T17:00:00Z"))
 *    .render();
 * // SELECT count() FROM dossier_facts FINAL WHERE unit IN ('HN-01', 'HN-02')
 * //   AND received_at >= toDateTime('2026-10-15 00:00:00', 'Asia/Ho_Chi_Minh')
 * }</pre>
 *
 * <p>Placeholders are recognised outside string literals, quoted identifiers and comments only;
 * {@code ::} (a cast on newer servers) is left alone. A placeholder may occur several times.
 * Binding a name the template does not contain throws at once; rendering with a placeholder left
 * unbound throws too.
 *
 * <p>Values render as follows:
 * <table>
 * <caption>Rendering</caption>
 * <tr><td>{@code null}</td><td>{@code NULL} (remember that {@code x = NULL} never matches: use
 *     {@code isNull(x)})</td></tr>
 * <tr><td>{@link CharSequence}, {@link Character}, Java {@code enum} (its {@code name()})</td>
 *     <td>a single-quoted string; backslash, quote and every control character escaped
 *     ({@code \\ \' \0 \n \r \t \b \f \xHH}), other characters (Vietnamese included) as UTF-8</td></tr>
 * <tr><td>{@link Boolean}</td><td>{@code 1} / {@code 0} (UInt8: the schema's flag type)</td></tr>
 * <tr><td>{@code byte/short/int/long}, {@link BigInteger}, atomics</td><td>the decimal number;
 *     negative numbers in parentheses so {@code a - :n} stays unambiguous</td></tr>
 * <tr><td>{@link BigDecimal}</td><td>{@code toDecimal128('123.45', 2)} (exact, not Float64)</td></tr>
 * <tr><td>{@code double/float}</td><td>the number (finite values only)</td></tr>
 * <tr><td>{@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime}</td>
 *     <td>{@code toDateTime('yyyy-MM-dd HH:mm:ss', 'Asia/Ho_Chi_Minh')}: the same instant written as
 *     wall-clock time in this template's zone (see {@link #of(String, ZoneId)}); fractions of a
 *     second are truncated, as DateTime stores whole seconds</td></tr>
 * <tr><td>{@link LocalDateTime}</td><td>the same, taken as wall-clock time in the template's
 *     zone</td></tr>
 * <tr><td>{@link LocalDate}</td><td>{@code toDate('yyyy-MM-dd')}</td></tr>
 * <tr><td>{@link UUID}</td><td>{@code toUUID('…')}</td></tr>
 * <tr><td>{@link Collection}, {@code Object[]}</td><td>{@code (a, b, c)} for {@code IN}; nested
 *     collections become tuples, e.g. {@code ((1, 'a'), (2, 'b'))}. An <b>empty</b> collection
 *     renders {@code (NULL)}: {@code x IN (NULL)} matches no row and {@code x NOT IN (NULL)} matches
 *     every row, for any column type, on 18.16 and current servers (NULLs are not members of a set
 *     unless {@code transform_null_in=1}). It is not valid for a tuple on the left
 *     ({@code (a, b) IN :empty}): check emptiness yourself there.</td></tr>
 * </table>
 *
 * <p>Identifiers (a table or column chosen at run time) go through {@link #bindIdentifier} only:
 * each dot-separated part must match {@code [A-Za-z_][A-Za-z0-9_]*} and is rendered back-quoted.
 * A fully bound {@code Sql} can be inlined into another with {@link #bindFragment}.
 */
public final class Sql {

    /** The zone of every DateTime column in the CivicPulse schema. */
    public static final ZoneId SCHEMA_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** What an identifier (each dot-separated part) must look like. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Pattern QUALIFIED_IDENTIFIER =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    /** DateTime is a UInt32 of seconds since the epoch. */
    private static final long MAX_DATE_TIME_EPOCH_SECOND = 0xFFFF_FFFFL;
    /** Date is a UInt16 of days since the epoch. */
    private static final LocalDate MAX_DATE = LocalDate.ofEpochDay(0xFFFF);
    private static final int MAX_DECIMAL_PRECISION = 38;
    private static final String EMPTY_SET = "(NULL)";

    private final String template;
    /** Alternating parts: even indexes are SQL text, odd indexes placeholder names. */
    private final List<String> parts;
    private final Set<String> placeholders;
    private final ZoneId zone;
    private final Map<String, String> rendered;

    private Sql(String template, List<String> parts, Set<String> placeholders, ZoneId zone,
                Map<String, String> rendered) {
        this.template = template;
        this.parts = parts;
        this.placeholders = placeholders;
        this.zone = zone;
        this.rendered = rendered;
    }

    /** A template whose times render in {@link #SCHEMA_ZONE}. */
    public static Sql of(String template) {
        return of(template, SCHEMA_ZONE);
    }

    /**
     * A template whose times render in {@code zone}: instants are written as wall-clock time in that
     * zone, and wall-clock values ({@link LocalDateTime}) are taken to be in it.
     */
    public static Sql of(String template, ZoneId zone) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(zone, "zone");
        clickHouseZoneName(zone); // fail early for offsets ClickHouse cannot name
        List<String> parts = parse(template);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < parts.size(); i += 2) {
            names.add(parts.get(i));
        }
        return new Sql(template, List.copyOf(parts), Collections.unmodifiableSet(names), zone, Map.of());
    }

    /** Binds a value (see the class comment for how each type renders). */
    public Sql bind(String name, Object value) {
        return with(name, literal(value, zone));
    }

    /**
     * Binds an identifier (table or column name, optionally {@code database.table}). Only names
     * matching {@link #IDENTIFIER} per part are accepted; they render back-quoted.
     */
    public Sql bindIdentifier(String name, String identifier) {
        return with(name, identifier(identifier));
    }

    /**
     * Inlines another, fully bound {@code Sql} (e.g. an optional {@code AND unit IN :units} clause
     * built elsewhere). The fragment's own zone was applied when its values were bound.
     */
    public Sql bindFragment(String name, Sql fragment) {
        Objects.requireNonNull(fragment, "fragment");
        return with(name, fragment.render());
    }

    /** The SQL text with every placeholder replaced by its literal. */
    public String render() {
        Set<String> missing = new LinkedHashSet<>(placeholders);
        missing.removeAll(rendered.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Unbound placeholder(s) " + missing.stream().map(n -> ":" + n).toList()
                    + " in SQL: " + abbreviate(template));
        }
        StringBuilder out = new StringBuilder(template.length() + 64);
        for (int i = 0; i < parts.size(); i++) {
            out.append(i % 2 == 0 ? parts.get(i) : rendered.get(parts.get(i)));
        }
        return out.toString();
    }

    /** The template as written. */
    public String template() {
        return template;
    }

    /** The placeholder names in order of first appearance. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /** The zone times render in. */
    public ZoneId zone() {
        return zone;
    }

    /** The rendered SQL when fully bound, otherwise the template. */
    @Override
    public String toString() {
        return rendered.keySet().containsAll(placeholders) ? render() : template;
    }

    private Sql with(String name, String literal) {
        Objects.requireNonNull(name, "name");
        if (!placeholders.contains(name)) {
            throw new IllegalArgumentException("Placeholder :" + name + " does not occur in SQL (unused binding); "
                    + "placeholders are " + placeholders + " in: " + abbreviate(template));
        }
        Map<String, String> copy = new LinkedHashMap<>(rendered);
        copy.put(name, literal);
        return new Sql(template, parts, placeholders, zone, Collections.unmodifiableMap(copy));
    }

    // ------------------------------------------------------------------------------------------
    // Template scanning

    private static List<String> parse(String sql) {
        List<String> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(sql, i, c);
                text.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end + 1;
                text.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("Unterminated /* comment in SQL: " + abbreviate(sql));
                }
                text.append(sql, i, end + 2);
                i = end + 2;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                text.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && isNameStart(sql.charAt(i + 1))) {
                int end = i + 2;
                while (end < n && isNamePart(sql.charAt(end))) {
                    end++;
                }
                parts.add(text.toString());
                text.setLength(0);
                parts.add(sql.substring(i + 1, end));
                i = end;
            } else {
                text.append(c);
                i++;
            }
        }
        parts.add(text.toString());
        return parts;
    }

    /** Index just past the closing quote; backslash escapes and doubled quotes stay inside. */
    private static int endOfQuoted(String sql, int start, char quote) {
        int i = start + 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("Unterminated " + quote + " quote in SQL: " + abbreviate(sql));
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    // ------------------------------------------------------------------------------------------
    // Literals

    /** Renders one value as a ClickHouse literal (package-private: callers bind placeholders). */
    static String literal(Object value, ZoneId zone) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof CharSequence s) {
            return quote(s.toString());
        }
        if (value instanceof Character ch) {
            return quote(String.valueOf(ch));
        }
        if (value instanceof Enum<?> e) {
            return quote(e.name());
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof AtomicInteger || value instanceof AtomicLong) {
            return signed(Long.toString(((Number) value).longValue()));
        }
        if (value instanceof BigInteger b) {
            return signed(b.toString());
        }
        if (value instanceof BigDecimal d) {
            return decimal(d);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("Cannot bind non-finite number " + value);
            }
            return signed(value instanceof Float ? Float.toString((Float) value) : Double.toString(d));
        }
        if (value instanceof Instant t) {
            return dateTime(t, zone);
        }
        if (value instanceof OffsetDateTime t) {
            return dateTime(t.toInstant(), zone);
        }
        if (value instanceof ZonedDateTime t) {
            return dateTime(t.toInstant(), zone);
        }
        if (value instanceof LocalDateTime t) {
            return dateTime(t.atZone(zone).toInstant(), zone);
        }
        if (value instanceof LocalDate d) {
            if (d.isBefore(LocalDate.EPOCH) || d.isAfter(MAX_DATE)) {
                throw new IllegalArgumentException("Date " + d + " is outside ClickHouse Date range 1970-01-01.." + MAX_DATE);
            }
            return "toDate('" + DATE.format(d) + "')";
        }
        if (value instanceof UUID u) {
            return "toUUID('" + u + "')";
        }
        if (value instanceof Collection<?> c) {
            return tuple(c, zone);
        }
        if (value instanceof Object[] a) {
            return tuple(List.of(a), zone);
        }
        if (value instanceof Sql) {
            throw new IllegalArgumentException("Bind a Sql fragment with bindFragment(), not bind()");
        }
        throw new IllegalArgumentException("Cannot render a " + value.getClass().getName()
                + " as a SQL literal (supported: strings, numbers, booleans, java.time instants/dates, UUID, "
                + "enums, collections)");
    }

    private static String tuple(Collection<?> values, ZoneId zone) {
        if (values.isEmpty()) {
            return EMPTY_SET;
        }
        StringBuilder out = new StringBuilder("(");
        boolean first = true;
        for (Object v : values) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(literal(v, zone));
        }
        return out.append(')').toString();
    }

    private static String signed(String number) {
        return number.startsWith("-") ? "(" + number + ")" : number;
    }

    private static String decimal(BigDecimal d) {
        BigDecimal v = d.scale() < 0 ? d.setScale(0) : d;
        if (v.precision() > MAX_DECIMAL_PRECISION || v.scale() > MAX_DECIMAL_PRECISION) {
            throw new IllegalArgumentException("Decimal " + d + " exceeds Decimal128 (38 digits)");
        }
        return "toDecimal128('" + v.toPlainString() + "', " + v.scale() + ")";
    }

    private static String dateTime(Instant instant, ZoneId zone) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > MAX_DATE_TIME_EPOCH_SECOND) {
            throw new IllegalArgumentException("Instant " + instant + " is outside ClickHouse DateTime range");
        }
        String wall = DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
        return "toDateTime('" + wall + "', " + quote(clickHouseZoneName(zone)) + ")";
    }

    /**
     * The name ClickHouse knows a zone by: region ids as is, fixed offsets as {@code UTC} or
     * {@code Etc/GMT∓h} (POSIX sign, inverted); other offsets have no tz-database name.
     */
    static String clickHouseZoneName(ZoneId zone) {
        ZoneId z = zone.normalized();
        if (z instanceof ZoneOffset offset) {
            int seconds = offset.getTotalSeconds();
            if (seconds == 0) {
                return "UTC";
            }
            if (seconds % 3600 != 0) {
                throw new IllegalArgumentException("Zone offset " + offset + " has no tz-database name; use a region zone");
            }
            int hours = seconds / 3600;
            return "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
        }
        return z.getId();
    }

    /** A single-quoted ClickHouse string literal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        out.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\0' -> out.append("\\0");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\x%02X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    /** A back-quoted identifier, optionally {@code database.table}; anything else is refused. */
    static String identifier(String identifier) {
        if (identifier == null || !QUALIFIED_IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("Not an allowed identifier: "
                    + (identifier == null ? "null" : abbreviate(identifier))
                    + " (each part must match " + IDENTIFIER.pattern() + ")");
        }
        StringBuilder out = new StringBuilder();
        for (String part : identifier.split("\\.")) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append('`').append(part).append('`');
        }
        return out.toString();
    }

    static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
