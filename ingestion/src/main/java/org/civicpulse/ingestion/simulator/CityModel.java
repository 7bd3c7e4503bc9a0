package org.civicpulse.ingestion.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.civicpulse.domain.event.OnlineService;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.OrgUnit;
import org.civicpulse.domain.procedure.Procedure;

/**
 * The simulated city: which units are in force on a day, their traits drawn from the seed (size,
 * performance, whether their online intake serves 24/7) and their calibrated shares.
 *
 * <p>Per-unit shares: every unit version gets a performance factor {@code z} ~ N(0, 1) from the seed
 * (a unit that is good at one thing tends to be good at others: each metric uses
 * {@code 0.8 z + 0.6 z_metric}); its share of a metric is {@code logistic(logit(target) + c +
 * unitSpread × z)}, where {@code c} is solved (bisection) so that the mean over the units in force,
 * weighted by each unit's expected number of dossiers the metric is measured on (e.g. its non-online
 * dossiers of paper-result procedures for eResultDirect), equals the profile's target. Rankings thus
 * mean something while the city-wide shares stay where the profile puts them.
 */
final class CityModel {

    /** Shares that vary by unit. {@code sign} -1: a better unit has less of it. */
    enum Metric {
        ONLINE(1), FULL_PROCESS(1), VNEID(1), PAY_ONLINE_ONLINE(1), PAY_ONLINE_DIRECT(1), SUPPLEMENT(-1),
        ON_TIME(1), E_RESULT_ONLINE(1), E_RESULT_DIRECT(1), DIGITIZED(1), REUSED(1), RETURN_ONLINE(1),
        SATISFIED(1), FEEDBACK_ON_TIME(1), DOC_ELECTRONIC(1), REPORT_SUBMITTED(1), REPORT_ON_TIME(1);

        final int sign;

        Metric(int sign) {
            this.sign = sign;
        }
    }

    private static final Metric[] METRICS = Metric.values();

    /** One unit version in the simulation. */
    static final class Unit {
        final OrgUnit org;
        final String code;
        /** code@validFrom: the key of this version's traits. */
        final String key;
        final UnitLevel level;
        final double size;
        final double z;
        final double[] zm = new double[METRICS.length];
        final double[] p = new double[METRICS.length];
        boolean always;
        /** Expected share of the city's dossiers (set by the unit set it belongs to). */
        double volume;
        /** The procedures it receives (weights), when it receives dossiers. */
        Mix mix = new Mix();

        Unit(OrgUnit org, long seed) {
            this.org = org;
            this.code = org.code();
            this.key = org.code() + "@" + org.validFrom();
            this.level = org.level();
            this.size = org.level() == UnitLevel.COMMUNE ? Math.exp(0.5 * SimRandom.gaussian(seed, "size:" + key)) : 1;
            this.z = SimRandom.gaussian(seed, "perf:" + key);
            for (Metric m : METRICS) {
                zm[m.ordinal()] = m.sign * (0.8 * z + 0.6 * SimRandom.gaussian(seed, "perf:" + m + ":" + key));
            }
        }

        double p(Metric m) {
            return p[m.ordinal()];
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** The units in force on some days, with everything the generator needs about them. */
    final class UnitSet {
        final List<Unit> communes = new ArrayList<>();
        final double[] communeCum;
        final List<Unit> departments = new ArrayList<>();
        final List<Unit> districts = new ArrayList<>();
        final Unit city;
        final Map<String, Unit> byCode = new HashMap<>();
        /** Units that receive dossiers and run an online intake (probed). */
        final List<Unit> agencies = new ArrayList<>();
        /** Units that process e-office documents. */
        final List<Unit> documentUnits = new ArrayList<>();
        /** Units that submit the monthly report. */
        final List<Unit> reportUnits = new ArrayList<>();
        /** Share of a working day's dossiers that arrive online (for the volume of days off). */
        final double onlineFraction;

        UnitSet(List<OrgUnit> valid) {
            Unit c = null;
            for (OrgUnit o : valid) {
                Unit u = unit(o);
                byCode.put(u.code, u);
                switch (u.level) {
                    case CITY -> c = u;
                    case DEPARTMENT -> departments.add(u);
                    case DISTRICT -> districts.add(u);
                    case COMMUNE -> communes.add(u);
                    default -> throw new IllegalStateException(u.level.toString());
                }
            }
            if (c == null) {
                throw new IllegalStateException("no CITY unit in force on these days; the reference data needs one");
            }
            if (communes.isEmpty()) {
                throw new IllegalStateException("no COMMUNE unit in force on these days");
            }
            city = c;
            communeCum = new double[communes.size()];
            double s = 0;
            for (int i = 0; i < communes.size(); i++) {
                s += communes.get(i).size;
                communeCum[i] = s;
            }
            // Expected dossier volume per unit, and the mix of procedures it receives.
            Map<Unit, Mix> mixes = new LinkedHashMap<>();
            Mix communeMix = new Mix();
            for (int i = 0; i < procedures.size(); i++) {
                Procedure p = procedures.get(i);
                if (isCommuneLevel(p)) {
                    communeMix.add(p, procWeight[i]);
                } else {
                    mixes.computeIfAbsent(authority(p), k -> new Mix()).add(p, procWeight[i]);
                }
            }
            for (Unit u : communes) {
                mixes.computeIfAbsent(u, k -> new Mix()).add(communeMix, u.size / s);
            }
            for (Map.Entry<Unit, Mix> e : mixes.entrySet()) {
                Unit u = e.getKey();
                u.mix = e.getValue();
                u.volume = u.mix.vol / totalProcWeight;
                agencies.add(u);
            }
            agencies.sort(Comparator.comparing(u -> u.key));
            documentUnits.addAll(departments);
            documentUnits.addAll(districts);
            documentUnits.addAll(communes);
            reportUnits.addAll(departments);
            reportUnits.addAll(communes);

            // 24/7: an exact share within each group of unit versions (level + validity), ranked on the seed.
            Map<String, List<Unit>> groups = new LinkedHashMap<>();
            for (Unit u : agencies) {
                groups.computeIfAbsent(u.level + "|" + u.org.validFrom() + "|" + u.org.validTo(), k -> new ArrayList<>()).add(u);
            }
            for (List<Unit> g : groups.values()) {
                g.sort(Comparator.comparingDouble((Unit u) -> SimRandom.unit(seed, "24x7:" + u.key)).thenComparing(u -> u.key));
                int n = (int) Math.round(profile.agencies24x7 * g.size());
                for (int i = 0; i < g.size(); i++) {
                    g.get(i).always = i < n;
                }
            }

            // Each share is calibrated over the dossiers it is measured on (e.g. eResultDirect over the
            // non-online dossiers of paper-result procedures): units differ in their mix of procedures
            // and channels, and a unit's performance factor is shared by its metrics.
            double onlineWorking = onlineWorkingTarget();
            calibrate(agencies, u -> u.mix.capable, Metric.ONLINE, onlineWorking);
            calibrate(agencies, u -> u.mix.full * on(u), Metric.FULL_PROCESS, profile.fullProcess);
            calibrate(agencies, u -> u.mix.capable * on(u), Metric.VNEID, profile.vneid);
            calibrate(agencies, u -> u.mix.feeCapable * on(u), Metric.PAY_ONLINE_ONLINE, profile.onlinePaymentOnline);
            calibrate(agencies, u -> u.mix.fee - u.mix.feeCapable * on(u), Metric.PAY_ONLINE_DIRECT, profile.onlinePaymentDirect);
            calibrate(agencies, u -> u.mix.vol, Metric.SUPPLEMENT, profile.supplement);
            calibrate(agencies, u -> u.mix.vol, Metric.ON_TIME, profile.onTime);
            calibrate(agencies, u -> u.mix.paperCapable * on(u), Metric.E_RESULT_ONLINE, profile.eResultOnline);
            calibrate(agencies, u -> u.mix.paper - u.mix.paperCapable * on(u), Metric.E_RESULT_DIRECT, profile.eResultDirect);
            calibrate(agencies, u -> u.mix.vol, Metric.DIGITIZED, profile.digitized);
            calibrate(agencies, u -> u.mix.vol, Metric.REUSED, profile.reusedData);
            calibrate(agencies, u -> u.mix.vol - u.mix.paper
                    + u.mix.paperCapable * on(u) * u.p(Metric.E_RESULT_ONLINE)
                    + (u.mix.paper - u.mix.paperCapable * on(u)) * u.p(Metric.E_RESULT_DIRECT),
                    Metric.RETURN_ONLINE, profile.returnOnline);
            calibrate(agencies, u -> u.mix.vol * profile.rated, Metric.SATISFIED, profile.ratingSatisfied);
            calibrate(agencies, u -> u.mix.vol, Metric.FEEDBACK_ON_TIME, profile.feedbackAnsweredOnTime);
            for (UnitLevel level : UnitLevel.values()) {
                List<Unit> ofLevel = documentUnits.stream().filter(u -> u.level == level).toList();
                calibrate(ofLevel, u -> u.size, Metric.DOC_ELECTRONIC, profile.documentElectronic.get(level));
            }
            calibrate(reportUnits, u -> 1, Metric.REPORT_SUBMITTED, profile.reportSubmitted);
            calibrate(reportUnits, u -> 1, Metric.REPORT_ON_TIME, profile.reportOnTime);

            double capable = 0;
            for (int i = 0; i < procedures.size(); i++) {
                if (procedures.get(i).onlineService() != OnlineService.NONE) {
                    capable += procWeight[i];
                }
            }
            onlineFraction = capable / totalProcWeight * onlineWorking;
        }

        /** The unit that receives a dossier of {@code p} (a commune drawn by size for commune-level procedures). */
        Unit unitFor(Procedure p, SimRandom r) {
            if (isCommuneLevel(p)) {
                return communes.get(r.pick(communeCum));
            }
            return authority(p);
        }

        private Unit authority(Procedure p) {
            Unit u = byCode.get(p.unit());
            return u != null && u.level != UnitLevel.COMMUNE ? u : city;
        }
    }

    /** Sums of procedure weights received by a unit: all, and those with some property. */
    static final class Mix {
        double vol;
        double capable;
        double full;
        double fee;
        double feeCapable;
        double paper;
        double paperCapable;

        void add(Procedure p, double w) {
            boolean c = p.onlineService() != OnlineService.NONE;
            vol += w;
            capable += c ? w : 0;
            full += p.onlineService() == OnlineService.FULL ? w : 0;
            fee += p.hasFee() ? w : 0;
            feeCapable += p.hasFee() && c ? w : 0;
            paper += p.paperResult() ? w : 0;
            paperCapable += p.paperResult() && c ? w : 0;
        }

        void add(Mix m, double f) {
            vol += m.vol * f;
            capable += m.capable * f;
            full += m.full * f;
            fee += m.fee * f;
            feeCapable += m.feeCapable * f;
            paper += m.paper * f;
            paperCapable += m.paperCapable * f;
        }
    }

    /** The share of a unit's capable dossiers that arrive online (after ONLINE is calibrated). */
    private static double on(Unit u) {
        return u.p(Metric.ONLINE);
    }

    private final SimProfile profile;
    private final long seed;
    private final List<OrgUnit> allUnits;
    final List<Procedure> procedures;
    final double[] procWeight;
    final double[] procCum;
    final double[] procCumOnline;
    final double totalProcWeight;
    private final Map<BitSet, UnitSet> sets = new HashMap<>();

    CityModel(SimProfile profile, ReferenceData ref, long seed) {
        this.profile = profile;
        this.seed = seed;
        this.allUnits = ref.units();
        this.procedures = ref.procedures();
        int n = procedures.size();
        procWeight = new double[n];
        procCum = new double[n];
        procCumOnline = new double[n];
        double s = 0;
        double so = 0;
        for (int i = 0; i < n; i++) {
            Procedure p = procedures.get(i);
            double fieldWeight = profile.procedureWeightDefault;
            for (String f : p.field().split(";")) {
                Double w = profile.procedureWeightByField.get(f.strip());
                if (w != null) {
                    fieldWeight = w;
                    break;
                }
            }
            procWeight[i] = fieldWeight * (0.25 + 1.5 * SimRandom.unit(seed, "procedure-weight:" + p.code()));
            s += procWeight[i];
            procCum[i] = s;
            if (p.onlineService() != OnlineService.NONE) {
                so += procWeight[i];
            }
            procCumOnline[i] = so;
        }
        if (s <= 0) {
            throw new IllegalArgumentException("every procedure has weight 0; check procedureWeights in the profile");
        }
        if (so <= 0) {
            throw new IllegalArgumentException("no procedure has an online service: days off would get no dossiers");
        }
        totalProcWeight = s;
    }

    static boolean isCommuneLevel(Procedure p) {
        return p.authorityLevel().equalsIgnoreCase("COMMUNE");
    }

    /**
     * The share of online dossiers to draw on working days so that, with the all-online days off
     * added, the share over all days is the profile's: p / (1 + 0.4 × weekend × (1 − p)) (a week has
     * 2 days off with {@code weekend} times a working day's online volume).
     */
    double onlineWorkingTarget() {
        double p = profile.online;
        return p / (1 + 0.4 * profile.weekendOnline * (1 - p));
    }

    /** A fresh unit per unit set: the traits come from the seed, the calibrated shares from the set. */
    private Unit unit(OrgUnit o) {
        return new Unit(o, seed);
    }

    /** The units in force on {@code d}. */
    UnitSet on(LocalDate d) {
        BitSet key = new BitSet(allUnits.size());
        for (int i = 0; i < allUnits.size(); i++) {
            if (allUnits.get(i).validOn(d)) {
                key.set(i);
            }
        }
        UnitSet s = sets.get(key);
        if (s == null) {
            List<OrgUnit> valid = new ArrayList<>();
            for (int i = key.nextSetBit(0); i >= 0; i = key.nextSetBit(i + 1)) {
                valid.add(allUnits.get(i));
            }
            s = new UnitSet(valid);
            sets.put(key, s);
        }
        return s;
    }

    private void calibrate(List<Unit> list, ToDoubleFunction<Unit> weight, Metric m, double target) {
        int i = m.ordinal();
        if (list.isEmpty()) {
            return;
        }
        if (target <= 0 || target >= 1 || profile.unitSpread == 0) {
            for (Unit u : list) {
                u.p[i] = target;
            }
            return;
        }
        double base = Math.log(target / (1 - target));
        double[] w = new double[list.size()];
        double total = 0;
        for (int k = 0; k < w.length; k++) {
            w[k] = weight.applyAsDouble(list.get(k));
            total += w[k];
        }
        if (total <= 0) {
            Arrays.fill(w, 1);
            total = w.length;
        }
        double lo = -20;
        double hi = 20;
        for (int it = 0; it < 80; it++) {
            double c = (lo + hi) / 2;
            double mean = 0;
            for (int k = 0; k < w.length; k++) {
                mean += w[k] * logistic(base + c + profile.unitSpread * list.get(k).zm[i]);
            }
            if (mean / total < target) {
                lo = c;
            } else {
                hi = c;
            }
        }
        double c = (lo + hi) / 2;
        for (Unit u : list) {
            u.p[i] = logistic(base + c + profile.unitSpread * u.zm[i]);
        }
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
