package org.civicpulse.ingestion.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
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
import org.civicpulse.domain.event.EventType;
import org.civicpulse.domain.event.FeedbackAnswered;
import org.civicpulse.domain.event.FeedbackReceived;
import org.civicpulse.domain.event.LoginMethod;
import org.civicpulse.domain.event.OnlineService;
import org.civicpulse.domain.event.Outcome;
import org.civicpulse.domain.event.PortalLogin;
import org.civicpulse.domain.event.ReportAction;
import org.civicpulse.domain.event.ServiceProbe;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.procedure.Procedure;
import org.civicpulse.ingestion.simulator.CityModel.Metric;
import org.civicpulse.ingestion.simulator.CityModel.Unit;
import org.civicpulse.ingestion.simulator.CityModel.UnitSet;
import org.civicpulse.ingestion.simulator.SimCalendar.DayKind;

/**
 * The city simulator's generator: a pure, deterministic stream of contract events (domain records)
 * in time order. Same seed + same profile + same reference data + same {@link Options} → the same
 * events, byte for byte once encoded; no wall clock is read here.
 *
 * <p>The city is simulated day by day in its time zone. Each day draws its dossiers (with their whole
 * lifecycle: payment, supplement requests, withdrawal or completion, return, rating, feedback), portal
 * sign-ins, e-office documents, uptime probes and, on the Decree 09 cut-off day, the month's report
 * submissions. Every stream and every dossier has its own random generator seeded from the run's seed,
 * the stream, the day and the dossier's number, so one dossier's fate does not depend on the range
 * simulated. Future steps wait in a priority queue; {@link #next()} hands out events in order of time
 * (ties in order of creation), so the events of one dossier always come in lifecycle order.
 *
 * <p>Ids are deterministic: {@code HS-<tag>-<yyyymmdd>-<nnnnnn>} for dossiers (event ids append
 * {@code .<step>}), {@code PA-…} feedback, {@code LG-…} sign-ins, {@code VB-…} documents,
 * {@code PR-…} probes, {@code BC-…} reports, where the tag is {@code s<seed>-<6 hex of the profile>}.
 * Re-running a range therefore re-sends the same ids (no-ops downstream).
 *
 * <p>Time warp (live mode): sim times at or after {@link Options#warpPivot} are mapped to
 * {@code pivot + (t − pivot) / speed}; event times and deadlines alike, so on-time stays on-time.
 *
 * <p>Not thread-safe.
 */
public final class CitySimulator {

    public static final String SOURCE_ONE_STOP = "one-stop";
    public static final String SOURCE_PORTAL = "portal";
    public static final String SOURCE_PAYMENT = "payment";
    public static final String SOURCE_E_OFFICE = "e-office";
    public static final String SOURCE_UPTIME = "uptime";
    public static final String SOURCE_REPORTS = "reports";

    /**
     * What to simulate.
     *
     * @param seed      the seed of every random stream
     * @param from      the city starts here: nothing arrives earlier (dossiers, sign-ins, …)
     * @param until     events at or after this sim time are not produced (null: never ends)
     * @param emitFrom  events before this sim time are simulated but not handed out (null: {@code from})
     * @param warpPivot sim times from here on are compressed by {@code speed} (null: no warp)
     * @param speed     sim seconds per real second after the pivot (&gt; 0)
     * @param arrivalsUntil nothing new arrives from here on (null: arrivals until {@code until}); the
     *                  dossiers already received play out their lifecycle until {@code until}
     */
    public record Options(long seed, Instant from, Instant until, Instant emitFrom, Instant warpPivot, double speed,
                          Instant arrivalsUntil) {
        public Options {
            Objects.requireNonNull(from, "from");
            if (until != null && !until.isAfter(from)) {
                throw new IllegalArgumentException("until " + until + " must be after from " + from);
            }
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be > 0, got " + speed);
            }
        }

        /** A plain range [from, until), no warp. */
        public static Options range(long seed, Instant from, Instant until) {
            return new Options(seed, from, until, null, null, 1, null);
        }

        /** Arrivals in [from, arrivalsUntil), their lifecycles played out until {@code until}. */
        public static Options drained(long seed, Instant from, Instant arrivalsUntil, Instant until) {
            return new Options(seed, from, until, null, null, 1, arrivalsUntil);
        }
    }

    private static final byte RECEIVED = 0;
    private static final byte PAID = 1;
    private static final byte SUPPLEMENT_REQUESTED = 2;
    private static final byte SUPPLEMENT_RECEIVED = 3;
    private static final byte WITHDRAWN = 4;
    private static final byte COMPLETED = 5;
    private static final byte RETURNED = 6;
    private static final byte RATED = 7;

    private final SimProfile profile;
    private final CityModel model;
    private final SimCalendar cal;
    private final ReportingCalendar reporting;
    private final long seed;
    private final String tag;
    private final long fromSec;
    private final long untilSec;
    private final long emitFromSec;
    private final long arrivalsUntilSec;
    private final long pivotSec;
    private final double speed;
    private final ZoneOffset fixedOffset;
    private final ZoneRules rules;

    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private LocalDate nextDay;
    private long nextDayStart;
    private long seq;
    private long produced;
    /** Read by the progress thread. */
    private volatile long lastSimTime;

    public CitySimulator(SimProfile profile, ReferenceData ref, WorkingDays workingDays, Options o) {
        this.profile = profile;
        this.seed = o.seed();
        this.model = new CityModel(profile, ref, seed);
        this.cal = SimCalendar.of(profile, workingDays);
        this.reporting = new ReportingCalendar(ReportingCalendar.DEFAULT_CUTOFF_DAY, profile.zone);
        this.tag = "s" + seed + "-" + profileHash(profile);
        this.fromSec = o.from().getEpochSecond();
        this.untilSec = o.until() == null ? Long.MAX_VALUE : o.until().getEpochSecond();
        this.emitFromSec = o.emitFrom() == null ? fromSec : o.emitFrom().getEpochSecond();
        this.arrivalsUntilSec = o.arrivalsUntil() == null ? Long.MAX_VALUE : o.arrivalsUntil().getEpochSecond();
        this.pivotSec = o.warpPivot() == null ? Long.MAX_VALUE : o.warpPivot().getEpochSecond();
        this.speed = o.speed();
        this.rules = profile.zone.getRules();
        this.fixedOffset = rules.nextTransition(o.from()) == null ? rules.getOffset(o.from()) : null;
        this.nextDay = cal.localDate(fromSec);
        this.nextDayStart = cal.dayStart(nextDay);
        this.lastSimTime = fromSec;
    }

    /** The run tag in every id: {@code s<seed>-<6 hex of the merged profile>}. */
    public String tag() {
        return tag;
    }

    static String profileHash(SimProfile p) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(p.tree.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Events handed out so far. */
    public long produced() {
        return produced;
    }

    /** Sim time of the last event handed out (before any warp). */
    public Instant simTime() {
        return Instant.ofEpochSecond(lastSimTime);
    }

    /** The next event in time order, or null when the range is exhausted. */
    public Event next() {
        while (true) {
            while (nextDayStart < untilSec && (queue.isEmpty() || queue.peek().t >= nextDayStart)) {
                if (queue.isEmpty() && nextDayStart >= arrivalsUntilSec) {
                    break; // nothing arrives any more and nothing is pending
                }
                generateDay(nextDay);
                nextDay = nextDay.plusDays(1);
                nextDayStart = cal.dayStart(nextDay);
            }
            Pending h = queue.poll();
            if (h == null) {
                return null;
            }
            if (h.t >= untilSec) {
                queue.clear();
                return null;
            }
            Plan plan = h.plan;
            int step = h.step;
            long t = h.t;
            if (step + 1 < plan.steps()) {
                h.step = step + 1;
                h.t = plan.time(step + 1);
                queue.add(h);
            }
            if (t < emitFromSec) {
                continue;
            }
            lastSimTime = t;
            produced++;
            return plan.emit(step, this);
        }
    }

    // ------------------------------------------------------------------------------------ time

    long warp(long t) {
        if (t < pivotSec) {
            return t;
        }
        return pivotSec + (long) Math.floor((t - pivotSec) / speed);
    }

    /** The event time of a plan's step: warped, and strictly after the plan's previous event. */
    OffsetDateTime at(long simSec, Plan plan) {
        long w = warp(simSec);
        if (plan != null) {
            if (w <= plan.lastOut) {
                w = plan.lastOut + 1;
            }
            plan.lastOut = w;
        }
        return time(w);
    }

    OffsetDateTime time(long epochSecond) {
        Instant i = Instant.ofEpochSecond(epochSecond);
        return OffsetDateTime.ofInstant(i, fixedOffset != null ? fixedOffset : rules.getOffset(i));
    }

    private void add(Plan plan) {
        Pending p = new Pending();
        p.plan = plan;
        p.step = 0;
        p.t = plan.time(0);
        p.seq = seq++;
        queue.add(p);
    }

    // ------------------------------------------------------------------------------------ days

    /** Whether something arriving at {@code t} is part of the simulated span. */
    private boolean admit(long t) {
        return t >= fromSec && t < arrivalsUntilSec;
    }

    private void generateDay(LocalDate d) {
        if (cal.dayStart(d) >= arrivalsUntilSec) {
            return;
        }
        DayKind kind = cal.kind(d);
        UnitSet set = model.on(d);
        long epochDay = d.toEpochDay();
        String ymd = String.format(Locale.ROOT, "%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        double dossierMean = dossiers(d, kind, set, epochDay, ymd);
        generalFeedback(d, set, epochDay, ymd, dossierMean);
        logins(d, kind, set, epochDay, ymd);
        if (kind == DayKind.WORKING) {
            documents(d, set, epochDay, ymd);
        }
        probes(d, set, epochDay);
        if (d.getDayOfMonth() == reporting.cutoffDay()) {
            reports(d, set);
        }
    }

    private double dossiers(LocalDate d, DayKind kind, UnitSet set, long epochDay, String ymd) {
        SimRandom day = SimRandom.of(seed, "dossiers", epochDay);
        double month = profile.monthFactors[d.getMonthValue() - 1];
        double mean;
        boolean working = kind == DayKind.WORKING;
        if (working) {
            int dow = d.getDayOfWeek().getValue();
            // A make-up Saturday counts as a Friday.
            mean = profile.dossiersPerWorkingDay * month * profile.weekdayFactors[Math.min(dow, 5) - 1];
        } else {
            double f = switch (kind) {
                case WEEKEND -> profile.weekendOnline;
                case HOLIDAY -> profile.holidayOnline;
                default -> profile.tetOnline;
            };
            mean = profile.dossiersPerWorkingDay * month * f * set.onlineFraction;
        }
        int n = day.poisson(mean);
        for (int i = 0; i < n; i++) {
            dossier(d, working, set, SimRandom.of(seed, "dossier", epochDay * 10_000_000L + i),
                    "HS-" + tag + "-" + ymd + "-" + String.format(Locale.ROOT, "%06d", i + 1));
        }
        return mean;
    }

    private void dossier(LocalDate d, boolean working, UnitSet set, SimRandom r, String id) {
        Procedure p = null;
        Unit u = null;
        for (int tries = 0; tries < 100; tries++) {
            p = model.procedures.get(r.pick(working ? model.procCum : model.procCumOnline));
            u = set.unitFor(p, r);
            if (working || u.always) {
                break;
            }
        }
        if (!working && !u.always) {
            return; // no agency takes online dossiers today (only when no agency serves 24/7)
        }
        boolean capable = p.onlineService() != OnlineService.NONE;
        Channel channel;
        if (!working) {
            channel = Channel.ONLINE;
        } else if (capable && r.chance(u.p(Metric.ONLINE))) {
            channel = Channel.ONLINE;
        } else {
            channel = r.chance(profile.postalIntake) ? Channel.POSTAL : Channel.DIRECT;
        }
        boolean online = channel == Channel.ONLINE;
        long t0;
        if (online && u.always) {
            t0 = onlineTime(d, r);
        } else {
            t0 = cal.officeTime(d, r.nextDouble());
        }
        DossierPlan plan = new DossierPlan();
        plan.id = id;
        plan.unit = u.code;
        plan.procedure = p.code();
        plan.channel = channel;
        plan.vneid = online && r.chance(u.p(Metric.VNEID));
        plan.fullProcess = online && p.onlineService() == OnlineService.FULL && r.chance(u.p(Metric.FULL_PROCESS));
        plan.applicant = isBusinessField(p) || r.chance(profile.businessApplicant) ? Applicant.BUSINESS : Applicant.CITIZEN;
        long due = cal.deadline(t0, p.legalDays());
        plan.due = due;
        long a = Math.max(600, due - t0);

        plan.add(RECEIVED, t0);
        if (p.hasFee() && !r.chance(profile.feeExempt)) {
            plan.paidOnline = r.chance(u.p(online ? Metric.PAY_ONLINE_ONLINE : Metric.PAY_ONLINE_DIRECT));
            plan.amount = fee(p);
            plan.add(PAID, t0 + (long) (60 * r.uniform(profile.paymentMinutes[0], profile.paymentMinutes[1])));
        }
        int requests = 0;
        if (r.chance(u.p(Metric.SUPPLEMENT))) {
            requests = 1;
            if (r.chance(profile.repeatSupplement)) {
                requests = r.chance(profile.thirdSupplement) ? 3 : 2;
            }
        }
        // Late by timing: calibrated so that, with the dossiers that are late by the Q2.1 rule
        // (more than one supplement request), the unit's on-time share is what the model says.
        double ruleLate = u.p(Metric.SUPPLEMENT) * profile.repeatSupplement;
        double lateOther = Math.max(0, (1 - u.p(Metric.ON_TIME) - ruleLate) / (1 - ruleLate));
        boolean lateTiming = r.chance(lateOther);
        double effective = lateTiming
                ? a + 86400 * Math.max(0.5, r.exponential(profile.lateDaysMean))
                : a * r.uniform(profile.onTimeFraction[0], profile.onTimeFraction[1]);
        // Supplement requests at points of the agency's own processing time; the clock stops while
        // the applicant supplements.
        double[] at = new double[requests];
        for (int j = 0; j < requests; j++) {
            at[j] = r.uniform(profile.supplementRequestFraction[0], profile.supplementRequestFraction[1]);
        }
        Arrays.sort(at);
        long pauses = 0;
        for (int j = 0; j < requests; j++) {
            long req = t0 + (long) (effective * at[j]) + pauses;
            long pause = (long) (86400 * r.uniform(profile.supplementDays[0], profile.supplementDays[1]));
            plan.add(SUPPLEMENT_REQUESTED, req);
            plan.add(SUPPLEMENT_RECEIVED, req + pause);
            pauses += pause;
        }
        long tc = t0 + (long) effective + pauses;
        long last = plan.time[plan.n - 1];
        if (lateTiming) {
            tc = cal.nextOfficeTime(tc);
        } else {
            long prev = cal.previousOfficeTime(tc);
            if (prev > last + 60) {
                tc = prev;
            } else {
                long next = cal.nextOfficeTime(tc);
                if (next <= due + pauses) {
                    tc = next;
                }
            }
        }
        boolean withdrawn = r.chance(profile.withdrawn);
        double outcomeDraw = r.nextDouble();
        boolean paper = p.paperResult();
        plan.eResult = !paper || r.chance(u.p(online ? Metric.E_RESULT_ONLINE : Metric.E_RESULT_DIRECT));
        plan.digitized = r.chance(u.p(Metric.DIGITIZED));
        plan.reused = r.chance(u.p(Metric.REUSED));
        plan.outcome = outcomeDraw < profile.rejected ? Outcome.REJECTED
                : outcomeDraw < profile.rejected + profile.stopped ? Outcome.STOPPED : Outcome.APPROVED;
        if (withdrawn) {
            long tw = t0 + (long) ((tc - t0) * r.uniform(profile.withdrawFraction[0], profile.withdrawFraction[1]));
            plan.truncateBefore(tw);
            plan.add(WITHDRAWN, Math.max(tw, plan.time[plan.n - 1] + 60));
        } else {
            plan.add(COMPLETED, Math.max(tc, last + 60));
            long done = plan.time[plan.n - 1];
            if (plan.eResult && r.chance(u.p(Metric.RETURN_ONLINE))) {
                plan.delivery = Delivery.ONLINE;
                plan.add(RETURNED, done + (long) r.uniform(60, 3600));
            } else if (r.chance(profile.returnPostal)) {
                plan.delivery = Delivery.POSTAL;
                plan.add(RETURNED, cal.nextOfficeTime(done + (long) (86400
                        * r.uniform(profile.returnPostalDays[0], profile.returnPostalDays[1]))));
            } else {
                plan.delivery = Delivery.DIRECT;
                plan.add(RETURNED, cal.nextOfficeTime(done + (long) (86400
                        * r.uniform(profile.returnDirectDays[0], profile.returnDirectDays[1]))));
            }
            if (r.chance(profile.rated)) {
                boolean late = lateTiming || requests > 1;
                double lateShare = 1 - u.p(Metric.ON_TIME);
                double satisfiedOnTime = Math.min(0.999, u.p(Metric.SATISFIED) + profile.ratingLatePenalty * lateShare);
                double satisfied = late ? Math.max(0, satisfiedOnTime - profile.ratingLatePenalty) : satisfiedOnTime;
                double x = r.nextDouble();
                if (r.chance(satisfied)) {
                    plan.score = x < 0.7 ? 5 : 4;
                } else {
                    plan.score = x < 0.5 ? 3 : x < 0.8 ? 2 : 1;
                }
                plan.add(RATED, plan.time[plan.n - 1]
                        + (long) (86400 * r.uniform(profile.ratingDays[0], profile.ratingDays[1])));
            }
        }
        plan.ensureIncreasing();
        if (!admit(t0)) {
            return;
        }
        add(plan);
        if (r.chance(profile.feedback)) {
            long end = plan.time[plan.n - 1];
            long tf = t0 + 60 + (long) ((end - t0) * r.uniform(0.1, 1.2));
            feedback(u, plan.id.replace("HS-", "PA-"), plan.id, tf, r, true);
        }
    }

    /** Plans a feedback (drawing its fate from r either way) and queues it when {@code keep}. */
    private void feedback(Unit u, String feedbackId, String dossierId, long received, SimRandom r, boolean keep) {
        FeedbackPlan f = new FeedbackPlan();
        f.id = feedbackId;
        f.unit = u.code;
        f.dossierId = dossierId;
        f.received = received;
        if (r.chance(profile.feedbackAnswered)) {
            double[] range = r.chance(u.p(Metric.FEEDBACK_ON_TIME))
                    ? profile.feedbackOnTimeWorkingDays : profile.feedbackLateWorkingDays;
            int days = (int) Math.round(r.uniform(range[0], range[1]));
            LocalDate answered = cal.plusWorkingDays(cal.localDate(received), days);
            f.answered = Math.max(received + 60, cal.officeTime(answered, r.nextDouble()));
        } else {
            f.answered = -1;
        }
        if (keep) {
            add(f);
        }
    }

    private void generalFeedback(LocalDate d, UnitSet set, long epochDay, String ymd, double dossierMean) {
        SimRandom r = SimRandom.of(seed, "feedback", epochDay);
        int n = r.poisson(dossierMean * profile.feedbackWithoutDossierPerThousand / 1000);
        for (int i = 0; i < n; i++) {
            Procedure p = model.procedures.get(r.pick(model.procCum));
            Unit u = set.unitFor(p, r);
            long t = onlineTime(d, r);
            feedback(u, "PA-" + tag + "-" + ymd + "-G" + String.format(Locale.ROOT, "%05d", i + 1), null, t, r, admit(t));
        }
    }

    private void logins(LocalDate d, DayKind kind, UnitSet set, long epochDay, String ymd) {
        SimRandom r = SimRandom.of(seed, "logins", epochDay);
        double mean = profile.loginsPerWorkingDay * profile.monthFactors[d.getMonthValue() - 1]
                * (kind == DayKind.WORKING ? 1 : profile.loginOffDayFactor);
        int n = r.poisson(mean);
        for (int i = 0; i < n; i++) {
            double x = r.nextDouble();
            int user = (int) (profile.portalUsers * x * x * x);
            long t = onlineTime(d, r);
            if (!admit(t)) {
                continue;
            }
            LoginPlan l = new LoginPlan();
            l.id = "LG-" + tag + "-" + ymd + "-" + String.format(Locale.ROOT, "%07d", i + 1);
            l.t = t;
            l.user = user;
            Unit home = set.communes.get((int) Math.floorMod(SimRandom.hash(seed, "home:" + user), (long) set.communes.size()));
            l.unit = home.code;
            add(l);
        }
    }

    /** The portal account's method: sticky per account. */
    LoginMethod loginMethod(int user) {
        double x = SimRandom.unit(seed, "login-method:" + user);
        return x < profile.loginVneid ? LoginMethod.VNEID
                : x < profile.loginVneid + profile.loginCitySso ? LoginMethod.CITY_SSO : LoginMethod.LOCAL;
    }

    /** A hashed account id: 32 hex chars of SHA-256 of the synthetic account number. */
    static String userHash(int user) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("civicpulse-sim-user:" + user).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void documents(LocalDate d, UnitSet set, long epochDay, String ymd) {
        SimRandom r = SimRandom.of(seed, "documents", epochDay);
        for (Unit u : set.documentUnits) {
            double rate = profile.documentsPerWorkingDay.get(u.level) * u.size;
            int n = r.poisson(rate);
            for (int i = 0; i < n; i++) {
                long t = cal.officeTime(d, r.nextDouble());
                boolean electronic = r.chance(u.p(Metric.DOC_ELECTRONIC));
                boolean signed = electronic && r.chance(profile.documentSigned);
                if (!admit(t)) {
                    continue;
                }
                DocumentPlan doc = new DocumentPlan();
                doc.id = "VB-" + tag + "-" + ymd + "-" + u.code + "-" + String.format(Locale.ROOT, "%04d", i + 1);
                doc.t = t;
                doc.unit = u.code;
                doc.electronic = electronic;
                doc.signed = signed;
                add(doc);
            }
        }
    }

    private void probes(LocalDate d, UnitSet set, long epochDay) {
        int interval = profile.probeIntervalMinutes * 60;
        if (interval <= 0) {
            return;
        }
        SimRandom r = SimRandom.of(seed, "probes", epochDay);
        long start = cal.dayStart(d);
        long end = cal.dayStart(d.plusDays(1));
        for (Unit u : set.agencies) {
            long phase = Math.floorMod(SimRandom.hash(seed, "probe-phase:" + u.code), (long) interval);
            for (long t = start + phase; t < end; t += interval) {
                boolean meantUp = u.always || cal.inOfficeHours(t);
                boolean up = meantUp && r.chance(profile.availability);
                long latency = up ? Math.round(profile.latencyMedianMs * Math.exp(0.5 * r.gaussian())) : profile.timeoutMs;
                if (!admit(t)) {
                    continue;
                }
                ProbePlan pr = new ProbePlan();
                pr.service = "dvc." + u.code;
                pr.id = "PR-" + tag + "-" + pr.service + "-" + (t / 60);
                pr.t = t;
                pr.unit = u.code;
                pr.up = up;
                pr.latency = Math.max(1, latency);
                add(pr);
            }
        }
    }

    private void reports(LocalDate cutoff, UnitSet set) {
        ReportingPeriod period = reporting.periodOf(ReportingPeriod.Kind.MONTH, cutoff);
        int deadlineDays = profile.reportDeadlineWorkingDays;
        LocalDate deadline = cal.plusWorkingDays(cutoff, deadlineDays);
        for (Unit u : set.reportUnits) {
            SimRandom r = SimRandom.of(seed, "report:" + u.key + ":" + period.code(), 0);
            if (!r.chance(u.p(Metric.REPORT_SUBMITTED))) {
                continue;
            }
            LocalDate day = r.chance(u.p(Metric.REPORT_ON_TIME))
                    ? cal.plusWorkingDays(cutoff, deadlineDays == 0 ? 0 : 1 + r.nextInt(deadlineDays))
                    : cal.plusWorkingDays(deadline, 1 + r.nextInt(10));
            long t = cal.officeTime(day, r.nextDouble());
            if (!admit(t)) {
                continue;
            }
            ReportPlan rp = new ReportPlan();
            rp.id = "BC-" + tag + "-" + profile.reportRegime + "-" + u.code + "-" + period.code();
            rp.t = t;
            rp.unit = u.code;
            rp.period = period.code();
            boolean department = u.level != UnitLevel.COMMUNE;
            int staff = (int) Math.round(department ? 60 + 340 * SimRandom.unit(seed, "staff:" + u.key)
                    : 18 + 30 * SimRandom.unit(seed, "staff:" + u.key));
            int withId = (int) Math.round(staff * (0.82 + 0.18 * r.nextDouble()));
            int datasets = department ? r.nextInt(13) : r.nextInt(3);
            int updated = datasets == 0 ? 0 : r.nextInt(datasets + 1);
            // The regime's values format (domain regimes.json): a submitted KPI is a numerator/denominator pair.
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("P9.numerator", withId);
            values.put("P9.denominator", staff);
            values.put("P10.numerator", updated > 0 ? 1 : 0);
            values.put("P10.denominator", 1);
            rp.values = values;
            rp.by = "officer." + u.code.toLowerCase(Locale.ROOT);
            add(rp);
            // Most reports are approved by the parent unit's approver one to three working days later.
            if (r.chance(0.9)) {
                long approvedAt = cal.officeTime(cal.plusWorkingDays(day, 1 + r.nextInt(3)), r.nextDouble());
                if (admit(approvedAt)) {
                    ReportPlan approval = new ReportPlan();
                    approval.type = EventType.REPORT_APPROVED;
                    approval.id = rp.id + "-approved";
                    approval.t = approvedAt;
                    approval.unit = rp.unit;
                    approval.period = rp.period;
                    approval.values = values;
                    approval.by = "approver.01";
                    add(approval);
                }
            }
        }
    }

    /** An online arrival time on {@code d}, by the profile's hour weights. */
    private long onlineTime(LocalDate d, SimRandom r) {
        double[] w = profile.onlineHourWeights;
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double x = r.nextDouble() * total;
        int h = 0;
        while (h < 23 && x >= w[h]) {
            x -= w[h];
            h++;
        }
        return cal.dayStart(d) + h * 3600L + (long) (r.nextDouble() * 3600);
    }

    private long fee(Procedure p) {
        long[] fees = profile.feeAmountsVnd;
        return fees[(int) Math.floorMod(SimRandom.hash(seed, "fee:" + p.code()), (long) fees.length)];
    }

    static boolean isBusinessField(Procedure p) {
        String f = p.field().toLowerCase(Locale.ROOT);
        return f.contains("doanh nghiệp") || f.contains("hợp tác xã") || f.contains("hộ kinh doanh");
    }

    // ------------------------------------------------------------------------------------ plans

    /** A queue entry: the next step of a plan. */
    private static final class Pending implements Comparable<Pending> {
        long t;
        long seq;
        Plan plan;
        int step;

        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(t, o.t);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** One aggregate's events, known in advance, handed out one step at a time. */
    abstract static class Plan {
        long lastOut = Long.MIN_VALUE;

        abstract int steps();

        abstract long time(int step);

        abstract Event emit(int step, CitySimulator s);
    }

    abstract static class SinglePlan extends Plan {
        long t;

        @Override
        int steps() {
            return 1;
        }

        @Override
        long time(int step) {
            return t;
        }
    }

    static final class DossierPlan extends Plan {
        String id;
        String unit;
        String procedure;
        Channel channel;
        Applicant applicant;
        boolean vneid;
        boolean fullProcess;
        long due;
        boolean paidOnline;
        long amount;
        Outcome outcome;
        boolean eResult;
        boolean digitized;
        boolean reused;
        Delivery delivery;
        int score;
        byte[] type = new byte[8];
        long[] time = new long[8];
        int n;

        void add(byte t, long at) {
            if (n == type.length) {
                type = Arrays.copyOf(type, n * 2);
                time = Arrays.copyOf(time, n * 2);
            }
            type[n] = t;
            time[n] = at;
            n++;
        }

        /** Drops the steps at or after {@code t} (the reception always stays). */
        void truncateBefore(long t) {
            while (n > 1 && time[n - 1] >= t) {
                n--;
            }
        }

        /** Makes the step times strictly increasing (a step never precedes the one before it). */
        void ensureIncreasing() {
            for (int i = 1; i < n; i++) {
                if (time[i] <= time[i - 1]) {
                    time[i] = time[i - 1] + 1;
                }
            }
        }

        @Override
        int steps() {
            return n;
        }

        @Override
        long time(int step) {
            return time[step];
        }

        @Override
        Event emit(int step, CitySimulator s) {
            String eid = id + "." + (step + 1);
            OffsetDateTime at = s.at(time[step], this);
            return switch (type[step]) {
                case RECEIVED -> new DossierReceived(eid, at, SOURCE_ONE_STOP, unit, id, procedure, channel, applicant,
                        s.time(s.warp(due)), vneid, fullProcess);
                case PAID -> new DossierPaid(eid, at, SOURCE_PAYMENT, unit, id, paidOnline, amount);
                case SUPPLEMENT_REQUESTED -> new DossierSupplementRequested(eid, at, SOURCE_ONE_STOP, unit, id);
                case SUPPLEMENT_RECEIVED -> new DossierSupplementReceived(eid, at, SOURCE_ONE_STOP, unit, id);
                case WITHDRAWN -> new DossierWithdrawn(eid, at, SOURCE_ONE_STOP, unit, id);
                case COMPLETED -> new DossierCompleted(eid, at, SOURCE_ONE_STOP, unit, id, outcome, eResult, digitized, reused);
                case RETURNED -> new DossierReturned(eid, at, SOURCE_ONE_STOP, unit, id, delivery);
                case RATED -> new DossierRated(eid, at, SOURCE_ONE_STOP, unit, id, score);
                default -> throw new IllegalStateException("step type " + type[step]);
            };
        }
    }

    static final class FeedbackPlan extends Plan {
        String id;
        String unit;
        String dossierId;
        long received;
        long answered;

        @Override
        int steps() {
            return answered < 0 ? 1 : 2;
        }

        @Override
        long time(int step) {
            return step == 0 ? received : answered;
        }

        @Override
        Event emit(int step, CitySimulator s) {
            OffsetDateTime at = s.at(time(step), this);
            return step == 0
                    ? new FeedbackReceived(id + ".1", at, SOURCE_ONE_STOP, unit, id, dossierId)
                    : new FeedbackAnswered(id + ".2", at, SOURCE_ONE_STOP, unit, id, dossierId);
        }
    }

    static final class LoginPlan extends SinglePlan {
        String id;
        String unit;
        int user;

        @Override
        Event emit(int step, CitySimulator s) {
            return new PortalLogin(id, s.at(t, null), SOURCE_PORTAL, unit, userHash(user), s.loginMethod(user));
        }
    }

    static final class DocumentPlan extends SinglePlan {
        String id;
        String unit;
        boolean electronic;
        boolean signed;

        @Override
        Event emit(int step, CitySimulator s) {
            return new DocumentProcessed(id, s.at(t, null), SOURCE_E_OFFICE, unit, id, electronic, signed);
        }
    }

    static final class ProbePlan extends SinglePlan {
        String id;
        String unit;
        String service;
        boolean up;
        long latency;

        @Override
        Event emit(int step, CitySimulator s) {
            return new ServiceProbe(id, s.at(t, null), SOURCE_UPTIME, unit, service, up, latency);
        }
    }

    static final class ReportPlan extends SinglePlan {
        EventType type = EventType.REPORT_SUBMITTED;
        String id;
        String unit;
        String period;
        Map<String, Object> values;
        String by;

        @Override
        Event emit(int step, CitySimulator s) {
            return new ReportAction(id, type, s.at(t, null), SOURCE_REPORTS, unit,
                    s.profile.reportRegime, period, values, by, null);
        }
    }
}
