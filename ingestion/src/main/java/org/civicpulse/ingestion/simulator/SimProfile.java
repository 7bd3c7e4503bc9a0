package org.civicpulse.ingestion.simulator;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.civicpulse.domain.event.UnitLevel;

/**
 * The simulation parameters: the classpath resource {@value #DEFAULT_RESOURCE}, optionally overlaid
 * by a user's file (only the keys it changes; unknown keys are an error). The meaning of every key is
 * written in the default file. Immutable.
 */
public final class SimProfile {

    public static final String DEFAULT_RESOURCE = "simulator/default-profile.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    final JsonNode tree;

    final String name;
    final ZoneId zone;
    final double unitSpread;

    // volume
    final double dossiersPerWorkingDay;
    final double[] weekdayFactors;
    final double[] monthFactors;
    final double weekendOnline;
    final double holidayOnline;
    final double tetOnline;
    final double feedbackWithoutDossierPerThousand;
    final double loginsPerWorkingDay;
    final double loginOffDayFactor;
    final int portalUsers;
    final Map<UnitLevel, Double> documentsPerWorkingDay;
    final int probeIntervalMinutes;

    final LocalTime morningStart;
    final LocalTime morningEnd;
    final LocalTime afternoonStart;
    final LocalTime afternoonEnd;
    final double[] onlineHourWeights;

    final double procedureWeightDefault;
    final Map<String, Double> procedureWeightByField;
    final long[] feeAmountsVnd;

    // dossier shares
    final double online;
    final double postalIntake;
    final double fullProcess;
    final double vneid;
    final double businessApplicant;
    final double feeExempt;
    final double onlinePaymentOnline;
    final double onlinePaymentDirect;
    final double supplement;
    final double repeatSupplement;
    final double thirdSupplement;
    final double withdrawn;
    final double onTime;
    final double rejected;
    final double stopped;
    final double eResultOnline;
    final double eResultDirect;
    final double digitized;
    final double reusedData;
    final double returnOnline;
    final double returnPostal;
    final double rated;
    final double ratingSatisfied;
    final double ratingLatePenalty;
    final double feedback;

    final double feedbackAnswered;
    final double feedbackAnsweredOnTime;

    // timing
    final double[] paymentMinutes;
    final double[] supplementRequestFraction;
    final double[] supplementDays;
    final double[] onTimeFraction;
    final double lateDaysMean;
    final double[] withdrawFraction;
    final double[] returnPostalDays;
    final double[] returnDirectDays;
    final double[] ratingDays;
    final double[] feedbackOnTimeWorkingDays;
    final double[] feedbackLateWorkingDays;

    final double loginVneid;
    final double loginCitySso;

    final Map<UnitLevel, Double> documentElectronic;
    final double documentSigned;

    final double agencies24x7;
    final double availability;
    final double latencyMedianMs;
    final long timeoutMs;

    final String reportRegime;
    final int reportDeadlineWorkingDays;
    final double reportSubmitted;
    final double reportOnTime;

    private SimProfile(JsonNode t) {
        this.tree = t;
        name = text(t, "name");
        zone = ZoneId.of(text(t, "zone"));
        unitSpread = num(t, "unitSpread", 0, 5);

        JsonNode v = t.get("volume");
        dossiersPerWorkingDay = num(v, "dossiersPerWorkingDay", 0, 1e9);
        weekdayFactors = nums(v, "weekdayFactors", 5);
        monthFactors = nums(v, "monthFactors", 12);
        JsonNode off = v.get("offDayOnline");
        weekendOnline = num(off, "weekend", 0, 10);
        holidayOnline = num(off, "holiday", 0, 10);
        tetOnline = num(off, "tet", 0, 10);
        feedbackWithoutDossierPerThousand = num(v, "feedbackWithoutDossierPerThousand", 0, 1000);
        loginsPerWorkingDay = num(v, "loginsPerWorkingDay", 0, 1e9);
        loginOffDayFactor = num(v, "loginOffDayFactor", 0, 10);
        portalUsers = (int) num(v, "portalUsers", 1, 1e9);
        documentsPerWorkingDay = byLevel(v.get("documentsPerWorkingDay"), "volume.documentsPerWorkingDay", 1e6);
        probeIntervalMinutes = (int) num(v, "probeIntervalMinutes", 0, 1440);

        JsonNode oh = t.get("officeHours");
        morningStart = LocalTime.parse(text(oh, "morningStart"));
        morningEnd = LocalTime.parse(text(oh, "morningEnd"));
        afternoonStart = LocalTime.parse(text(oh, "afternoonStart"));
        afternoonEnd = LocalTime.parse(text(oh, "afternoonEnd"));
        if (!morningStart.isBefore(morningEnd) || morningEnd.isAfter(afternoonStart)
                || !afternoonStart.isBefore(afternoonEnd)) {
            throw new IllegalArgumentException("officeHours must be morningStart < morningEnd ≤ afternoonStart < afternoonEnd");
        }
        onlineHourWeights = nums(t, "onlineHourWeights", 24);

        JsonNode pw = t.get("procedureWeights");
        procedureWeightDefault = num(pw, "default", 0, 1e6);
        Map<String, Double> byField = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : pw.get("byField").properties()) {
            byField.put(e.getKey(), e.getValue().asDouble());
        }
        procedureWeightByField = Collections.unmodifiableMap(byField);
        JsonNode fees = t.get("feeAmountsVnd");
        feeAmountsVnd = new long[fees.size()];
        for (int i = 0; i < fees.size(); i++) {
            feeAmountsVnd[i] = fees.get(i).asLong();
        }
        if (feeAmountsVnd.length == 0) {
            throw new IllegalArgumentException("feeAmountsVnd must list at least one amount");
        }

        JsonNode d = t.get("dossier");
        online = share(d, "online");
        postalIntake = share(d, "postalIntake");
        fullProcess = share(d, "fullProcess");
        vneid = share(d, "vneid");
        businessApplicant = share(d, "businessApplicant");
        feeExempt = share(d, "feeExempt");
        onlinePaymentOnline = share(d, "onlinePaymentOnline");
        onlinePaymentDirect = share(d, "onlinePaymentDirect");
        supplement = share(d, "supplement");
        repeatSupplement = share(d, "repeatSupplement");
        thirdSupplement = share(d, "thirdSupplement");
        withdrawn = share(d, "withdrawn");
        onTime = share(d, "onTime");
        rejected = share(d, "rejected");
        stopped = share(d, "stopped");
        eResultOnline = share(d, "eResultOnline");
        eResultDirect = share(d, "eResultDirect");
        digitized = share(d, "digitized");
        reusedData = share(d, "reusedData");
        returnOnline = share(d, "returnOnline");
        returnPostal = share(d, "returnPostal");
        rated = share(d, "rated");
        ratingSatisfied = share(d, "ratingSatisfied");
        ratingLatePenalty = share(d, "ratingLatePenalty");
        feedback = share(d, "feedback");
        if (rejected + stopped > 1) {
            throw new IllegalArgumentException("dossier.rejected + dossier.stopped must be ≤ 1");
        }
        if (1 - onTime < supplement * repeatSupplement) {
            throw new IllegalArgumentException("dossier.onTime " + onTime + " is above what the Q2.1 rule allows: "
                    + "supplement × repeatSupplement of the dossiers have more than one supplement request and are late");
        }

        JsonNode f = t.get("feedback");
        feedbackAnswered = share(f, "answered");
        feedbackAnsweredOnTime = share(f, "answeredOnTime");

        JsonNode tm = t.get("timing");
        paymentMinutes = range(tm, "paymentMinutes");
        supplementRequestFraction = range(tm, "supplementRequestFraction");
        supplementDays = range(tm, "supplementDays");
        onTimeFraction = range(tm, "onTimeFraction");
        lateDaysMean = num(tm, "lateDaysMean", 0, 365);
        withdrawFraction = range(tm, "withdrawFraction");
        returnPostalDays = range(tm, "returnPostalDays");
        returnDirectDays = range(tm, "returnDirectDays");
        ratingDays = range(tm, "ratingDays");
        feedbackOnTimeWorkingDays = range(tm, "feedbackOnTimeWorkingDays");
        feedbackLateWorkingDays = range(tm, "feedbackLateWorkingDays");
        if (onTimeFraction[1] >= 1) {
            throw new IllegalArgumentException("timing.onTimeFraction must end below 1");
        }

        JsonNode l = t.get("logins");
        loginVneid = share(l, "vneid");
        loginCitySso = share(l, "citySso");
        if (loginVneid + loginCitySso > 1) {
            throw new IllegalArgumentException("logins.vneid + logins.citySso must be ≤ 1");
        }

        JsonNode doc = t.get("documents");
        documentElectronic = byLevel(doc.get("electronic"), "documents.electronic", 1);
        documentSigned = share(doc, "signed");

        JsonNode up = t.get("uptime");
        agencies24x7 = share(up, "agencies24x7");
        availability = share(up, "availability");
        latencyMedianMs = num(up, "latencyMedianMs", 1, 1e6);
        timeoutMs = (long) num(up, "timeoutMs", 1, 1e7);

        JsonNode r = t.get("reports");
        reportRegime = text(r, "regime");
        reportDeadlineWorkingDays = (int) num(r, "deadlineWorkingDays", 0, 100);
        reportSubmitted = share(r, "submitted");
        reportOnTime = share(r, "onTime");
    }

    /** The default profile. */
    public static SimProfile defaults() {
        return new SimProfile(defaultTree());
    }

    /** The default profile overlaid by {@code file} (null: the default alone). */
    public static SimProfile load(Path file) {
        if (file == null) {
            return defaults();
        }
        try {
            return overlay(JSON.readTree(Files.readAllBytes(file)), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profile " + file, e);
        }
    }

    /** The default profile overlaid by a JSON text (for tests and programmatic tweaks). */
    public static SimProfile fromJson(String json) {
        try {
            return overlay(JSON.readTree(json), "profile");
        } catch (IOException e) {
            throw new IllegalArgumentException("profile is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** This profile with one volume change: dossiers per working day (and logins and feedback scaled alike). */
    public SimProfile withDossiersPerWorkingDay(double n) {
        ObjectNode copy = tree.deepCopy();
        ObjectNode vol = (ObjectNode) copy.get("volume");
        double old = vol.get("dossiersPerWorkingDay").asDouble();
        vol.put("dossiersPerWorkingDay", n);
        if (old > 0) {
            vol.put("loginsPerWorkingDay", vol.get("loginsPerWorkingDay").asDouble() * n / old);
        }
        return new SimProfile(copy);
    }

    private static JsonNode defaultTree() {
        try (InputStream in = SimProfile.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    private static SimProfile overlay(JsonNode user, String where) {
        if (user == null || !user.isObject()) {
            throw new IllegalArgumentException(where + ": a profile must be a JSON object");
        }
        ObjectNode base = (ObjectNode) defaultTree();
        merge(base, user, "", where);
        return new SimProfile(base);
    }

    private static void merge(ObjectNode base, JsonNode over, String path, String where) {
        for (Map.Entry<String, JsonNode> e : over.properties()) {
            String key = e.getKey();
            String p = path.isEmpty() ? key : path + "." + key;
            JsonNode current = base.get(key);
            boolean free = path.equals("procedureWeights.byField");
            if (current == null && !free) {
                throw new IllegalArgumentException(where + ": unknown profile key " + p
                        + " (see " + DEFAULT_RESOURCE + " for the keys)");
            }
            if (current != null && current.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) current, e.getValue(), p, where);
            } else {
                base.set(key, e.getValue());
            }
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw new IllegalArgumentException("profile: " + key + " must be a non-empty string");
        }
        return v.textValue();
    }

    private static double num(JsonNode n, String key, double min, double max) {
        JsonNode v = n == null ? null : n.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("profile: " + key + " must be a number");
        }
        double d = v.asDouble();
        if (d < min || d > max || Double.isNaN(d)) {
            throw new IllegalArgumentException("profile: " + key + " must be in [" + min + ", " + max + "], got " + d);
        }
        return d;
    }

    private static double share(JsonNode n, String key) {
        return num(n, key, 0, 1);
    }

    private static double[] nums(JsonNode n, String key, int size) {
        JsonNode v = n.get(key);
        if (v == null || !v.isArray() || v.size() != size) {
            throw new IllegalArgumentException("profile: " + key + " must be an array of " + size + " numbers");
        }
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = v.get(i).asDouble();
            if (a[i] < 0) {
                throw new IllegalArgumentException("profile: " + key + " must not hold negative numbers");
            }
        }
        return a;
    }

    private static double[] range(JsonNode n, String key) {
        double[] a = nums(n, key, 2);
        if (a[1] < a[0]) {
            throw new IllegalArgumentException("profile: timing." + key + " must be [low, high] with low ≤ high");
        }
        return a;
    }

    private static Map<UnitLevel, Double> byLevel(JsonNode n, String key, double max) {
        Map<UnitLevel, Double> m = new EnumMap<>(UnitLevel.class);
        for (UnitLevel level : UnitLevel.values()) {
            m.put(level, num(n, level.name(), 0, max));
        }
        return Collections.unmodifiableMap(m);
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public double dossiersPerWorkingDay() {
        return dossiersPerWorkingDay;
    }

    @Override
    public String toString() {
        return "SimProfile[" + name + ", " + dossiersPerWorkingDay + " dossiers/working day]";
    }
}
