package org.civicpulse.domain.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.civicpulse.domain.event.UnitLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KpiRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every KPI of docs/KPIS.md (plus the split variants and the 766 group scores). */
    private static final List<String> KPIS_MD = List.of(
            "P1", "P2", "P2b", "P3", "P4", "P5", "P5b", "P6", "P6f", "P6r", "P7", "P8", "P9", "P10", "P11", "P12",
            "P12b", "P12c",
            "Q2.1", "Q2.2", "Q3.1", "Q3.3", "Q3.4", "Q3.6", "Q4.1", "Q4.2", "Q4.3", "Q4.5", "Q5.2", "Q5.4",
            "Q-TRANSPARENCY", "Q-PROGRESS", "Q-ONLINE", "Q-PAYMENT", "Q-DIGITISATION", "Q-SATISFACTION", "Q-TOTAL",
            "O1", "O2", "O3", "O3o", "O3d", "O4", "O5", "O5r");

    @Test
    void theShippedRegistryHoldsEveryKpiOfKpisMdInOrder() {
        KpiRegistry r = KpiRegistry.standard();
        assertThat(r.all()).extracting(KpiDefinition::id).containsExactlyElementsOf(KPIS_MD);
        assertThat(r.version()).isNotBlank();
        assertThat(r.decisions()).hasSizeGreaterThan(10);
        assertThat(r.all()).allSatisfy(k -> {
            assertThat(k.decisions()).isNotBlank();
            assertThat(k.name().vi()).isNotBlank();
            assertThat(k.name().en()).isNotBlank();
            assertThat(k.legalSource()).isNotBlank();
            assertThat(k.formulaVersion()).isPositive();
            assertThat(k.levels()).isNotEmpty();
        });
    }

    @Test
    void targetsScoringAndLevelsAreAsKpisMdSays() {
        KpiRegistry r = KpiRegistry.standard();
        KpiDefinition p11 = r.get("P11");
        assertThat(p11.targetFor(UnitLevel.DEPARTMENT)).contains(new BigDecimal("100"));
        assertThat(p11.targetFor(UnitLevel.DISTRICT)).contains(new BigDecimal("95"));
        assertThat(p11.targetFor(UnitLevel.COMMUNE)).contains(new BigDecimal("80"));
        assertThat(p11.targetFor(UnitLevel.CITY)).isEmpty();
        assertThat(p11.target().weightedFor(UnitLevel.CITY)).isTrue();
        assertThat(r.get("P5").targetFor(UnitLevel.CITY)).contains(new BigDecimal("60"));
        assertThat(r.get("P6").targetFor(UnitLevel.COMMUNE)).contains(new BigDecimal("90"));
        assertThat(r.get("Q2.2").target().defined()).isFalse();
        assertThat(r.get("Q2.2").direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(r.get("Q2.1").scoring().maxPoints()).isEqualByComparingTo("20");
        assertThat(r.get("Q3.4").scoring().maxPoints()).isEqualByComparingTo("12");
        assertThat(r.get("Q3.6").scoring().maxPoints()).isEqualByComparingTo("6");
        assertThat(r.get("Q4.1").scoring().maxPoints()).isEqualByComparingTo("6");
        assertThat(r.get("Q4.5").scoring().maxPoints()).isEqualByComparingTo("2");
        assertThat(r.get("Q5.2").scoring().maxPoints()).isEqualByComparingTo("6");
        assertThat(r.get("Q3.1").scoring().threshold()).isEqualByComparingTo("80");
        assertThat(r.get("Q3.3").scoring().threshold()).isEqualByComparingTo("50");
        assertThat(r.get("Q5.4").scoring().threshold()).isEqualByComparingTo("90");
        BigDecimal groups = r.groupScores().stream().map(k -> k.scoring().maxPoints()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(groups).isEqualByComparingTo("100");
        assertThat(r.scoredIn(KpiGroup.DIGITISATION)).extracting(KpiDefinition::id)
                .containsExactly("Q4.1", "Q4.2", "Q4.3", "Q4.5");
        assertThat(r.get("P9").sources()).containsExactly(DataSource.S);
        assertThat(r.get("P8").sources()).containsExactly(DataSource.E, DataSource.S);
        assertThat(r.parameters().feedbackAnswerWorkingDays()).isEqualTo(15);
    }

    @Test
    void classBandsClassifyTotals() {
        KpiRegistry r = KpiRegistry.standard();
        assertThat(r.classify(new BigDecimal("95")).id()).isEqualTo("EXCELLENT");
        assertThat(r.classify(new BigDecimal("90")).id()).isEqualTo("EXCELLENT");
        assertThat(r.classify(new BigDecimal("89.99")).id()).isEqualTo("GOOD");
        assertThat(r.classify(new BigDecimal("70")).id()).isEqualTo("FAIR");
        assertThat(r.classify(new BigDecimal("0")).id()).isEqualTo("WEAK");
    }

    @Test
    void unknownIdsFailWithTheKnownOnes() {
        KpiRegistry r = KpiRegistry.standard();
        assertThatThrownBy(() -> r.get("P99")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown KPI id 'P99'").hasMessageContaining("Q2.1");
        assertThatThrownBy(() -> r.get(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(r.find("P99")).isEmpty();
        assertThat(r.get(" P5 ").id()).isEqualTo("P5");
    }

    @Test
    void aMinimalRegistryLoads() {
        KpiRegistry r = KpiRegistry.fromJson(minimal().toString(), "test");
        assertThat(r.all()).extracting(KpiDefinition::id).containsExactly("X1", "G", "T");
    }

    @Test
    void aMissingTargetFailsLoudly() {
        assertProblem(k -> k.remove("target"), "X1", "target: missing");
    }

    @Test
    void anEmptyTargetFailsLoudly() {
        assertProblem(k -> k.putObject("target"), "target", "give \"value\", \"byLevel\", or \"none\"");
    }

    @Test
    void aLevelWithoutTargetFailsUnlessAggregated() {
        assertProblem(k -> {
            ObjectNode t = k.putObject("target");
            t.putObject("byLevel").put("COMMUNE", 80);
        }, "no target for level CITY");
        KpiRegistry ok = KpiRegistry.fromJson(mutate(k -> {
            ObjectNode t = k.putObject("target");
            t.putObject("byLevel").put("COMMUNE", 80);
            t.put("aggregate", "WEIGHTED_BY_DENOMINATOR");
        }).toString(), "test");
        assertThat(ok.get("X1").target().weightedFor(UnitLevel.CITY)).isTrue();
    }

    @Test
    void aTargetOfNoneNeedsAReason() {
        assertProblem(k -> k.putObject("target").put("none", " "), "none", "non-blank");
        assertProblem(k -> k.putObject("target").put("none", "x").put("value", 3), "excludes value");
    }

    @Test
    void percentagesOutOfRangeFail() {
        assertProblem(k -> k.putObject("target").put("value", 120), "within 0–100");
    }

    @Test
    void unknownFieldsAndEnumsFail() {
        assertProblem(k -> k.put("numerater", "typo"), "unknown field(s) [numerater]");
        assertProblem(k -> k.put("unit", "PERCENTAGE"), "\"PERCENTAGE\" is not one of");
        assertProblem(k -> k.put("group", "speed"), "\"speed\" is not one of");
        assertProblem(k -> ((ArrayNode) k.get("levels")).add("WARD"), "\"WARD\" is not one of");
        assertProblem(k -> k.put("formulaVersion", 0), "must be ≥ 1");
        assertProblem(k -> k.remove("decisions"), "decisions: missing");
    }

    @Test
    void duplicateIdsFail() {
        ObjectNode root = minimal();
        ((ArrayNode) root.get("kpis")).add(root.get("kpis").get(0).deepCopy());
        assertThatThrownBy(() -> KpiRegistry.fromJson(root.toString(), "test"))
                .isInstanceOf(KpiRegistryException.class).hasMessageContaining("duplicate id X1");
    }

    @Test
    void scoringMustBeConsistent() {
        assertProblem(k -> k.put("group", "progress"), "group progress has no GROUP_SCORE entry");
        assertProblem(k -> ((ObjectNode) k.get("scoring")).remove("threshold"), "threshold: missing");
        ObjectNode root = minimal();
        ((ObjectNode) root.get("kpis").get(1).get("scoring")).put("maxPoints", 90);
        assertThatThrownBy(() -> KpiRegistry.fromJson(root.toString(), "test"))
                .hasMessageContaining("add up to 90, not 100");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        ObjectNode root = mutate(k -> {
            k.remove("target");
            k.put("unit", "FOO");
        });
        assertThatThrownBy(() -> KpiRegistry.fromJson(root.toString(), "test"))
                .isInstanceOfSatisfying(KpiRegistryException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void brokenJsonFails() {
        assertThatThrownBy(() -> KpiRegistry.fromJson("{\"kpis\": [", "broken.json"))
                .isInstanceOf(KpiRegistryException.class).hasMessageContaining("broken.json");
    }

    @Test
    void scoringEarnsPointsUpToTheThreshold() {
        Scoring q21 = new Scoring(new BigDecimal("20"), new BigDecimal("100"));
        assertThat(q21.points(new BigDecimal("85"))).isEqualByComparingTo("17.00");
        Scoring q33 = new Scoring(new BigDecimal("2"), new BigDecimal("50"));
        assertThat(q33.points(new BigDecimal("40"))).isEqualByComparingTo("1.60");
        assertThat(q33.points(new BigDecimal("60"))).isEqualByComparingTo("2.00");
        assertThat(q33.points(null)).isNull();
        assertThat(new Scoring(new BigDecimal("6"), new BigDecimal("90")).points(new BigDecimal("66.67")))
                .isEqualByComparingTo("4.44");
    }

    @Test
    void statusRule() {
        StatusRule rule = new StatusRule(new BigDecimal("5"));
        BigDecimal t = new BigDecimal("60");
        Direction up = Direction.HIGHER_IS_BETTER;
        assertThat(rule.evaluate(null, t, up, true, null)).isEqualTo(KpiStatus.NO_DATA);
        assertThat(rule.evaluate(new BigDecimal("50"), null, up, true, null)).isEqualTo(KpiStatus.NO_TARGET);
        assertThat(rule.evaluate(new BigDecimal("60"), t, up, true, null)).isEqualTo(KpiStatus.MET);
        assertThat(rule.evaluate(new BigDecimal("61"), t, up, false, null)).isEqualTo(KpiStatus.MET);
        assertThat(rule.evaluate(new BigDecimal("59.99"), t, up, true, new BigDecimal("70"))).isEqualTo(KpiStatus.MISSED);
        assertThat(rule.evaluate(new BigDecimal("50"), t, up, false, new BigDecimal("61"))).isEqualTo(KpiStatus.ON_TRACK);
        assertThat(rule.evaluate(new BigDecimal("50"), t, up, false, new BigDecimal("59"))).isEqualTo(KpiStatus.AT_RISK);
        assertThat(rule.evaluate(new BigDecimal("56"), t, up, false, null)).isEqualTo(KpiStatus.ON_TRACK);
        assertThat(rule.evaluate(new BigDecimal("54"), t, up, false, null)).isEqualTo(KpiStatus.AT_RISK);
        Direction down = Direction.LOWER_IS_BETTER;
        assertThat(rule.evaluate(new BigDecimal("10"), new BigDecimal("12"), down, true, null)).isEqualTo(KpiStatus.MET);
        assertThat(rule.evaluate(new BigDecimal("13"), new BigDecimal("12"), down, true, null)).isEqualTo(KpiStatus.MISSED);
    }

    // ------------------------------------------------------------------------------------------

    private static void assertProblem(Consumer<ObjectNode> onFirstKpi, String... fragments) {
        ObjectNode root = mutate(onFirstKpi);
        assertThatThrownBy(() -> KpiRegistry.fromJson(root.toString(), "test.json"))
                .isInstanceOf(KpiRegistryException.class)
                .satisfies(e -> {
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                });
    }

    private static ObjectNode mutate(Consumer<ObjectNode> onFirstKpi) {
        ObjectNode root = minimal();
        onFirstKpi.accept((ObjectNode) root.get("kpis").get(0));
        return root;
    }

    static ObjectNode minimal() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"registryVersion": "t1",
                     "statusRule": {"atRiskMargin": 5, "text": "rule"},
                     "parameters": {"almostLateWorkingDays": 2, "feedbackAnswerWorkingDays": 15, "uptimeSlaPercent": 99,
                                    "officeOpenHour": 8, "officeCloseHour": 17, "freshnessLookbackDays": 31},
                     "classBands": [{"id": "A", "name": {"vi": "a", "en": "a"}, "minScore": 50},
                                    {"id": "B", "name": {"vi": "b", "en": "b"}, "minScore": 0}],
                     "decisions": ["d"],
                     "kpis": [
                       {"id": "X1", "name": {"vi": "x", "en": "x"}, "legalSource": "s", "formulaVersion": 1,
                        "kind": "RATIO", "numerator": "n", "denominator": "d", "unit": "PERCENT",
                        "direction": "HIGHER_IS_BETTER", "target": {"value": 60},
                        "scoring": {"maxPoints": 10, "threshold": 100}, "group": "online",
                        "levels": ["CITY", "COMMUNE"], "source": ["E"], "periodBasis": "RECEIVED", "decisions": "none"},
                       {"id": "G", "name": {"vi": "g", "en": "g"}, "legalSource": "s", "formulaVersion": 1,
                        "kind": "GROUP_SCORE", "numerator": "n", "denominator": "d", "unit": "SCORE",
                        "direction": "HIGHER_IS_BETTER", "target": {"none": "group"}, "scoring": {"maxPoints": 100},
                        "group": "online", "levels": ["CITY"], "source": ["E"], "periodBasis": "DERIVED", "decisions": "none"},
                       {"id": "T", "name": {"vi": "t", "en": "t"}, "legalSource": "s", "formulaVersion": 1,
                        "kind": "TOTAL_SCORE", "numerator": "n", "denominator": "d", "unit": "SCORE",
                        "direction": "HIGHER_IS_BETTER", "target": {"value": 90},
                        "levels": ["CITY"], "source": ["E"], "periodBasis": "DERIVED", "decisions": "none"}
                     ]}
                    """);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unused")
    private static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }
}
