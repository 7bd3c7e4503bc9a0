package org.civicpulse.reporting.clickhouse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The literal renderer without a server (the server round trips are in {@link SqlRoundTripTest}). */
class SqlTest {

    private static String lit(Object v) {
        return Sql.of("SELECT :v").bind("v", v).render().substring("SELECT ".length());
    }

    @Nested
    class Placeholders {

        @Test
        void bindsNamedPlaceholdersEverywhereTheyOccur() {
            String sql = Sql.of("SELECT :a, :b, :a").bind("a", 1).bind("b", "x").render();
            assertThat(sql).isEqualTo("SELECT 1, 'x', 1");
        }

        @Test
        void exampleFromTheClassComment() {
            String sql = Sql.of("SELECT count() FROM dossier_facts FINAL WHERE unit IN :units AND received_at >= :from")
                    .bind("units", new LinkedHashSet<>(List.of("HN-01", "HN-02")))
                    .bind("from", Instant.parse("2026-10-14T17:00:00Z"))
                    .render();
            assertThat(sql).isEqualTo("SELECT count() FROM dossier_facts FINAL WHERE unit IN ('HN-01', 'HN-02')"
                    + " AND received_at >= toDateTime('2026-10-15 00:00:00', 'Asia/Ho_Chi_Minh')");
        }

        @Test
        void listsPlaceholdersInOrder() {
            assertThat(Sql.of("SELECT :b, :a, :b_2, :b").placeholders()).containsExactly("b", "a", "b_2");
        }

        @Test
        void unboundPlaceholderIsAnError() {
            Sql sql = Sql.of("SELECT :a, :b").bind("a", 1);
            assertThatThrownBy(sql::render)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("[:b]");
        }

        @Test
        void unusedBindingIsAnError() {
            assertThatThrownBy(() -> Sql.of("SELECT :a").bind("typo", 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(":typo")
                    .hasMessageContaining("unused");
        }

        @Test
        void templateWithoutPlaceholdersRendersAsIs() {
            assertThat(Sql.of("SELECT 1").render()).isEqualTo("SELECT 1");
        }

        @Test
        void isImmutable() {
            Sql template = Sql.of("SELECT :a");
            Sql one = template.bind("a", 1);
            Sql two = template.bind("a", 2);
            assertThat(one.render()).isEqualTo("SELECT 1");
            assertThat(two.render()).isEqualTo("SELECT 2");
            assertThatThrownBy(template::render).isInstanceOf(IllegalStateException.class);
            assertThat(one.bind("a", 3).render()).isEqualTo("SELECT 3");
            assertThat(one.render()).isEqualTo("SELECT 1");
        }

        @Test
        void ignoresColonsInsideStringLiteralsIdentifiersAndComments() {
            Sql sql = Sql.of("SELECT '10:30 :notme', 'it\\'s :no', 'x'':no', `a:no`, \"b:no\" -- :comment\n"
                    + "/* :block */, :yes");
            assertThat(sql.placeholders()).containsExactly("yes");
            assertThat(sql.bind("yes", 1).render()).isEqualTo("SELECT '10:30 :notme', 'it\\'s :no', 'x'':no', "
                    + "`a:no`, \"b:no\" -- :comment\n/* :block */, 1");
        }

        @Test
        void leavesDoubleColonCastsAlone() {
            Sql sql = Sql.of("SELECT x::String, :v");
            assertThat(sql.placeholders()).containsExactly("v");
            assertThat(sql.bind("v", 1).render()).isEqualTo("SELECT x::String, 1");
        }

        @Test
        void colonNotFollowedByANameIsText() {
            assertThat(Sql.of("SELECT 1 : 2, ':', :1").render()).isEqualTo("SELECT 1 : 2, ':', :1");
        }

        @Test
        void rejectsUnterminatedQuotesAndComments() {
            assertThatThrownBy(() -> Sql.of("SELECT 'abc")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Sql.of("SELECT `abc")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Sql.of("SELECT /* abc")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void toStringShowsRenderedSqlWhenComplete() {
            assertThat(Sql.of("SELECT :a").toString()).isEqualTo("SELECT :a");
            assertThat(Sql.of("SELECT :a").bind("a", 7).toString()).isEqualTo("SELECT 7");
        }

        @Test
        void fragmentsInlineFullyBoundSql() {
            Sql filter = Sql.of("AND unit IN :units").bind("units", List.of("A"));
            String sql = Sql.of("SELECT count() FROM t WHERE 1 :filter").bindFragment("filter", filter).render();
            assertThat(sql).isEqualTo("SELECT count() FROM t WHERE 1 AND unit IN ('A')");
            assertThatThrownBy(() -> Sql.of("SELECT :f").bindFragment("f", Sql.of("x = :y")))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> Sql.of("SELECT :f").bind("f", filter))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bindFragment");
        }
    }

    @Nested
    class Strings {

        @Test
        void plainString() {
            assertThat(lit("abc")).isEqualTo("'abc'");
            assertThat(lit("")).isEqualTo("''");
        }

        @Test
        void escapesQuoteAndBackslash() {
            assertThat(lit("it's")).isEqualTo("'it\\'s'");
            assertThat(lit("a\\b")).isEqualTo("'a\\\\b'");
            assertThat(lit("\\'")).isEqualTo("'\\\\\\''");
        }

        @Test
        void escapesControlCharacters() {
            assertThat(lit("a\nb\rc\td\0e\bf\fg")).isEqualTo("'a\\nb\\rc\\td\\0e\\bf\\fg'");
            assertThat(lit("\u0001\u001f\u007f")).isEqualTo("'\\x01\\x1F\\x7F'");
        }

        @Test
        void keepsUnicodeAsIs() {
            assertThat(lit("Phường Hoàn Kiếm – Hà Nội 🏛")).isEqualTo("'Phường Hoàn Kiếm – Hà Nội 🏛'");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "' OR 1=1 --",
                "'; DROP TABLE dossier_facts; --",
                "\\'; DROP TABLE x; --",
                "\\",
                "'",
                "\\\\'",
                "x' UNION ALL SELECT password FROM users WHERE '1'='1",
                "*/ SELECT 1 /*",
                "\n-- comment\n' OR 1=1",
                ":other"
        })
        void injectionAttemptsStayInsideOneLiteral(String attack) {
            String rendered = lit(attack);
            assertThat(rendered).startsWith("'").endsWith("'");
            assertThat(unquote(rendered)).isEqualTo(attack);
        }

        @Test
        void charactersAndEnumsRenderAsStrings() {
            assertThat(lit('x')).isEqualTo("'x'");
            assertThat(lit('\'')).isEqualTo("'\\''");
            assertThat(lit(Thread.State.NEW)).isEqualTo("'NEW'");
        }

        @Test
        void stringBuilderIsAString() {
            assertThat(lit(new StringBuilder("a'b"))).isEqualTo("'a\\'b'");
        }

        /**
         * Reads a rendered literal back the way ClickHouse's lexer does: a quote ends it unless escaped.
         * Proves that no input closes the literal early.
         */
        private String unquote(String literal) {
            StringBuilder out = new StringBuilder();
            int i = 1;
            while (true) {
                char c = literal.charAt(i);
                if (c == '\'') {
                    assertThat(i).as("literal must end exactly at the last character").isEqualTo(literal.length() - 1);
                    return out.toString();
                }
                if (c == '\\') {
                    char e = literal.charAt(i + 1);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case '0' -> out.append('\0');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'x' -> {
                            out.append((char) Integer.parseInt(literal.substring(i + 2, i + 4), 16));
                            i += 2;
                        }
                        default -> out.append(e);
                    }
                    i += 2;
                } else {
                    assertThat(c).as("raw control character in literal").isGreaterThanOrEqualTo(' ');
                    out.append(c);
                    i++;
                }
            }
        }
    }

    @Nested
    class Numbers {

        @Test
        void integers() {
            assertThat(lit(42)).isEqualTo("42");
            assertThat(lit(42L)).isEqualTo("42");
            assertThat(lit((short) 7)).isEqualTo("7");
            assertThat(lit((byte) 7)).isEqualTo("7");
            assertThat(lit(new AtomicLong(9))).isEqualTo("9");
            assertThat(lit(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
            assertThat(lit(new BigInteger("18446744073709551615"))).isEqualTo("18446744073709551615");
        }

        @Test
        void negativeNumbersAreParenthesised() {
            assertThat(lit(-5)).isEqualTo("(-5)");
            assertThat(lit(Long.MIN_VALUE)).isEqualTo("(-9223372036854775808)");
            assertThat(Sql.of("SELECT 5 - :n").bind("n", -3).render()).isEqualTo("SELECT 5 - (-3)");
            assertThat(lit(-1.5)).isEqualTo("(-1.5)");
        }

        @Test
        void decimalsAreExact() {
            assertThat(lit(new BigDecimal("123.45"))).isEqualTo("toDecimal128('123.45', 2)");
            assertThat(lit(new BigDecimal("-0.5"))).isEqualTo("toDecimal128('-0.5', 1)");
            assertThat(lit(new BigDecimal("1E+3"))).isEqualTo("toDecimal128('1000', 0)");
            assertThatThrownBy(() -> lit(new BigDecimal("1" + "0".repeat(40))))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void doubles() {
            assertThat(lit(0.25)).isEqualTo("0.25");
            assertThat(lit(1.0E-5)).isEqualTo("1.0E-5");
            assertThat(lit(2.5f)).isEqualTo("2.5");
            assertThatThrownBy(() -> lit(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lit(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void booleansAreFlags() {
            assertThat(lit(true)).isEqualTo("1");
            assertThat(lit(false)).isEqualTo("0");
        }

        @Test
        void nullIsNull() {
            assertThat(lit(null)).isEqualTo("NULL");
        }
    }

    @Nested
    class Times {

        @Test
        void instantRendersAsWallClockInSchemaZone() {
            assertThat(lit(Instant.parse("2026-10-14T17:30:00Z")))
                    .isEqualTo("toDateTime('2026-10-15 00:30:00', 'Asia/Ho_Chi_Minh')");
        }

        @Test
        void offsetAndZonedDateTimesAreTheirInstant() {
            String expected = "toDateTime('2026-10-15 00:30:00', 'Asia/Ho_Chi_Minh')";
            assertThat(lit(OffsetDateTime.parse("2026-10-14T19:30:00+02:00"))).isEqualTo(expected);
            assertThat(lit(ZonedDateTime.parse("2026-10-14T13:30:00-04:00[America/New_York]"))).isEqualTo(expected);
        }

        @Test
        void localDateTimeIsWallClockInTheZone() {
            assertThat(lit(LocalDateTime.parse("2026-10-15T00:30:00")))
                    .isEqualTo("toDateTime('2026-10-15 00:30:00', 'Asia/Ho_Chi_Minh')");
        }

        @Test
        void zoneIsGivenOncePerTemplate() {
            String sql = Sql.of("SELECT :t", ZoneOffset.UTC).bind("t", Instant.parse("2026-10-14T17:30:00Z")).render();
            assertThat(sql).isEqualTo("SELECT toDateTime('2026-10-14 17:30:00', 'UTC')");
            assertThat(Sql.of("SELECT :t", ZoneId.of("Europe/Paris")).zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        }

        @Test
        void fixedOffsetsUseTzDatabaseNames() {
            assertThat(Sql.of("SELECT :t", ZoneOffset.ofHours(7)).bind("t", Instant.EPOCH).render())
                    .isEqualTo("SELECT toDateTime('1970-01-01 07:00:00', 'Etc/GMT-7')");
            assertThat(Sql.of("SELECT :t", ZoneOffset.ofHours(-3)).bind("t", Instant.EPOCH).render())
                    .isEqualTo("SELECT toDateTime('1969-12-31 21:00:00', 'Etc/GMT+3')");
            assertThatThrownBy(() -> Sql.of("SELECT 1", ZoneOffset.ofHoursMinutes(5, 30)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void fractionsOfASecondAreTruncated() {
            assertThat(lit(Instant.parse("2026-01-01T00:00:00.999Z")))
                    .isEqualTo("toDateTime('2026-01-01 07:00:00', 'Asia/Ho_Chi_Minh')");
        }

        @Test
        void outOfRangeInstantsAreRefused() {
            assertThatThrownBy(() -> lit(Instant.parse("1969-12-31T23:59:59Z"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lit(Instant.parse("2107-01-01T00:00:00Z"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(Sql.of("SELECT :t", ZoneOffset.UTC).bind("t", Instant.EPOCH).render())
                    .isEqualTo("SELECT toDateTime('1970-01-01 00:00:00', 'UTC')");
        }

        @Test
        void dates() {
            assertThat(lit(LocalDate.of(2026, 2, 3))).isEqualTo("toDate('2026-02-03')");
            assertThatThrownBy(() -> lit(LocalDate.of(1969, 12, 31))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lit(LocalDate.of(2150, 1, 1))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void uuids() {
            UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
            assertThat(lit(u)).isEqualTo("toUUID('123e4567-e89b-12d3-a456-426614174000')");
        }
    }

    @Nested
    class Collections {

        @Test
        void collectionsBecomeParenthesisedLists() {
            assertThat(lit(List.of("a", "b'c"))).isEqualTo("('a', 'b\\'c')");
            assertThat(lit(List.of(1, -2, 3))).isEqualTo("(1, (-2), 3)");
            assertThat(lit(Set.of("only"))).isEqualTo("('only')");
            assertThat(lit(new Object[] {1, "x"})).isEqualTo("(1, 'x')");
        }

        @Test
        void emptyCollectionMatchesNothing() {
            assertThat(lit(List.of())).isEqualTo("(NULL)");
            assertThat(lit(new String[0])).isEqualTo("(NULL)");
        }

        @Test
        void nestedCollectionsAreTuples() {
            assertThat(lit(List.of(List.of(1, "a"), List.of(2, "b")))).isEqualTo("((1, 'a'), (2, 'b'))");
        }

        @Test
        void elementsUseTheTemplateZone() {
            assertThat(Sql.of("SELECT :v", ZoneOffset.UTC).bind("v", List.of(Instant.EPOCH)).render())
                    .isEqualTo("SELECT (toDateTime('1970-01-01 00:00:00', 'UTC'))");
        }

        @Test
        void nullElementsAreNull() {
            assertThat(lit(Arrays.asList("a", null))).isEqualTo("('a', NULL)");
        }

        @Test
        void largeCollection() {
            List<Integer> many = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                many.add(i);
            }
            assertThat(lit(many)).startsWith("(0, 1, 2").endsWith(", 9999)");
        }
    }

    @Nested
    class Identifiers {

        @Test
        void whitelistedIdentifiersAreBackQuoted() {
            assertThat(Sql.of("SELECT count() FROM :t").bindIdentifier("t", "dossier_facts").render())
                    .isEqualTo("SELECT count() FROM `dossier_facts`");
            assertThat(Sql.of("SELECT * FROM :t").bindIdentifier("t", "civicpulse.events").render())
                    .isEqualTo("SELECT * FROM `civicpulse`.`events`");
            assertThat(Sql.of("SELECT :c").bindIdentifier("c", "_x9").render()).isEqualTo("SELECT `_x9`");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "1abc", "a-b", "a b", "a`b", "a;DROP", "a.b.c", ".a", "a.", "a'", "đơn_vị",
                "dossier_facts; DROP TABLE x", "x\n"})
        void everythingElseIsRefused(String bad) {
            assertThatThrownBy(() -> Sql.of("SELECT :c").bindIdentifier("c", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("identifier");
        }

        @Test
        void nullIdentifierIsRefused() {
            assertThatThrownBy(() -> Sql.of("SELECT :c").bindIdentifier("c", null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void unsupportedTypesAreRefused() {
        assertThatThrownBy(() -> lit(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> lit(java.time.Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
