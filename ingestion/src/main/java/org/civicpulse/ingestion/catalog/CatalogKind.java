package org.civicpulse.ingestion.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civicpulse.domain.event.EventType;

/** The three catalogue files: their CSV columns, the event fields they fill, and how values are read. */
enum CatalogKind {

    UNITS(EventType.CATALOG_UNIT, List.of(
            new Column("code", "code", Kind.TEXT, true),
            new Column("name", "name", Kind.TEXT, true),
            new Column("level", "level", Kind.LEVEL, true),
            new Column("parent", "parent", Kind.TEXT, false),
            new Column("valid_from", "validFrom", Kind.TEXT, true),
            new Column("valid_to", "validTo", Kind.TEXT, false))),

    PROCEDURES(EventType.CATALOG_PROCEDURE, List.of(
            new Column("code", "code", Kind.TEXT, true),
            new Column("name", "name", Kind.TEXT, true),
            new Column("field", "field", Kind.TEXT, true),
            new Column("authority_level", "authorityLevel", Kind.TEXT, true),
            new Column("unit", "unit", Kind.TEXT, true),
            new Column("full_process_eligible", "fullProcessEligible", Kind.BOOL, true),
            new Column("online_service", "onlineService", Kind.ENUM, true),
            new Column("national_portal", "nationalPortal", Kind.BOOL, true),
            new Column("ux_redesigned", "uxRedesigned", Kind.BOOL, true),
            new Column("has_fee", "hasFee", Kind.BOOL, true),
            new Column("paper_result", "paperResult", Kind.BOOL, true),
            new Column("simplified", "simplified", Kind.BOOL, true),
            new Column("legal_days", "legalDays", Kind.INT, true))),

    MERGERS(EventType.CATALOG_MERGER, List.of(
            new Column("old_code", "oldCode", Kind.TEXT, true),
            new Column("new_code", "newCode", Kind.TEXT, true),
            new Column("effective", "effective", Kind.TEXT, true),
            new Column("merge_type", "mergeType", Kind.MERGE_TYPE, false)));

    /** How a CSV cell becomes a JSON value. */
    enum Kind { TEXT, ENUM, LEVEL, MERGE_TYPE, BOOL, INT }

    /**
     * @param csv      CSV header name
     * @param json     event field (and JSON import field)
     * @param required the CSV header must have this column
     */
    record Column(String csv, String json, Kind kind, boolean required) {
    }

    /**
     * Vietnamese administrative sub-kinds (as in reference-data/hanoi) mapped onto the contract's four levels:
     * phường/thị trấn/xã are communes; quận/huyện/thị xã are districts.
     */
    private static final Map<String, String> LEVEL_SYNONYMS = Map.of(
            "WARD", "COMMUNE",
            "TOWNSHIP", "COMMUNE",
            "URBAN_DISTRICT", "DISTRICT",
            "RURAL_DISTRICT", "DISTRICT",
            "TOWN", "DISTRICT",
            "PROVINCE", "CITY");

    /**
     * The finer partial kinds of reference-data/hanoi/mergers.csv ("Nhập một phần diện tích", "… diện tích,
     * toàn bộ dân số") mapped onto the contract's PART: the old unit still went to several new ones.
     */
    private static final Map<String, String> MERGE_TYPE_SYNONYMS = Map.of(
            "PART_AREA", "PART",
            "PART_AREA_WHOLE_POPULATION", "PART");

    final EventType type;
    final List<Column> columns;
    private final Map<String, String> jsonToCsv = new HashMap<>();

    CatalogKind(EventType type, List<Column> columns) {
        this.type = type;
        this.columns = columns;
        for (Column c : columns) {
            jsonToCsv.put(c.json(), c.csv());
        }
    }

    /** The CSV column for an event field (problem reports), the field itself when no column fills it. */
    String csvName(String jsonField) {
        if (jsonField == null) {
            return null;
        }
        if (this == UNITS && jsonField.equals("unit")) {
            return "code";
        }
        if (this == MERGERS && jsonField.equals("unit")) {
            return "new_code";
        }
        return jsonToCsv.getOrDefault(jsonField, jsonField);
    }

    static String normalizeLevel(String s) {
        String up = s.trim().toUpperCase(Locale.ROOT);
        return LEVEL_SYNONYMS.getOrDefault(up, up);
    }

    static String normalizeMergeType(String s) {
        String up = s.trim().toUpperCase(Locale.ROOT);
        return MERGE_TYPE_SYNONYMS.getOrDefault(up, up);
    }

    static CatalogKind fromPath(String kind) {
        return switch (kind) {
            case "units" -> UNITS;
            case "procedures" -> PROCEDURES;
            case "mergers" -> MERGERS;
            default -> throw new IllegalArgumentException("kind must be units, procedures or mergers, got " + kind);
        };
    }
}
