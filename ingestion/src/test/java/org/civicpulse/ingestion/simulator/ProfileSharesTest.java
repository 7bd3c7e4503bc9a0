package org.civicpulse.ingestion.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.WorkingDays;
import org.civicpulse.domain.event.Applicant;
import org.civicpulse.domain.event.Channel;
import org.civicpulse.domain.event.Delivery;
import org.civicpulse.domain.event.DocumentProcessed;
import org.civicpulse.domain.event.DossierCompleted;
import org.civicpulse.domain.event.DossierPaid;
import org.civicpulse.domain.event.DossierRated;
import org.civicpulse.domain.event.DossierReceived;
import org.civicpulse.domain.event.DossierReturned;
import org.civicpulse.domain.event.DossierSupplementReceived;
import org.civicpulse.domain.event.DossierSupplementRequested;
import org.civicpulse.domain.event.DossierWithdrawn;
import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.FeedbackAnswered;
import org.civicpulse.domain.event.FeedbackReceived;
import org.civicpulse.domain.event.LoginMethod;
import org.civicpulse.domain.event.OnlineService;
import org.civicpulse.domain.event.Outcome;
import org.civicpulse.domain.event.PortalLogin;
import org.civicpulse.domain.event.EventType;
import org.civicpulse.domain.event.ReportAction;
import org.civicpulse.domain.event.ServiceProbe;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;
import org.civicpulse.domain.procedure.Procedure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every share of the default profile, measured from the generated events (plus the procedure
 * catalogue for the conditions, e.g. "procedures with an online service"), is within
 * {@value #TOLERANCE_PP} percentage points of the profile's value.
 *
 * <p>Sample: the default profile at 20 000 dossiers per working day (a bigger city: the shares do not
 * depend on the volume), arrivals during 9 days (2–10 March 2026: seven working days and a weekend),
 * lifecycles played out for three months so no dossier or feedback is cut short: ~150 000 dossiers,
 * enough that even the smallest denominator (answered feedback, ~2 000) has a standard error well
 * under 1 point. Reports: a separate sample of eight monthly periods (~1 100 expected reports).
 */
class ProfileSharesTest {

    static final double TOLERANCE_PP = 3.0;

    private static final Map<String, double[]> SHARES = new LinkedHashMap<>();
    private static final Map<String, Double> PER_UNIT_ON_TIME = new HashMap<>();
    private static int dossiers;

    private static final class D {
        DossierReceived r;
        DossierPaid paid;
        int requests;
        long pause;
        long requestedAt;
        boolean withdrawn;
        DossierCompleted c;
        DossierReturned returned;
        DossierRated rated;
        boolean feedback;
    }

    private static void count(String key, boolean inDenominator, boolean inNumerator) {
        if (inDenominator) {
            double[] a = SHARES.computeIfAbsent(key, k -> new double[2]);
            a[1]++;
            if (inNumerator) {
                a[0]++;
            }
        }
    }

    @BeforeAll
    static void generate() {
        SimProfile p = SimTestSupport.small(20_000);
        Map<String, Procedure> procedures = new HashMap<>();
        for (Procedure x : SimTestSupport.reference().procedures()) {
            procedures.put(x.code(), x);
        }
        OrgHierarchy units = OrgHierarchy.of(SimTestSupport.reference().units());
        WorkingDays wd = WorkingDays.vietnam();
        Instant from = SimTestSupport.start("2026-03-02");
        Instant arrivalsEnd = SimTestSupport.start("2026-03-11");
        CitySimulator sim = SimTestSupport.simulator(p,
                CitySimulator.Options.drained(42, from, arrivalsEnd, SimTestSupport.start("2026-06-15")));
        Map<String, D> ds = new HashMap<>();
        Map<String, FeedbackReceived> feedback = new HashMap<>();
        Map<String, FeedbackAnswered> answers = new HashMap<>();
        Map<String, LoginMethod> users = new HashMap<>();
        Map<String, boolean[]> offHoursUp = new HashMap<>();
        for (Event e; (e = sim.next()) != null; ) {
            if (e instanceof DossierReceived r) {
                D d = new D();
                d.r = r;
                ds.put(r.dossierId(), d);
            } else if (e instanceof DossierPaid x) {
                ds.get(x.dossierId()).paid = x;
            } else if (e instanceof DossierSupplementRequested x) {
                D d = ds.get(x.dossierId());
                d.requests++;
                d.requestedAt = x.occurredAt().toEpochSecond();
            } else if (e instanceof DossierSupplementReceived x) {
                D d = ds.get(x.dossierId());
                d.pause += x.occurredAt().toEpochSecond() - d.requestedAt;
            } else if (e instanceof DossierWithdrawn x) {
                ds.get(x.dossierId()).withdrawn = true;
            } else if (e instanceof DossierCompleted x) {
                ds.get(x.dossierId()).c = x;
            } else if (e instanceof DossierReturned x) {
                ds.get(x.dossierId()).returned = x;
            } else if (e instanceof DossierRated x) {
                ds.get(x.dossierId()).rated = x;
            } else if (e instanceof FeedbackReceived f) {
                feedback.put(f.feedbackId(), f);
                if (f.dossierId() != null) {
                    ds.get(f.dossierId()).feedback = true;
                }
            } else if (e instanceof FeedbackAnswered f) {
                answers.put(f.feedbackId(), f);
            } else if (e instanceof PortalLogin l) {
                users.put(l.userHash(), l.method());
            } else if (e instanceof DocumentProcessed doc) {
                UnitLevel level = units.at(doc.unit(), doc.occurredAt().atZoneSameInstant(SimTestSupport.HANOI).toLocalDate())
                        .orElseThrow().level();
                count("documents.electronic." + level, true, doc.electronic());
                count("documents.signed", doc.electronic(), doc.signed());
            } else if (e instanceof ServiceProbe probe) {
                boolean office = inOfficeHours(wd, probe);
                if (!office) {
                    boolean[] seen = offHoursUp.computeIfAbsent(probe.service(), k -> new boolean[1]);
                    seen[0] |= probe.up();
                }
            }
        }
        Map<String, int[]> unitOnTime = new HashMap<>();
        for (D d : ds.values()) {
            Procedure pr = procedures.get(d.r.procedure());
            boolean online = d.r.channel() == Channel.ONLINE;
            count("dossier.online", pr.onlineService() != OnlineService.NONE, online);
            count("dossier.postalIntake", !online, d.r.channel() == Channel.POSTAL);
            count("dossier.fullProcess", online && pr.onlineService() == OnlineService.FULL, d.r.fullProcess());
            count("dossier.vneid", online, d.r.vneid());
            count("dossier.businessApplicant", !CitySimulator.isBusinessField(pr), d.r.applicant() == Applicant.BUSINESS);
            count("dossier.feeExempt", pr.hasFee(), d.paid == null);
            count("dossier.onlinePaymentOnline", d.paid != null && online, d.paid != null && d.paid.online());
            count("dossier.onlinePaymentDirect", d.paid != null && !online, d.paid != null && d.paid.online());
            count("dossier.supplement", true, d.requests >= 1);
            count("dossier.repeatSupplement", d.requests >= 1, d.requests >= 2);
            count("dossier.thirdSupplement", d.requests >= 2, d.requests >= 3);
            count("dossier.withdrawn", true, d.withdrawn);
            count("dossier.feedback", true, d.feedback);
            assertThat(d.withdrawn || d.c != null).as("%s ended", d.r.dossierId()).isTrue();
            if (d.c == null) {
                continue;
            }
            // Q2.1: completed by dueAt once supplement pauses are subtracted; > 1 request is late.
            boolean onTime = d.requests <= 1
                    && d.c.occurredAt().toEpochSecond() - d.pause <= d.r.dueAt().toEpochSecond();
            count("dossier.onTime", true, onTime);
            unitOnTime.computeIfAbsent(d.r.unit(), k -> new int[2])[onTime ? 0 : 1]++;
            count("dossier.rejected", true, d.c.outcome() == Outcome.REJECTED);
            count("dossier.stopped", true, d.c.outcome() == Outcome.STOPPED);
            count("dossier.eResultOnline", pr.paperResult() && online, d.c.eResult());
            count("dossier.eResultDirect", pr.paperResult() && !online, d.c.eResult());
            count("dossier.digitized", true, d.c.digitized());
            count("dossier.reusedData", true, d.c.reusedData());
            assertThat(d.returned).as("%s returned", d.r.dossierId()).isNotNull();
            count("dossier.returnOnline", d.c.eResult(), d.returned.delivery() == Delivery.ONLINE);
            count("dossier.returnPostal", d.returned.delivery() != Delivery.ONLINE, d.returned.delivery() == Delivery.POSTAL);
            count("dossier.rated", true, d.rated != null);
            count("dossier.ratingSatisfied", d.rated != null, d.rated != null && d.rated.score() >= 4);
        }
        for (FeedbackReceived f : feedback.values()) {
            FeedbackAnswered a = answers.get(f.feedbackId());
            count("feedback.answered", true, a != null);
            if (a != null) {
                LocalDate received = f.occurredAt().atZoneSameInstant(SimTestSupport.HANOI).toLocalDate();
                LocalDate answered = a.occurredAt().atZoneSameInstant(SimTestSupport.HANOI).toLocalDate();
                count("feedback.answeredOnTime", true, wd.workingDaysBetween(received, answered) <= 15);
            }
        }
        for (LoginMethod m : users.values()) {
            count("logins.vneid", true, m == LoginMethod.VNEID);
            count("logins.citySso", true, m == LoginMethod.CITY_SSO);
        }
        for (boolean[] up : offHoursUp.values()) {
            count("uptime.agencies24x7", true, up[0]);
        }
        dossiers = ds.size();
        unitOnTime.forEach((unit, n) -> {
            if (n[0] + n[1] >= 400) {
                PER_UNIT_ON_TIME.put(unit, n[0] / (double) (n[0] + n[1]));
            }
        });
    }

    /**
     * Reports: eight monthly periods of a city with a tiny volume of everything else (the report shares
     * do not depend on it), so that ~1 100 expected reports are measured.
     */
    @BeforeAll
    static void generateReports() {
        SimProfile quiet = SimProfile.fromJson("""
                {"volume": {"dossiersPerWorkingDay": 5, "loginsPerWorkingDay": 5, "probeIntervalMinutes": 0,
                  "documentsPerWorkingDay": {"CITY": 0, "DEPARTMENT": 0, "DISTRICT": 0, "COMMUNE": 0}}}
                """);
        WorkingDays wd = WorkingDays.vietnam();
        OrgHierarchy units = OrgHierarchy.of(SimTestSupport.reference().units());
        ReportingCalendar rc = ReportingCalendar.defaults();
        Map<String, ReportAction> reports = new HashMap<>();
        Map<String, ReportAction> approvals = new HashMap<>();
        CitySimulator sim = SimTestSupport.simulator(quiet, CitySimulator.Options.range(42,
                SimTestSupport.start("2025-08-01"), SimTestSupport.start("2026-04-15")));
        for (Event e; (e = sim.next()) != null; ) {
            if (e instanceof ReportAction r) {
                assertThat(r.regime()).isEqualTo("DG-MONTHLY");
                if (r.type() == EventType.REPORT_APPROVED) {
                    assertThat(r.occurredAt()).as("approved after it was submitted")
                            .isAfter(reports.get(r.aggregateId()).occurredAt());
                    assertThat(approvals.put(r.aggregateId(), r)).as("one approval per unit and period").isNull();
                    continue;
                }
                assertThat(r.type()).isEqualTo(EventType.REPORT_SUBMITTED);
                assertThat(r.values()).containsKeys("P9.numerator", "P9.denominator", "P10.numerator", "P10.denominator");
                assertThat(reports.put(r.aggregateId(), r)).as("one submission per unit and period").isNull();
            }
        }
        for (String period : List.of("2025-M8", "2025-M9", "2025-M10", "2025-M11", "2025-M12", "2026-M1", "2026-M2", "2026-M3")) {
            LocalDate cutoff = rc.parse(period).endInclusive();
            LocalDate deadline = wd.plusWorkingDays(cutoff, 5);
            for (OrgUnit u : units.unitsOn(cutoff)) {
                if (u.level() != UnitLevel.DEPARTMENT && u.level() != UnitLevel.COMMUNE) {
                    continue;
                }
                ReportAction r = reports.get(ReportAction.aggregateId("DG-MONTHLY", u.code(), period));
                count("reports.submitted", true, r != null);
                if (r != null) {
                    LocalDate day = r.occurredAt().atZoneSameInstant(SimTestSupport.HANOI).toLocalDate();
                    assertThat(day).isAfterOrEqualTo(cutoff);
                    count("reports.onTime", true, !day.isAfter(deadline));
                }
            }
        }
    }

    private static boolean inOfficeHours(WorkingDays wd, ServiceProbe p) {
        var local = p.occurredAt().atZoneSameInstant(SimTestSupport.HANOI);
        if (!wd.isWorkingDay(local.toLocalDate())) {
            return false;
        }
        int minute = local.getHour() * 60 + local.getMinute();
        return (minute >= 8 * 60 && minute < 12 * 60) || (minute >= 13 * 60 + 30 && minute < 17 * 60);
    }

    @Test
    void everyShareOfTheDefaultProfileIsMet() {
        SimProfile p = SimProfile.defaults();
        Map<String, Double> expected = new LinkedHashMap<>();
        var d = p.tree.get("dossier");
        d.properties().forEach(e -> {
            if (!e.getKey().equals("ratingLatePenalty")) {
                expected.put("dossier." + e.getKey(), e.getValue().asDouble());
            }
        });
        expected.put("feedback.answered", p.feedbackAnswered);
        expected.put("feedback.answeredOnTime", p.feedbackAnsweredOnTime);
        expected.put("logins.vneid", p.loginVneid);
        expected.put("logins.citySso", p.loginCitySso);
        for (UnitLevel level : List.of(UnitLevel.DEPARTMENT, UnitLevel.COMMUNE)) {
            expected.put("documents.electronic." + level, p.documentElectronic.get(level));
        }
        expected.put("documents.signed", p.documentSigned);
        expected.put("uptime.agencies24x7", p.agencies24x7);
        expected.put("reports.submitted", p.reportSubmitted);
        expected.put("reports.onTime", p.reportOnTime);

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%d dossiers%n", dossiers));
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            double[] m = SHARES.get(e.getKey());
            assertThat(m).as("no sample for " + e.getKey()).isNotNull();
            table.append(String.format(Locale.ROOT, "%-34s profile %6.2f%%  measured %6.2f%%  (%,.0f / %,.0f)%n",
                    e.getKey(), 100 * e.getValue(), 100 * m[0] / m[1], m[0], m[1]));
        }
        System.out.print(table);
        assertThat(dossiers).isGreaterThan(100_000);
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            double[] m = SHARES.get(e.getKey());
            double measured = m[0] / m[1];
            int minSample = e.getKey().startsWith("reports.") ? 800 : e.getKey().startsWith("uptime.") ? 100 : 1500;
            assertThat(m[1]).as("denominator of " + e.getKey()).isGreaterThanOrEqualTo(minSample);
            assertThat(100 * measured).as(e.getKey() + "\n" + table)
                    .isCloseTo(100 * e.getValue(), org.assertj.core.data.Offset.offset(TOLERANCE_PP));
        }
    }

    @Test
    void unitsDifferInPerformance() {
        // Per-unit on-time shares spread out (so rankings mean something) around the city-wide one.
        List<Double> shares = new ArrayList<>(PER_UNIT_ON_TIME.values());
        shares.sort(null);
        assertThat(shares).hasSizeGreaterThan(50);
        double p10 = shares.get(shares.size() / 10);
        double p90 = shares.get(shares.size() * 9 / 10);
        assertThat(p90 - p10).as("spread of on-time shares between the 10th and 90th percentile unit").isGreaterThan(0.04);
        assertThat(p10).isLessThan(SimProfile.defaults().onTime);
        assertThat(p90).isGreaterThan(SimProfile.defaults().onTime);
    }
}
