package org.civicpulse.reporting.catalog;

import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.Merger;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class OrgUnitRepositoryTest {

    private static ClickHouseConnection ch;

    @BeforeAll
    static void connect() {
        ch = ClickHouseConnection.connect(ClickHouseTestServer.freshDatabase("org_units"));
        ch.insertJsonEachRow("org_units", List.of(
                "{\"code\":\"01\",\"name\":\"Thành phố Hà Nội\",\"level\":\"CITY\",\"parent\":null,"
                        + "\"valid_from\":\"1970-01-01\",\"valid_to\":null,\"version\":1}",
                "{\"code\":\"00070\",\"name\":\"Phường Hoàn Kiếm (cũ)\",\"level\":\"COMMUNE\",\"parent\":\"01\","
                        + "\"valid_from\":\"2025-07-01\",\"valid_to\":null,\"version\":1}",
                "{\"code\":\"SKHCN\",\"name\":\"Sở Khoa học và Công nghệ\",\"level\":\"DEPARTMENT\",\"parent\":\"01\","
                        + "\"valid_from\":\"2025-03-01\",\"valid_to\":null,\"version\":1}",
                "{\"code\":\"002\",\"name\":\"Quận Hoàn Kiếm\",\"level\":\"DISTRICT\",\"parent\":\"01\","
                        + "\"valid_from\":\"2008-08-01\",\"valid_to\":\"2025-06-30\",\"version\":1}"));
        // the catalogue import re-sends a unit with a corrected name
        ch.insertJsonEachRow("org_units", List.of(
                "{\"code\":\"00070\",\"name\":\"Phường Hoàn Kiếm\",\"level\":\"COMMUNE\",\"parent\":\"01\","
                        + "\"valid_from\":\"2025-07-01\",\"valid_to\":null,\"version\":2}"));
        ch.insertJsonEachRow("org_mergers", List.of(
                "{\"old_code\":\"00013\",\"new_code\":\"00004\",\"effective\":\"2025-07-01\",\"merge_type\":\"WHOLE\","
                        + "\"version\":1}",
                "{\"old_code\":\"00016\",\"new_code\":\"00004\",\"effective\":\"2025-07-01\",\"merge_type\":\"WHOLE\","
                        + "\"version\":1}",
                "{\"old_code\":\"00016\",\"new_code\":\"00008\",\"effective\":\"2025-07-01\",\"merge_type\":\"\","
                        + "\"version\":1}",
                "{\"old_code\":\"00004\",\"new_code\":\"00004\",\"effective\":\"2025-07-01\",\"merge_type\":\"WHOLE\","
                        + "\"version\":1}"));
        // the catalogue import re-sends a row whose type was corrected: 00016 was split
        ch.insertJsonEachRow("org_mergers", List.of(
                "{\"old_code\":\"00016\",\"new_code\":\"00004\",\"effective\":\"2025-07-01\",\"merge_type\":\"PART\","
                        + "\"version\":2}"));
    }

    @AfterAll
    static void close() {
        if (ch != null) {
            ch.close();
        }
    }

    @Test
    void loadsTheLatestVersionOfEveryUnit() {
        List<OrgUnit> units = new OrgUnitRepository(ch).findAll();
        assertThat(units).containsExactly(
                new OrgUnit("00070", "Phường Hoàn Kiếm", UnitLevel.COMMUNE, "01", LocalDate.of(2025, 7, 1), null),
                new OrgUnit("002", "Quận Hoàn Kiếm", UnitLevel.DISTRICT, "01", LocalDate.of(2008, 8, 1),
                        LocalDate.of(2025, 6, 30)),
                new OrgUnit("01", "Thành phố Hà Nội", UnitLevel.CITY, null, null, null),
                new OrgUnit("SKHCN", "Sở Khoa học và Công nghệ", UnitLevel.DEPARTMENT, "01", LocalDate.of(2025, 3, 1),
                        null));
    }

    @Test
    void loadsTheLatestVersionOfEveryMergerRowWithItsTypeAsStored() {
        LocalDate reform = LocalDate.of(2025, 7, 1);
        List<Merger> mergers = new OrgUnitRepository(ch).findMergers();
        assertThat(mergers).containsExactly(
                new Merger("00004", "00004", reform, "WHOLE"),
                new Merger("00013", "00004", reform, "WHOLE"),
                new Merger("00016", "00004", reform, "PART"),
                new Merger("00016", "00008", reform, null));
        // the KPI engine's OrgDirectory counts a row as partial when its type contains "part"
        assertThat(mergers).filteredOn(m -> m.mergeType() != null && m.mergeType().toLowerCase().contains("part"))
                .extracting(Merger::oldCode, Merger::newCode).containsExactly(tuple("00016", "00004"));
        OrgHierarchy h = new OrgHierarchy(new OrgUnitRepository(ch).findAll(), mergers);
        assertThat(h.mergersFrom("00016")).extracting(Merger::newCode).containsExactlyInAnyOrder("00004", "00008");
    }

    @Test
    void buildsTheDomainHierarchy() {
        OrgHierarchy h = new OrgUnitRepository(ch).hierarchy();
        assertThat(h.subtree("01", LocalDate.of(2026, 1, 1))).containsExactlyInAnyOrder("01", "00070", "SKHCN");
        assertThat(h.subtree("01", LocalDate.of(2025, 6, 1))).containsExactlyInAnyOrder("01", "002", "SKHCN");
    }
}
