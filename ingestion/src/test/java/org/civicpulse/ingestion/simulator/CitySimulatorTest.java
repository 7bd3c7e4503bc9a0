package org.civicpulse.ingestion.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.civicpulse.domain.calendar.WorkingDays;
import org.civicpulse.domain.event.DossierEvent;
import org.civicpulse.domain.event.DossierReceived;
import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.EventCodec;
import org.civicpulse.domain.event.EventType;
import org.civicpulse.domain.event.FeedbackEvent;
import org.civicpulse.domain.event.ParseResult;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;
import org.junit.jupiter.api.Test;

/** The generator: determinism, contract, order, calendar, units, live time warp. */
class CitySimulatorTest {

    private static final EventCodec CODEC = new EventCodec();

    private static String sha256(List<Event> events) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Event e : events) {
            md.update(CODEC.toJsonBytes(e));
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static CitySimulator.Options range(long seed, String from, String to) {
        return CitySimulator.Options.range(seed, SimTestSupport.start(from), SimTestSupport.start(to));
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherEvents() throws Exception {
        SimProfile p = SimTestSupport.small(400);
        List<Event> a = SimTestSupport.generate(p, range(42, "2026-03-01", "2026-03-11"));
        List<Event> b = SimTestSupport.generate(p, range(42, "2026-03-01", "2026-03-11"));
        List<Event> c = SimTestSupport.generate(p, range(43, "2026-03-01", "2026-03-11"));
        assertThat(a).hasSizeGreaterThan(20_000);
        assertThat(sha256(a)).isEqualTo(sha256(b));
        assertThat(sha256(a)).isNotEqualTo(sha256(c));
        assertThat(a.get(0).id()).contains("-s42-");
        assertThat(c.get(0).id()).contains("-s43-");
    }

    @Test
    void aDaysEventsDoNotDependOnTheRangeSimulated() {
        // Every dossier and every stream-day has its own random generator: simulating from a later
        // start gives the same dossiers (whole lifecycles) and the same sign-ins, documents and probes
        // for the days both runs cover.
        SimProfile p = SimTestSupport.small(300);
        Instant tailStart = SimTestSupport.start("2026-03-15");
        List<Event> whole = SimTestSupport.generate(p, range(7, "2026-03-10", "2026-03-20"));
        List<Event> tail = SimTestSupport.generate(p, range(7, "2026-03-15", "2026-03-20"));
        Map<String, Instant> firstSeen = new HashMap<>();
        for (Event e : whole) {
            firstSeen.putIfAbsent(e.aggregateId(), e.occurredAt().toInstant());
        }
        java.util.function.Predicate<Event> comparable = e -> switch (e.family()) {
            case DOSSIER -> !firstSeen.getOrDefault(e.aggregateId(), tailStart).isBefore(tailStart);
            case FEEDBACK -> !firstSeen.getOrDefault(e.aggregateId(), tailStart).isBefore(tailStart)
                    && (((FeedbackEvent) e).dossierId() == null
                        || !firstSeen.getOrDefault(((FeedbackEvent) e).dossierId(), tailStart).isBefore(tailStart));
            case LOGIN, DOCUMENT, PROBE -> !e.occurredAt().toInstant().isBefore(tailStart);
            default -> false; // reports are planned on the cut-off day, before the tail starts
        };
        java.util.Comparator<Event> order = java.util.Comparator.<Event, Instant>comparing(e -> e.occurredAt().toInstant())
                .thenComparing(Event::id);
        List<String> expected = whole.stream().filter(comparable).sorted(order).map(CODEC::toJson).toList();
        firstSeen.clear();
        List<String> actual = tail.stream().filter(comparable).sorted(order).map(CODEC::toJson).toList();
        assertThat(actual).hasSizeGreaterThan(10_000);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void everyEventPassesTheContractsValidationAndRoundTrips() {
        List<Event> events = SimTestSupport.generate(SimTestSupport.small(300), range(1, "2026-03-05", "2026-03-25"));
        EventCodec strict = new EventCodec(Clock.fixed(SimTestSupport.start("2026-04-01"), ZoneOffset.UTC), Duration.ZERO);
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        Set<String> ids = new HashSet<>();
        for (Event e : events) {
            String json = CODEC.toJson(e);
            ParseResult r = strict.parse(json);
            assertThat(r.ok()).as(json + " → " + r.describeProblems()).isTrue();
            assertThat(r.event()).isEqualTo(e);
            assertThat(ids.add(e.id())).as("duplicate id " + e.id()).isTrue();
            types.add(e.type());
        }
        // Everything but the workflow steps that only people do (approve/return) and the catalogue.
        assertThat(types).containsAll(EnumSet.complementOf(EnumSet.of(EventType.REPORT_APPROVED,
                EventType.REPORT_RETURNED, EventType.CATALOG_UNIT, EventType.CATALOG_PROCEDURE, EventType.CATALOG_MERGER)));
    }

    @Test
    void eachTypeComesFromItsSource() {
        Map<EventType, String> expected = new HashMap<>();
        for (EventType t : EventType.values()) {
            expected.put(t, switch (t.family()) {
                case DOSSIER -> t == EventType.DOSSIER_PAID ? "payment" : "one-stop";
                case FEEDBACK -> "one-stop";
                case LOGIN -> "portal";
                case DOCUMENT -> "e-office";
                case PROBE -> "uptime";
                case REPORT -> "reports";
                case CATALOG -> "catalog";
            });
        }
        for (Event e : SimTestSupport.generate(SimTestSupport.small(200), range(3, "2026-01-10", "2026-01-20"))) {
            assertThat(e.source()).as(e.id()).isEqualTo(expected.get(e.type()));
        }
    }

    @Test
    void eventsComeInTimeOrderAndEachDossierInLifecycleOrder() {
        List<Event> events = SimTestSupport.generate(SimTestSupport.small(500), range(5, "2026-04-01", "2026-05-10"));
        Map<String, StringBuilder> lifecycle = new HashMap<>();
        Map<String, Instant> lastTime = new HashMap<>();
        Instant previous = Instant.MIN;
        List<String> problems = new ArrayList<>();
        for (Event e : events) {
            Instant t = e.occurredAt().toInstant();
            if (t.isBefore(previous)) {
                problems.add(e.id() + " at " + t + " comes after an event at " + previous);
            }
            previous = t;
            if (e instanceof DossierEvent d) {
                StringBuilder seq = lifecycle.get(d.dossierId());
                if (e instanceof DossierReceived) {
                    lifecycle.put(d.dossierId(), new StringBuilder("R"));
                } else if (seq == null) {
                    problems.add(e.id() + " comes before its dossier's reception");
                } else {
                    seq.append(switch (e.type()) {
                        case DOSSIER_PAID -> 'P';
                        case DOSSIER_SUPPLEMENT_REQUESTED -> 'q';
                        case DOSSIER_SUPPLEMENT_RECEIVED -> 's';
                        case DOSSIER_WITHDRAWN -> 'W';
                        case DOSSIER_COMPLETED -> 'C';
                        case DOSSIER_RETURNED -> 'T';
                        case DOSSIER_RATED -> '*';
                        default -> '?';
                    });
                    if (!t.isAfter(lastTime.get(d.dossierId()))) {
                        problems.add(e.id() + " is not later than the dossier's previous event");
                    }
                }
                lastTime.put(d.dossierId(), t);
            }
            if (e instanceof FeedbackEvent f && f.dossierId() != null && !lifecycle.containsKey(f.dossierId())) {
                problems.add(e.id() + " names a dossier not received yet");
            }
        }
        // Received, maybe paid, supplement rounds (the last may be open at the end of the range or
        // when the applicant withdraws), then withdrawn, or completed → returned → maybe rated
        // (the range may end anywhere in between).
        java.util.regex.Pattern grammar = java.util.regex.Pattern.compile("RP?(qs)*q?(W|C(T\\*?)?)?");
        Map<String, Integer> shapes = new TreeMap<>();
        lifecycle.forEach((id, seq) -> {
            if (!grammar.matcher(seq).matches()) {
                problems.add(id + " has lifecycle " + seq);
            }
            shapes.merge(seq.toString(), 1, Integer::sum);
        });
        assertThat(problems).isEmpty();
        assertThat(shapes).containsKeys("RCT", "RCT*", "RPCT", "RqsCT", "RW", "RPqsqsCT");
    }

    @Test
    void deadlinesCountWorkingDaysOfTheProceduresLegalTime() {
        Map<String, Integer> legal = SimTestSupport.reference().procedures().stream()
                .collect(Collectors.toMap(p -> p.code(), p -> p.legalDays()));
        WorkingDays wd = WorkingDays.vietnam();
        int checked = 0;
        for (Event e : SimTestSupport.generate(SimTestSupport.small(200), range(9, "2026-02-09", "2026-02-16"))) {
            if (e instanceof DossierReceived r) {
                Instant expected = wd.deadline(r.occurredAt().toInstant(), legal.get(r.procedure()), SimTestSupport.HANOI);
                assertThat(r.dueAt().toInstant()).as(r.id()).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void dossiersGoToTheUnitsInForceThatDay() {
        OrgHierarchy h = OrgHierarchy.of(SimTestSupport.reference().units());
        LocalDate reform = LocalDate.parse("2025-07-01");
        Set<String> levelsBefore = new HashSet<>();
        Set<String> levelsAfter = new HashSet<>();
        for (Event e : SimTestSupport.generate(SimTestSupport.small(300), range(11, "2025-06-20", "2025-07-10"))) {
            if (!(e instanceof DossierReceived) && !(e.type() == EventType.PORTAL_LOGIN)
                    && !(e.type() == EventType.DOCUMENT_PROCESSED) && !(e.type() == EventType.SERVICE_PROBE)) {
                continue;
            }
            LocalDate day = e.occurredAt().atZoneSameInstant(SimTestSupport.HANOI).toLocalDate();
            OrgUnit u = h.at(e.unit(), day).orElseThrow(() -> new AssertionError(e.unit() + " not in force on " + day + ": " + e));
            String key = u.level() + (u.level() == UnitLevel.COMMUNE ? "/" + (u.parent().equals("01") ? "new" : "old") : "");
            (day.isBefore(reform) ? levelsBefore : levelsAfter).add(key);
        }
        assertThat(levelsBefore).contains("COMMUNE/old", "DEPARTMENT", "DISTRICT").doesNotContain("COMMUNE/new");
        assertThat(levelsAfter).contains("COMMUNE/new", "DEPARTMENT").doesNotContain("COMMUNE/old", "DISTRICT");
    }

    @Test
    void weekendsHolidaysAndTetHaveLessVolumeAndNoDeskDossiers() {
        WorkingDays wd = WorkingDays.vietnam();
        Map<LocalDate, Integer> perDay = new TreeMap<>();
        Map<LocalDate, Integer> deskPerDay = new TreeMap<>();
        // 2026-01-20 .. 2026-03-10 spans Tết Bính Ngọ (14–22 Feb 2026) and seven weekends.
        for (Event e : SimTestSupport.generate(SimTestSupport.small(1000), range(13, "2026-01-20", "2026-03-10"))) {
            if (e instanceof DossierReceived r) {
                LocalDate d = r.occurredAt().atZoneSameInstant(SimTestSupport.HANOI).toLocalDate();
                perDay.merge(d, 1, Integer::sum);
                if (r.channel() != org.civicpulse.domain.event.Channel.ONLINE) {
                    deskPerDay.merge(d, 1, Integer::sum);
                }
            }
        }
        double working = avg(perDay, d -> wd.isWorkingDay(d));
        double weekend = avg(perDay, d -> !wd.isWorkingDay(d) && wd.entry(d).isEmpty());
        double tet = avg(perDay, d -> wd.entry(d).map(x -> x.name().contains("Tết Nguyên Đán")).orElse(false));
        assertThat(working).isGreaterThan(800);
        assertThat(weekend).isLessThan(working * 0.25).isPositive();
        assertThat(tet).isLessThan(weekend);
        for (LocalDate d : deskPerDay.keySet()) {
            assertThat(wd.isWorkingDay(d)).as("desk dossiers on " + d).isTrue();
        }
    }

    private static double avg(Map<LocalDate, Integer> perDay, java.util.function.Predicate<LocalDate> which) {
        return perDay.entrySet().stream().filter(e -> which.test(e.getKey())).mapToInt(Map.Entry::getValue).average().orElse(0);
    }

    @Test
    void liveWarpCompressesTimeAfterThePivotAndKeepsDeadlinesInStep() {
        SimProfile p = SimTestSupport.small(300);
        Instant pivot = SimTestSupport.start("2026-03-02").plusSeconds(9 * 3600);
        double speed = 100;
        CitySimulator.Options warped = new CitySimulator.Options(21, pivot, null, null, pivot, speed, null);
        CitySimulator.Options plain = new CitySimulator.Options(21, pivot, null, null, null, 1, null);
        CitySimulator w = SimTestSupport.simulator(p, warped);
        CitySimulator s = SimTestSupport.simulator(p, plain);
        for (int i = 0; i < 5000; i++) {
            Event a = w.next();
            Event b = s.next();
            assertThat(a.id()).isEqualTo(b.id());
            long simOffset = b.occurredAt().toEpochSecond() - pivot.getEpochSecond();
            long wallOffset = a.occurredAt().toEpochSecond() - pivot.getEpochSecond();
            assertThat(wallOffset).isBetween((long) Math.floor(simOffset / speed), (long) Math.floor(simOffset / speed) + 8);
            if (a instanceof DossierReceived ra && b instanceof DossierReceived rb) {
                long simDue = rb.dueAt().toEpochSecond() - pivot.getEpochSecond();
                assertThat(ra.dueAt().toEpochSecond() - pivot.getEpochSecond()).isEqualTo((long) Math.floor(simDue / speed));
            }
        }
        // One simulated week passes in 1.7 real hours at speed 100.
        assertThat(w.simTime()).isAfter(pivot.plus(Duration.ofHours(5)));
    }

    @Test
    void arrivalsStopButLifecyclesPlayOut() {
        SimProfile p = SimTestSupport.small(200);
        Instant from = SimTestSupport.start("2026-05-04");
        Instant stop = SimTestSupport.start("2026-05-06");
        List<Event> events = SimTestSupport.generate(p, CitySimulator.Options.drained(17, from, stop, SimTestSupport.start("2026-08-01")));
        // Without an end, the run ends when the last lifecycle has played out.
        List<Event> open = SimTestSupport.generate(p, new CitySimulator.Options(17, from, null, null, null, 1, stop));
        assertThat(open).isEqualTo(events);
        assertThat(events).filteredOn(e -> e instanceof DossierReceived || e.type() == EventType.PORTAL_LOGIN
                        || e.type() == EventType.SERVICE_PROBE)
                .allMatch(e -> e.occurredAt().toInstant().isBefore(stop));
        long received = events.stream().filter(e -> e instanceof DossierReceived).count();
        long ended = events.stream().filter(e -> e.type() == EventType.DOSSIER_COMPLETED || e.type() == EventType.DOSSIER_WITHDRAWN).count();
        assertThat(ended).isEqualTo(received);
    }

    @Test
    void tagDependsOnSeedAndProfile() {
        CitySimulator a = SimTestSupport.simulator(SimProfile.defaults(), range(42, "2026-01-01", "2026-01-02"));
        CitySimulator b = SimTestSupport.simulator(SimTestSupport.small(100), range(42, "2026-01-01", "2026-01-02"));
        assertThat(a.tag()).startsWith("s42-").isNotEqualTo(b.tag());
        assertThat(new String(a.tag().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII)).isEqualTo(a.tag());
    }
}
