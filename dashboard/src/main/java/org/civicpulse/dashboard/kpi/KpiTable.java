package org.civicpulse.dashboard.kpi;

import java.util.List;
import java.util.function.Function;

/** The columns of the CSV and XLSX exports, in order: the JSON field names, so all three read alike. */
final class KpiTable {

    enum Type { TEXT, NUMBER, INTEGER, INSTANT }

    record Column(String name, Type type, Function<KpiRow, Object> get, int width) {
    }

    static final List<Column> COLUMNS = List.of(
            new Column("kpi", Type.TEXT, KpiRow::kpi, 10),
            new Column("name", Type.TEXT, KpiRow::name, 48),
            new Column("unit", Type.TEXT, KpiRow::unit, 12),
            new Column("unitName", Type.TEXT, KpiRow::unitName, 32),
            new Column("period", Type.TEXT, KpiRow::period, 12),
            new Column("numerator", Type.NUMBER, KpiRow::numerator, 12),
            new Column("denominator", Type.NUMBER, KpiRow::denominator, 13),
            new Column("value", Type.NUMBER, KpiRow::value, 10),
            new Column("target", Type.NUMBER, KpiRow::target, 10),
            new Column("status", Type.TEXT, KpiRow::status, 11),
            new Column("measure", Type.TEXT, KpiRow::measure, 10),
            new Column("asOf", Type.INSTANT, KpiRow::asOf, 21),
            new Column("formulaVersion", Type.INTEGER, KpiRow::formulaVersion, 9),
            new Column("projection", Type.NUMBER, KpiRow::projection, 11),
            new Column("requiredRate", Type.NUMBER, KpiRow::requiredRate, 12),
            new Column("sourcesReported", Type.NUMBER, KpiRow::sourcesReported, 9),
            new Column("points", Type.NUMBER, KpiRow::points, 8),
            new Column("grade", Type.TEXT, KpiRow::grade, 11),
            new Column("rank", Type.INTEGER, KpiRow::rank, 7),
            new Column("nameEn", Type.TEXT, KpiRow::nameEn, 40));

    private KpiTable() {
    }
}
