package org.civicpulse.ingestion.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.civicpulse.domain.calendar.WorkingDays;
import org.civicpulse.domain.event.Event;

/** Shared helpers of the simulator tests. */
final class SimTestSupport {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    private static ReferenceData ref;

    private SimTestSupport() {
    }

    /** reference-data/hanoi of the checkout (tests run in ingestion/ or at the root). */
    static Path referenceDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("reference-data").resolve("hanoi");
            if (Files.isRegularFile(candidate.resolve("SOURCES.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("reference-data/hanoi not found above " + Path.of("").toAbsolutePath());
    }

    static synchronized ReferenceData reference() {
        if (ref == null) {
            Path dir = referenceDir();
            ref = ReferenceData.load(dir.resolve("units.csv"), dir.resolve("procedures.csv"));
        }
        return ref;
    }

    static Instant start(String date) {
        return LocalDate.parse(date).atStartOfDay(HANOI).toInstant();
    }

    static CitySimulator simulator(SimProfile profile, CitySimulator.Options o) {
        return new CitySimulator(profile, reference(), WorkingDays.vietnam(), o);
    }

    static List<Event> generate(SimProfile profile, CitySimulator.Options o) {
        CitySimulator s = simulator(profile, o);
        List<Event> list = new ArrayList<>();
        for (Event e; (e = s.next()) != null; ) {
            list.add(e);
        }
        return list;
    }

    /** The default profile with a smaller city (faster tests); shares are unchanged. */
    static SimProfile small(double dossiersPerWorkingDay) {
        return SimProfile.defaults().withDossiersPerWorkingDay(dossiersPerWorkingDay);
    }
}
