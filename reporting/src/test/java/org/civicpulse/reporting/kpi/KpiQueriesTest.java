package org.civicpulse.reporting.kpi;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.civicpulse.domain.kpi.KpiDefinition;
import org.civicpulse.domain.kpi.KpiRegistry;
import org.civicpulse.reporting.clickhouse.Sql;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's contract with the registry and the SQL building blocks (no ClickHouse needed). */
class KpiQueriesTest {

    @Test
    void theEngineImplementsEveryRegistryKpiInItsFormulaVersion() {
        KpiEngine.checkImplemented(KpiRegistry.standard());
        assertThat(KpiQueries.IMPLEMENTED.keySet())
                .containsExactlyInAnyOrderElementsOf(KpiRegistry.standard().all().stream().map(KpiDefinition::id).toList());
    }

    @Test
    void aFormulaVersionTheEngineDoesNotImplementFailsLoudly() {
        String json = KpiRegistryFixture.standardJson().replaceFirst("\"formulaVersion\": 1", "\"formulaVersion\": 2");
        KpiRegistry bumped = KpiRegistry.fromJson(json, "bumped");
        assertThatThrownBy(() -> KpiEngine.checkImplemented(bumped)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("P1 is formulaVersion 2 in the registry, the engine implements 1");
    }

    @Test
    void everyMeasureIsInItsPassAggregate() {
        for (KpiQueries.Pass p : List.of(KpiQueries.Pass.DOSSIERS, KpiQueries.Pass.FEEDBACK, KpiQueries.Pass.LOGINS,
                KpiQueries.Pass.DOCUMENTS, KpiQueries.Pass.PROBES, KpiQueries.Pass.CATALOGUE)) {
            String text = KpiQueries.aggregateText(p);
            for (KpiQueries.Measure m : KpiQueries.measures(p)) {
                assertThat(text).contains(" AS " + m.id() + "_d", " AS " + m.id() + "_n");
            }
        }
        String q21Only = KpiQueries.aggregateText(KpiQueries.Pass.DOSSIERS, Set.of("q21"));
        assertThat(q21Only).contains("q21_n").doesNotContain("p5_n");
        assertThat(q21Only).endsWith("SETTINGS max_block_size = 8192, max_read_buffer_size = 65536");
    }

    @Test
    void segmentsScopeAndArraysRenderThroughSql() {
        Instant start = Instant.parse("2025-06-14T17:00:00Z");
        String seg = KpiQueries.segmentExpression("received_at", start, List.of(Instant.parse("2025-06-30T17:00:00Z")))
                .render();
        assertThat(seg).isEqualTo("toUInt8((received_at >= toDateTime('2025-06-15 00:00:00', 'Asia/Ho_Chi_Minh'))"
                + " + (received_at >= toDateTime('2025-07-01 00:00:00', 'Asia/Ho_Chi_Minh')))");
        Sql scope = KpiQueries.scopePredicate(List.of(Set.of("00013"), Set.of(), Set.of("0'4")));
        assertThat(scope.render()).isEqualTo("(0 OR (seg = 0 AND unit IN ('00013')) OR (seg = 2 AND unit IN ('0\\'4')))");
        assertThat(KpiQueries.numberArray(List.of(20454L, 20455L)).render()).isEqualTo("[toUInt32(20454), toUInt32(20455)]");
        assertThat(KpiQueries.numberArray(List.of()).render()).isEqualTo("[toUInt32(0)]");
    }

    @Test
    void submittedFiguresAreReadFromEitherForm() {
        assertThat(KpiEngine.figures("{\"P9.numerator\": 40, \"P9.denominator\": 50}", "P9"))
                .containsExactly(new java.math.BigDecimal("40"), new java.math.BigDecimal("50"));
        assertThat(KpiEngine.figures("{\"P9\": {\"numerator\": 19, \"denominator\": 20}}", "P9"))
                .containsExactly(new java.math.BigDecimal("19"), new java.math.BigDecimal("20"));
        assertThat(KpiEngine.figures("{\"P9.numerator\": \"40\", \"P9.denominator\": 50}", "P9")).isNull();
        assertThat(KpiEngine.figures("{\"P10.numerator\": 1}", "P9")).isNull();
        assertThat(KpiEngine.figures("not json", "P9")).isNull();
        assertThat(KpiEngine.figures("{\"P9.numerator\": -1, \"P9.denominator\": 50}", "P9")).isNull();
    }
}
