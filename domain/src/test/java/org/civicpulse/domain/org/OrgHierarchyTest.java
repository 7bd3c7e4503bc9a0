package org.civicpulse.domain.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.civicpulse.domain.event.CatalogMerger;
import org.civicpulse.domain.event.CatalogUnit;
import org.civicpulse.domain.event.MergeType;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.OrgHierarchy.Membership;
import org.junit.jupiter.api.Test;

/**
 * A small Hanoi-like tree: the city, a department created on 1 March 2025, two districts closed on
 * 30 June 2025, a ward that moved from one district to the other on 1 January 2025, and the reform of
 * 1 July 2025 in which wards 00004, 00013 and (part of) 90001 became the new ward 00004, which kept the
 * code of one of them, and the rest of 90001 became 00008.
 */
class OrgHierarchyTest {

    private static final LocalDate REFORM = d("2025-07-01");
    private static final LocalDate BEFORE_REFORM = d("2025-06-30");

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    private static OrgUnit unit(String code, String name, UnitLevel level, String parent, String from, String to) {
        return new OrgUnit(code, name, level, parent, from == null ? null : d(from), to == null ? null : d(to));
    }

    private static List<OrgUnit> units() {
        return List.of(
                unit("01", "Thành phố Hà Nội", UnitLevel.CITY, null, null, null),
                unit("SNV", "Sở Nội vụ", UnitLevel.DEPARTMENT, "01", "2025-03-01", null),
                unit("001", "Quận Ba Đình", UnitLevel.DISTRICT, "01", null, "2025-06-30"),
                unit("002", "Quận Hoàn Kiếm", UnitLevel.DISTRICT, "01", null, "2025-06-30"),
                unit("00004", "Phường Trúc Bạch", UnitLevel.COMMUNE, "001", null, "2025-06-30"),
                unit("00013", "Phường Quán Thánh", UnitLevel.COMMUNE, "001", null, "2025-06-30"),
                unit("90001", "Phường Thử Nghiệm", UnitLevel.COMMUNE, "002", null, "2024-12-31"),
                unit("90001", "Phường Thử Nghiệm", UnitLevel.COMMUNE, "001", "2025-01-01", "2025-06-30"),
                unit("00004", "Phường Ba Đình", UnitLevel.COMMUNE, "01", "2025-07-01", null),
                unit("00008", "Phường Ngọc Hà", UnitLevel.COMMUNE, "01", "2025-07-01", null));
    }

    private static List<Merger> mergers() {
        return List.of(
                new Merger("00004", "00004", REFORM, "Nhập toàn bộ"),
                new Merger("00013", "00004", REFORM, "Nhập toàn bộ"),
                new Merger("90001", "00004", REFORM, "Nhập một phần"),
                new Merger("90001", "00008", REFORM, "Nhập một phần"));
    }

    private final OrgHierarchy tree = new OrgHierarchy(units(), mergers());

    private static List<String> codes(List<OrgUnit> units) {
        return units.stream().map(OrgUnit::code).toList();
    }

    @Test
    void atPicksTheVersionInForce() {
        assertThat(tree.at("00004", BEFORE_REFORM)).get().extracting(OrgUnit::name).isEqualTo("Phường Trúc Bạch");
        assertThat(tree.at("00004", REFORM)).get().extracting(OrgUnit::name).isEqualTo("Phường Ba Đình");
        assertThat(tree.at("001", BEFORE_REFORM)).isPresent();
        assertThat(tree.at("001", REFORM)).isEmpty();
        assertThat(tree.at("SNV", d("2025-02-28"))).isEmpty();
        assertThat(tree.at("01", d("1990-01-01"))).isPresent();
        assertThat(tree.at("nope", REFORM)).isEmpty();
        assertThat(tree.versions("90001")).hasSize(2);
        assertThat(tree.codes()).containsExactly("00004", "00008", "00013", "001", "002", "01", "90001", "SNV");
    }

    @Test
    void childrenChangeWithTheDate() {
        assertThat(codes(tree.children("01", d("2025-01-01")))).containsExactly("001", "002");
        assertThat(codes(tree.children("01", BEFORE_REFORM))).containsExactly("001", "002", "SNV");
        assertThat(codes(tree.children("01", REFORM))).containsExactly("00004", "00008", "SNV");
        assertThat(codes(tree.children("002", d("2024-12-31")))).containsExactly("90001");
        assertThat(codes(tree.children("002", d("2025-01-01")))).isEmpty();
        assertThat(codes(tree.children("001", REFORM))).isEmpty();
    }

    @Test
    void subtreeOnADate() {
        assertThat(tree.subtree("001", d("2024-12-31"))).containsExactlyInAnyOrder("001", "00004", "00013");
        assertThat(tree.subtree("001", d("2025-01-01"))).containsExactlyInAnyOrder("001", "00004", "00013", "90001");
        assertThat(tree.subtree("002", d("2024-12-31"))).containsExactlyInAnyOrder("002", "90001");
        assertThat(tree.subtree("01", REFORM)).containsExactly("01", "00004", "00008", "SNV");
        assertThat(tree.subtree("01", BEFORE_REFORM)).first().isEqualTo("01");
        assertThat(tree.subtree("001", REFORM)).isEmpty();
    }

    @Test
    void subtreeDuringCollectsEveryUnitOfThePeriod() {
        // Decree 09 year 2025: 15 Dec 2024 – 14 Dec 2025.
        LocalDate from = d("2024-12-15");
        LocalDate to = d("2025-12-14");

        assertThat(tree.subtreeDuring("001", from, to)).containsExactly("00004", "00013", "001", "90001");
        assertThat(tree.subtreeDuring("002", from, to)).containsExactly("002", "90001");
        assertThat(tree.subtreeDuring("01", from, to))
                .containsExactly("00004", "00008", "00013", "001", "002", "01", "90001", "SNV");
        assertThat(tree.subtreeDuring("00008", from, to)).containsExactly("00008");
        assertThat(tree.subtreeDuring("001", REFORM, to)).isEmpty();
        assertThat(tree.subtreeDuring("001", d("2024-12-20"), d("2024-12-20"))).containsExactly("00004", "00013", "001");
    }

    @Test
    void subtreeMembershipGivesTheExactDaysOfEachCode() {
        LocalDate from = d("2024-12-15");
        LocalDate to = d("2025-12-14");

        assertThat(tree.subtreeMembership("001", from, to)).containsExactly(
                new Membership("00004", from, BEFORE_REFORM),
                new Membership("00013", from, BEFORE_REFORM),
                new Membership("001", from, BEFORE_REFORM),
                new Membership("90001", d("2025-01-01"), BEFORE_REFORM));
        assertThat(tree.subtreeMembership("002", from, to)).containsExactly(
                new Membership("002", from, BEFORE_REFORM),
                new Membership("90001", from, d("2024-12-31")));
        // The reused code 00004 stays inside the city's subtree across the reform: one span.
        assertThat(tree.subtreeMembership("01", from, to))
                .contains(new Membership("00004", from, to), new Membership("00008", REFORM, to),
                        new Membership("SNV", d("2025-03-01"), to));
    }

    @Test
    void pathToRootForBreadcrumbs() {
        assertThat(codes(tree.pathToRoot("00013", d("2025-06-01")))).containsExactly("00013", "001", "01");
        assertThat(codes(tree.pathToRoot("00004", REFORM))).containsExactly("00004", "01");
        assertThat(codes(tree.pathToRoot("90001", d("2024-06-01")))).containsExactly("90001", "002", "01");
        assertThat(tree.pathToRoot("00013", REFORM)).isEmpty();
    }

    @Test
    void isWithinFollowsTheTreeOfTheDate() {
        assertThat(tree.isWithin("00004", "001", BEFORE_REFORM)).isTrue();
        assertThat(tree.isWithin("00004", "001", REFORM)).isFalse();
        assertThat(tree.isWithin("00004", "01", REFORM)).isTrue();
        assertThat(tree.isWithin("90001", "002", d("2024-12-31"))).isTrue();
        assertThat(tree.isWithin("90001", "002", d("2025-01-01"))).isFalse();
        assertThat(tree.isWithin("90001", "001", d("2025-01-01"))).isTrue();
        assertThat(tree.isWithin("001", "001", BEFORE_REFORM)).isTrue();
        assertThat(tree.isWithin("001", "001", REFORM)).isFalse();
        assertThat(tree.isWithin("01", "001", BEFORE_REFORM)).isFalse();
        assertThat(tree.isWithin("nope", "01", REFORM)).isFalse();
    }

    @Test
    void successorsAndPredecessorsAreManyToMany() {
        assertThat(tree.successors("90001")).containsExactly("00004", "00008");
        assertThat(tree.successors("00013")).containsExactly("00004");
        assertThat(tree.successors("00004")).containsExactly("00004");
        assertThat(tree.predecessors("00004")).containsExactly("00004", "00013", "90001");
        assertThat(tree.predecessors("00008")).containsExactly("90001");
        assertThat(tree.successors("01")).isEmpty();
        assertThat(tree.mergersFrom("90001")).extracting(Merger::mergeType).containsOnly("Nhập một phần");
        assertThat(tree.mergersInto("00004")).hasSize(3);
        assertThat(tree.mergers()).hasSize(4);
    }

    @Test
    void rootsAndUnitsOnADate() {
        assertThat(codes(tree.roots(REFORM))).containsExactly("01");
        assertThat(codes(tree.unitsOn(REFORM))).containsExactly("00004", "00008", "01", "SNV");
    }

    @Test
    void aUnitWhoseParentIsMissingIsARootAndInNoOnesSubtree() {
        List<OrgUnit> list = new ArrayList<>(units());
        list.add(unit("77777", "Xã Mồ Côi", UnitLevel.COMMUNE, "999", null, null));
        OrgHierarchy withOrphan = OrgHierarchy.of(list);

        assertThat(codes(withOrphan.roots(REFORM))).containsExactly("01", "77777");
        assertThat(withOrphan.isWithin("77777", "01", REFORM)).isFalse();
        assertThat(withOrphan.subtree("77777", REFORM)).containsExactly("77777");
    }

    @Test
    void overlappingVersionsAreRejected() {
        List<OrgUnit> list = new ArrayList<>(units());
        list.add(unit("001", "Quận Ba Đình (mới)", UnitLevel.DISTRICT, "01", "2025-06-01", null));

        assertThatThrownBy(() -> OrgHierarchy.of(list))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit 001 has overlapping versions [since ever – 2025-06-30]")
                .hasMessageContaining("[2025-06-01 – open]");
    }

    @Test
    void twoOpenVersionsOfOneCodeAreRejected() {
        assertThatThrownBy(() -> OrgHierarchy.of(List.of(
                unit("01", "A", UnitLevel.CITY, null, null, null),
                unit("01", "B", UnitLevel.CITY, null, null, null))))
                .hasMessageContaining("unit 01 has overlapping versions");
    }

    @Test
    void versionsTouchingOnConsecutiveDaysAreFine() {
        OrgHierarchy h = OrgHierarchy.of(List.of(
                unit("01", "A", UnitLevel.CITY, null, null, "2025-06-30"),
                unit("01", "B", UnitLevel.CITY, null, "2025-07-01", null)));

        assertThat(h.at("01", BEFORE_REFORM)).get().extracting(OrgUnit::name).isEqualTo("A");
        assertThat(h.at("01", REFORM)).get().extracting(OrgUnit::name).isEqualTo("B");
    }

    @Test
    void cyclesAreRejected() {
        assertThatThrownBy(() -> OrgHierarchy.of(List.of(
                unit("A", "A", UnitLevel.DISTRICT, "B", null, null),
                unit("B", "B", UnitLevel.DISTRICT, "A", null, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("org units form a cycle on every day: (A → B → A|B → A → B)");
    }

    @Test
    void aCycleThatOnlyExistsFromSomeDateIsRejectedNamingThatDate() {
        assertThatThrownBy(() -> OrgHierarchy.of(List.of(
                unit("C", "C", UnitLevel.CITY, null, null, null),
                unit("A", "A", UnitLevel.DISTRICT, "B", null, null),
                unit("B", "B", UnitLevel.DISTRICT, "C", null, "2024-12-31"),
                unit("B", "B", UnitLevel.DISTRICT, "A", "2025-01-01", null))))
                .hasMessageStartingWith("org units form a cycle on 2025-01-01:");
    }

    @Test
    void unitVersionsAreValidated() {
        assertThatThrownBy(() -> unit("A", "A", UnitLevel.CITY, "A", null, null))
                .hasMessage("unit A cannot be its own parent");
        assertThatThrownBy(() -> unit("A", "A", UnitLevel.CITY, null, "2025-07-01", "2025-06-30"))
                .hasMessage("unit A version ends 2025-06-30 before it starts 2025-07-01");
        assertThatThrownBy(() -> unit(" ", "A", UnitLevel.CITY, null, null, null))
                .hasMessage("org unit code is missing");
        assertThat(unit("A", "A", UnitLevel.CITY, "", null, null).parent()).isNull();
        assertThatThrownBy(() -> new Merger("a", " ", REFORM, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangeQueriesRejectAnEndBeforeTheStart() {
        assertThatThrownBy(() -> tree.subtreeDuring("01", REFORM, BEFORE_REFORM))
                .hasMessage("range end 2025-06-30 is before start 2025-07-01");
    }

    @Test
    void aVersionCanBeBuiltFromACatalogEvent() {
        CatalogUnit event = new CatalogUnit("e1", OffsetDateTime.parse("2025-07-01T00:00:00+07:00"), "catalog",
                "00004", "00004", "Phường Ba Đình", UnitLevel.COMMUNE, "01", REFORM, null);

        assertThat(OrgUnit.from(event))
                .isEqualTo(unit("00004", "Phường Ba Đình", UnitLevel.COMMUNE, "01", "2025-07-01", null));
    }

    @Test
    void aMergerCanBeBuiltFromACatalogEvent() {
        OffsetDateTime at = OffsetDateTime.parse("2025-07-01T00:00:00+07:00");
        assertThat(Merger.from(new CatalogMerger("e2", at, "catalog", "00004", "90001", "00004", REFORM, MergeType.PART)))
                .isEqualTo(new Merger("90001", "00004", REFORM, "PART"));
        assertThat(Merger.from(new CatalogMerger("e3", at, "catalog", "00004", "00013", "00004", REFORM, null))
                .mergeType()).isNull();
    }
}
