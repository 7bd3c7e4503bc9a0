package org.civicpulse.ingestion.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.civicpulse.domain.event.OnlineService;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;
import org.civicpulse.domain.procedure.Procedure;
import org.junit.jupiter.api.Test;

/** The generated Hanoi reference data files (units.csv, mergers.csv, procedures.csv). */
class ReferenceDataFilesTest {

    private final Path dir = SimTestSupport.referenceDir();
    private final List<OrgUnit> units = SimTestSupport.reference().units();
    private final List<Procedure> procedures = SimTestSupport.reference().procedures();

    private List<OrgUnit> on(String date, UnitLevel level) {
        LocalDate d = LocalDate.parse(date);
        return units.stream().filter(u -> u.level() == level && u.validOn(d)).toList();
    }

    @Test
    void unitCountsBeforeAndAfterTheReform() {
        assertThat(on("2025-06-30", UnitLevel.COMMUNE)).hasSize(526);
        assertThat(on("2025-06-30", UnitLevel.DISTRICT)).hasSize(30);
        assertThat(on("2025-07-01", UnitLevel.COMMUNE)).hasSize(126);
        assertThat(on("2025-07-01", UnitLevel.DISTRICT)).isEmpty();
        assertThat(on("2025-07-01", UnitLevel.DEPARTMENT)).hasSize(15);
        assertThat(on("2025-02-28", UnitLevel.DEPARTMENT)).isEmpty();
        assertThat(on("2026-11-27", UnitLevel.CITY)).singleElement()
                .satisfies(c -> assertThat(c.code()).isEqualTo("01"))
                .satisfies(c -> assertThat(c.name()).isEqualTo("Thành phố Hà Nội"));
        assertThat(units).hasSize(1 + 15 + 30 + 526 + 126);
    }

    @Test
    void everyParentExistsWhileItsChildDoes() {
        Map<String, List<OrgUnit>> byCode = units.stream().collect(Collectors.groupingBy(OrgUnit::code));
        for (OrgUnit u : units) {
            if (u.parent() == null) {
                assertThat(u.level()).isEqualTo(UnitLevel.CITY);
                continue;
            }
            assertThat(byCode).as("parent of %s", u).containsKey(u.parent());
            // The parent is in force on the child's first and last day.
            LocalDate first = u.validFrom();
            LocalDate last = u.validTo() == null ? LocalDate.of(2100, 1, 1) : u.validTo();
            assertThat(byCode.get(u.parent())).as("parent of %s on %s", u, first).anyMatch(p -> p.validOn(first));
            assertThat(byCode.get(u.parent())).as("parent of %s on %s", u, last).anyMatch(p -> p.validOn(last));
        }
        // Pre-reform communes hang under their district, post-reform ones under the city.
        assertThat(on("2025-06-30", UnitLevel.COMMUNE)).allMatch(u -> u.parent().length() == 3);
        assertThat(on("2025-07-01", UnitLevel.COMMUNE)).allMatch(u -> u.parent().equals("01"));
    }

    @Test
    void versionsOfOneCodeNeverOverlap() {
        OrgHierarchy h = OrgHierarchy.of(units); // throws on overlap
        Map<String, List<OrgUnit>> byCode = units.stream().collect(Collectors.groupingBy(OrgUnit::code));
        long reused = byCode.values().stream().filter(v -> v.size() == 2).count();
        assertThat(reused).as("post-reform codes reusing a pre-reform code").isEqualTo(126);
        for (List<OrgUnit> versions : byCode.values()) {
            for (OrgUnit a : versions) {
                for (OrgUnit b : versions) {
                    if (a != b) {
                        boolean disjoint = (a.validTo() != null && a.validTo().isBefore(b.validFrom()))
                                || (b.validTo() != null && b.validTo().isBefore(a.validFrom()));
                        assertThat(disjoint).as("%s vs %s", a, b).isTrue();
                    }
                }
            }
        }
        assertThat(h.at("00004", LocalDate.parse("2025-06-30"))).get().extracting(OrgUnit::name).isEqualTo("Phường Trúc Bạch");
        assertThat(h.at("00004", LocalDate.parse("2025-07-01"))).get().extracting(OrgUnit::name).isEqualTo("Phường Ba Đình");
    }

    @Test
    void departmentCodesAreDerivedFromShortNames() {
        Set<String> codes = on("2025-07-01", UnitLevel.DEPARTMENT).stream().map(OrgUnit::code).collect(Collectors.toSet());
        assertThat(codes).contains("SO-NOIVU", "SO-TUPHAP", "SO-TAICHINH", "SO-NNMT", "SO-QHKT", "SO-GDDT", "SO-YTE",
                "VP-UBND", "THANHTRA-TP");
        assertThat(ReferenceDataBuilder.departmentCode("Sở Văn hóa và Thể thao", "Văn hóa và Thể thao")).isEqualTo("SO-VHTT");
        assertThat(ReferenceDataBuilder.departmentCode("Sở Công Thương", "Công Thương")).isEqualTo("SO-CONGTHUONG");
    }

    @Test
    void procedures() {
        assertThat(procedures).hasSize(292);
        assertThat(procedures.stream().map(Procedure::code).distinct()).hasSize(292);
        Set<String> unitCodes = units.stream().map(OrgUnit::code).collect(Collectors.toSet());
        Map<String, Long> levels = procedures.stream().collect(Collectors.groupingBy(Procedure::authorityLevel, Collectors.counting()));
        assertThat(levels).containsEntry("COMMUNE", 130L).containsEntry("DEPARTMENT", 111L).containsEntry("CITY", 51L);
        for (Procedure p : procedures) {
            assertThat(unitCodes).as("unit of %s", p.code()).contains(p.unit());
            if (p.authorityLevel().equals("COMMUNE")) {
                assertThat(p.unit()).isEqualTo("01");
            } else {
                assertThat(p.unit()).as(p.code()).matches("SO-[A-Z]+");
            }
            assertThat(p.legalDays()).isBetween(0, 30);
        }
        // The two procedures the portal flags as full-process keep that flag and get a FULL service.
        assertThat(procedures).filteredOn(p -> p.code().equals("2.001610") || p.code().equals("2.001955"))
                .hasSize(2).allMatch(p -> p.fullProcessEligible() && p.onlineService() == OnlineService.FULL);
        // The seeded rank rule gives exact shares.
        assertThat(procedures.stream().filter(Procedure::simplified).count()).isEqualTo(Math.round(0.12 * 292));
        assertThat(procedures.stream().filter(Procedure::hasFee).count()).isEqualTo(Math.round(0.45 * 292));
        assertThat(procedures.stream().filter(Procedure::paperResult).count()).isEqualTo(Math.round(0.85 * 292));
    }

    @Test
    void mergers() throws IOException {
        List<Csv.Row> rows = Csv.read(dir.resolve("mergers.csv"));
        assertThat(rows).hasSize(795);
        Set<String> old = new HashSet<>();
        Map<String, Integer> types = new HashMap<>();
        Set<String> pre = on("2025-06-30", UnitLevel.COMMUNE).stream().map(OrgUnit::code).collect(Collectors.toSet());
        Set<String> post = on("2025-07-01", UnitLevel.COMMUNE).stream().map(OrgUnit::code).collect(Collectors.toSet());
        for (Csv.Row r : rows) {
            assertThat(pre).contains(r.get("old_code"));
            assertThat(post).contains(r.get("new_code"));
            assertThat(r.get("effective")).isEqualTo("2025-07-01");
            old.add(r.get("old_code"));
            types.merge(r.get("merge_type"), 1, Integer::sum);
        }
        assertThat(old).hasSize(526);
        assertThat(types).containsOnlyKeys("WHOLE", "PART", "PART_AREA", "PART_AREA_WHOLE_POPULATION")
                .containsEntry("WHOLE", 327);
    }

    @Test
    void filesAreUtf8NfcAndReproducedByTheBuilder() throws IOException {
        Map<String, String> rebuilt = ReferenceDataBuilder.build(dir);
        for (Map.Entry<String, String> e : rebuilt.entrySet()) {
            String onDisk = Files.readString(dir.resolve(e.getKey()), StandardCharsets.UTF_8);
            assertThat(onDisk).as(e.getKey() + " is what ReferenceDataBuilder makes of the raw files").isEqualTo(e.getValue());
            assertThat(Normalizer.isNormalized(onDisk, Normalizer.Form.NFC)).as(e.getKey() + " NFC").isTrue();
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("reference-data/" + e.getKey())) {
                assertThat(in).as("classpath copy of " + e.getKey()).isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .as("classpath copy of " + e.getKey()).isEqualTo(onDisk);
            }
        }
        assertThat(Files.readString(dir.resolve("units.csv"))).startsWith(ReferenceDataBuilder.UNITS_HEADER + "\n")
                .contains("00004,Phường Ba Đình,COMMUNE,01,2025-07-01,\n");
    }
}
