package org.civicpulse.ingestion.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.civicpulse.domain.event.OnlineService;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;
import org.civicpulse.domain.procedure.Procedure;

/**
 * The org units and procedures the simulator runs on, read from the catalogue-import CSV files
 * ({@code units.csv}, {@code procedures.csv}, as built by {@link ReferenceDataBuilder}).
 *
 * <p>Default location: {@code reference-data/hanoi/} under the working directory when it is there
 * (a checkout), else the copies on the classpath under {@code reference-data/} (the ingestion jar).
 */
public final class ReferenceData {

    public static final Path CHECKOUT_DIR = Path.of("reference-data", "hanoi");
    public static final String CLASSPATH_DIR = "reference-data/";

    private final List<OrgUnit> units;
    private final List<Procedure> procedures;
    private final String description;

    ReferenceData(List<OrgUnit> units, List<Procedure> procedures, String description) {
        this.units = List.copyOf(units);
        this.procedures = List.copyOf(procedures);
        this.description = description;
        if (this.procedures.isEmpty()) {
            throw new IllegalArgumentException("no procedures in " + description);
        }
        OrgHierarchy.of(this.units); // rejects overlapping versions and parent cycles
    }

    /**
     * Loads the two files; a null path means the default location (see the class comment).
     *
     * @throws IllegalArgumentException when a row is malformed (naming file and line)
     */
    public static ReferenceData load(Path unitsFile, Path proceduresFile) {
        List<Csv.Row> unitRows;
        List<Csv.Row> procRows;
        String u;
        String p;
        if (unitsFile != null) {
            unitRows = Csv.read(unitsFile);
            u = unitsFile.toString();
        } else if (Files.isRegularFile(CHECKOUT_DIR.resolve("units.csv"))) {
            unitRows = Csv.read(CHECKOUT_DIR.resolve("units.csv"));
            u = CHECKOUT_DIR.resolve("units.csv").toString();
        } else {
            unitRows = classpath("units.csv");
            u = "classpath:" + CLASSPATH_DIR + "units.csv";
        }
        if (proceduresFile != null) {
            procRows = Csv.read(proceduresFile);
            p = proceduresFile.toString();
        } else if (Files.isRegularFile(CHECKOUT_DIR.resolve("procedures.csv"))) {
            procRows = Csv.read(CHECKOUT_DIR.resolve("procedures.csv"));
            p = CHECKOUT_DIR.resolve("procedures.csv").toString();
        } else {
            procRows = classpath("procedures.csv");
            p = "classpath:" + CLASSPATH_DIR + "procedures.csv";
        }
        return new ReferenceData(units(unitRows, u), procedures(procRows, p), u + " + " + p);
    }

    /** The copies on the classpath (what the jar carries). */
    public static ReferenceData fromClasspath() {
        return new ReferenceData(units(classpath("units.csv"), "classpath units.csv"),
                procedures(classpath("procedures.csv"), "classpath procedures.csv"), "classpath:" + CLASSPATH_DIR);
    }

    private static List<Csv.Row> classpath(String name) {
        String res = CLASSPATH_DIR + name;
        try (InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException(res + " is not on the classpath; pass --units/--procedures");
            }
            return Csv.read(in, res);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + res, e);
        }
    }

    static List<OrgUnit> units(List<Csv.Row> rows, String source) {
        List<OrgUnit> list = new ArrayList<>(rows.size());
        for (Csv.Row r : rows) {
            try {
                String level = r.required("level", source).toUpperCase(Locale.ROOT);
                list.add(new OrgUnit(r.required("code", source), r.required("name", source),
                        UnitLevel.fromWire(switch (level) {
                            case "WARD", "TOWNSHIP" -> "COMMUNE";
                            case "URBAN_DISTRICT", "RURAL_DISTRICT", "TOWN" -> "DISTRICT";
                            default -> level;
                        }),
                        r.get("parent").isEmpty() ? null : r.get("parent"),
                        date(r.get("valid_from")), date(r.get("valid_to"))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + " line " + r.line() + ": " + e.getMessage(), e);
            }
        }
        return list;
    }

    static List<Procedure> procedures(List<Csv.Row> rows, String source) {
        List<Procedure> list = new ArrayList<>(rows.size());
        for (Csv.Row r : rows) {
            try {
                list.add(new Procedure(r.required("code", source), r.required("name", source), r.get("field"),
                        r.required("authority_level", source), r.required("unit", source),
                        bool(r.get("full_process_eligible")),
                        OnlineService.fromWire(r.required("online_service", source).toUpperCase(Locale.ROOT)),
                        bool(r.get("national_portal")), bool(r.get("ux_redesigned")), bool(r.get("has_fee")),
                        bool(r.get("paper_result")), bool(r.get("simplified")),
                        Integer.parseInt(r.required("legal_days", source))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + " line " + r.line() + ": " + e.getMessage(), e);
            }
        }
        return list;
    }

    private static LocalDate date(String s) {
        return s.isEmpty() ? null : LocalDate.parse(s);
    }

    private static boolean bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y" -> true;
            case "", "false", "0", "no", "n" -> false;
            default -> throw new IllegalArgumentException("not a boolean: \"" + s + "\"");
        };
    }

    public List<OrgUnit> units() {
        return units;
    }

    public List<Procedure> procedures() {
        return procedures;
    }

    /** The unit versions in force on {@code date}. */
    public List<OrgUnit> unitsOn(LocalDate date) {
        List<OrgUnit> list = new ArrayList<>();
        for (OrgUnit u : units) {
            if (u.validOn(date)) {
                list.add(u);
            }
        }
        return list;
    }

    @Override
    public String toString() {
        return description + " (" + units.size() + " unit versions, " + procedures.size() + " procedures)";
    }
}
