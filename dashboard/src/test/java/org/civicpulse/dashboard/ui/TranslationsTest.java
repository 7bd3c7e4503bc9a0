package org.civicpulse.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.civicpulse.dashboard.i18n.Translations;
import org.junit.jupiter.api.Test;

/** Both language bundles have the same keys, and every key the code asks for is in them; number/date formats. */
class TranslationsTest {

    private static final Pattern KEY = Pattern.compile("(?:getTranslation|Translations\\.of)\\((?:[a-zA-Z]+, )?\"([A-Za-z0-9_.]+)\"\\s*[,)]");

    @Test
    void bundlesHaveTheSameKeysAndEveryKeyUsedIsThere() throws IOException {
        Properties vi = load("i18n/messages_vi.properties");
        Properties en = load("i18n/messages_en.properties");
        assertThat(new TreeSet<>(vi.stringPropertyNames())).isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/civicpulse/dashboard"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = KEY.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(100);
        assertThat(vi.stringPropertyNames()).containsAll(used);
        for (String prefix : Set.of("status.MET", "status.ON_TRACK", "status.AT_RISK", "status.MISSED", "status.NO_DATA",
                "role.LEADER", "role.UNIT_OFFICER", "role.APPROVER", "role.ANALYST", "role.ADMIN", "channel.ONLINE",
                "dossier.IN_PROGRESS", "period.kind.RANGE", "drill.part.numerator", "drill.part.denominator")) {
            assertThat(vi.getProperty(prefix)).as(prefix).isNotBlank();
        }
        assertThat(new Translations().getTranslation("status.MET", Translations.VI)).isEqualTo("Đạt");
        assertThat(new Translations().getTranslation("status.MET", Translations.EN)).isEqualTo("Met");
        assertThat(new Translations().getTranslation("denied.unit", Translations.VI, "HK")).contains("HK");
    }

    @Test
    void vietnameseNumbersAndDates() {
        assertThat(Formats.number(new BigDecimal("1234.565"), 2, Translations.VI)).isEqualTo("1.234,57");
        assertThat(Formats.number(new BigDecimal("1234.565"), 2, Translations.EN)).isEqualTo("1,234.57");
        assertThat(Formats.measure(new BigDecimal("45.5"), "PERCENT", Translations.VI)).isEqualTo("45,50%");
        assertThat(Formats.measure(new BigDecimal("1234"), "COUNT", Translations.VI)).isEqualTo("1.234");
        assertThat(Formats.signed(new BigDecimal("-2.5"), 2, Translations.VI)).isEqualTo("−2,50");
        assertThat(Formats.date(LocalDate.of(2026, 11, 5))).isEqualTo("05/11/2026");
        assertThat(Formats.time(Instant.parse("2026-11-27T03:42:05Z"), ZoneId.of("Asia/Ho_Chi_Minh"))).isEqualTo("10:42:05");
        assertThat(Formats.range(LocalDate.of(2026, 10, 15), LocalDate.of(2026, 11, 14))).isEqualTo("15/10 – 14/11/2026");
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TranslationsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
