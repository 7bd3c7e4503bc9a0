package org.civicpulse.domain.event;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * JSON codec and validator of the event contract (docs/DESIGN.md "Contracts → Events").
 *
 * <p>Immutable and thread-safe; share one instance. All instances share one ObjectMapper configured
 * once (strict duplicate-key detection, trailing tokens rejected). Parsing reads one JsonNode tree
 * and validates it by hand: no data binding, no reflection, no regex.
 *
 * <ul>
 *   <li>{@link #parse(String)} validates everything and reports every problem (for ingestion).
 *       It rejects {@code occurredAt} later than the clock's now plus the future tolerance.</li>
 *   <li>{@link #fromJson(String)} is for already-validated events (Kafka consumers, Flink): same
 *       validation but <b>never</b> the future-time check; throws {@link InvalidEventException}
 *       (an IllegalArgumentException) listing every problem.</li>
 *   <li>{@link #toJson(Event)} writes the wire JSON: fields in contract order, {@code type} as wire
 *       name, times as RFC 3339 with the event's own offset ({@code Z} for UTC), optional fields
 *       written as explicit {@code null}. {@code fromJson(toJson(e)).equals(e)} for every event.</li>
 * </ul>
 *
 * <p>Rules beyond the contract's wording: required strings must be non-blank; {@code id} ≤ 128 chars,
 * other identifier/code strings ({@code source}, {@code unit}, {@code dossierId}, {@code procedure},
 * {@code feedbackId}, {@code userHash}, {@code documentId}, {@code service}, {@code regime},
 * {@code period}, {@code by}, {@code code}, {@code parent}, {@code oldCode}, {@code newCode}) ≤
 * {@value #MAX_CODE_LENGTH} chars, free text ({@code name}, {@code field}, {@code authorityLevel},
 * {@code comment}) ≤ {@value #MAX_TEXT_LENGTH};
 * a present optional identifier must be non-blank (send null or omit it); integers may be sent as
 * integral floats ({@code 5.0}) but not as strings; enum spellings are exact and case-sensitive;
 * for {@code catalog.unit}, {@code unit} must equal {@code code}; for {@code catalog.merger}, {@code unit}
 * must equal {@code newCode} (the unit that inherits).
 */
public final class EventCodec {

    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofMinutes(5);
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_CODE_LENGTH = 256;
    public static final int MAX_TEXT_LENGTH = 4096;

    private static final String TIME_EXAMPLE = "2026-11-01T10:00:00+07:00";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private final Clock clock;
    /** Null: no future-time check. */
    private final Duration futureTolerance;

    /** System UTC clock, 5 minutes future tolerance. */
    public EventCodec() {
        this(Clock.systemUTC(), DEFAULT_FUTURE_TOLERANCE);
    }

    /**
     * @param clock           "now" for the future-time check
     * @param futureTolerance how far past now {@code occurredAt} may be (clock skew), ≥ 0
     */
    public EventCodec(Clock clock, Duration futureTolerance) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.futureTolerance = Objects.requireNonNull(futureTolerance, "futureTolerance");
        if (futureTolerance.isNegative()) {
            throw new IllegalArgumentException("futureTolerance must be ≥ 0, got " + futureTolerance);
        }
    }

    private EventCodec(Void lenient) {
        this.clock = Clock.systemUTC();
        this.futureTolerance = null;
    }

    /** A codec whose {@link #parse} skips the future-time check (for replays and consumers of validated events). */
    public static EventCodec lenient() {
        return LenientHolder.INSTANCE;
    }

    /** Same as {@link #lenient()}. */
    public static EventCodec lenientClock() {
        return lenient();
    }

    private static final class LenientHolder {
        static final EventCodec INSTANCE = new EventCodec((Void) null);
    }

    /** True if {@link #parse} rejects future {@code occurredAt} values. */
    public boolean checksFutureTime() {
        return futureTolerance != null;
    }

    // ------------------------------------------------------------------------------------ parsing

    /** Parses and validates one event; never throws for bad input (null input is MALFORMED_JSON). */
    public ParseResult parse(String json) {
        return parseText(json, futureTolerance != null);
    }

    /** {@link #parse(String)} for UTF-8 (or UTF-16/32, auto-detected) bytes, e.g. a Kafka record value. */
    public ParseResult parse(byte[] json) {
        if (json == null) {
            return malformed("no JSON text (null)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            return malformed(e);
        }
        return decode(root, futureTolerance != null);
    }

    /** Validates an already-parsed JSON value (e.g. one element of a JSON array request body). */
    public ParseResult parse(JsonNode node) {
        return decode(node, futureTolerance != null);
    }

    /**
     * Parses an already-validated event, without the future-time check.
     *
     * @throws InvalidEventException (an IllegalArgumentException) with every problem if invalid
     */
    public Event fromJson(String json) {
        return orThrow(parseText(json, false));
    }

    /** {@link #fromJson(String)} for bytes. */
    public Event fromJson(byte[] json) {
        if (json == null) {
            return orThrow(malformed("no JSON text (null)"));
        }
        try {
            return orThrow(decode(MAPPER.readTree(json), false));
        } catch (IOException e) {
            return orThrow(malformed(e));
        }
    }

    /** The problems {@link #parse} would report for this event (empty if valid); handy before sending. */
    public List<Problem> validate(Event e) {
        return parse(toJson(e)).problems();
    }

    private static Event orThrow(ParseResult r) {
        if (!r.ok()) {
            throw new InvalidEventException(r.problems(), r.id());
        }
        return r.event();
    }

    private ParseResult parseText(String json, boolean checkFuture) {
        if (json == null) {
            return malformed("no JSON text (null)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            return malformed(e);
        }
        return decode(root, checkFuture);
    }

    private static ParseResult malformed(String message) {
        return ParseResult.failure(List.of(new Problem(null, ProblemCode.MALFORMED_JSON, message)), null);
    }

    private static ParseResult malformed(IOException e) {
        String msg = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
        if (msg == null) {
            msg = e.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            msg = msg.substring(0, nl);
        }
        if (msg.length() > 200) {
            msg = msg.substring(0, 199) + "…";
        }
        StringBuilder sb = new StringBuilder("malformed JSON");
        JsonLocation loc = e instanceof JacksonException je ? je.getLocation() : null;
        if (loc != null && loc.getLineNr() > 0) {
            sb.append(" at line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr());
        }
        return malformed(sb.append(": ").append(msg).toString());
    }

    private ParseResult decode(JsonNode root, boolean checkFuture) {
        if (root == null || root.isMissingNode()) {
            return malformed("malformed JSON: no content; expected one JSON object per event");
        }
        if (!root.isObject()) {
            return ParseResult.failure(List.of(new Problem(null, ProblemCode.NOT_AN_OBJECT,
                    "an event must be a JSON object, got " + describe(root))), null);
        }
        Check c = new Check(root);
        String id = c.id();
        EventType type = c.type();
        OffsetDateTime occurredAt = c.time("occurredAt");
        if (checkFuture && occurredAt != null) {
            checkFuture(c, occurredAt);
        }
        String source = c.code("source");
        String unit = c.code("unit");
        Event event = null;
        if (type != null) {
            c.context = " for " + type.wire();
            event = body(type, c, id, occurredAt, source, unit);
        }
        if (c.problems != null || event == null) {
            return ParseResult.failure(c.problems, bestEffortId(root));
        }
        return ParseResult.success(event);
    }

    private void checkFuture(Check c, OffsetDateTime occurredAt) {
        Instant now = clock.instant();
        Instant at = occurredAt.toInstant();
        if (at.isAfter(now.plus(futureTolerance))) {
            c.add("occurredAt", ProblemCode.FUTURE_TIME, "occurredAt " + Rfc3339.format(occurredAt) + " is "
                    + human(Duration.between(now, at)) + " in the future (server time " + now.truncatedTo(ChronoUnit.SECONDS)
                    + ", tolerance " + human(futureTolerance) + "); check the sender's clock and time zone");
        }
    }

    private static String bestEffortId(JsonNode root) {
        JsonNode n = root.get("id");
        if (n == null || !n.isValueNode() || n.isNull()) {
            return null;
        }
        String s = n.asText();
        return s.length() > MAX_ID_LENGTH ? s.substring(0, MAX_ID_LENGTH) : s;
    }

    /** Reads the type-specific fields; returns the event only when no problem was found at all. */
    private static Event body(EventType type, Check c, String id, OffsetDateTime at, String source, String unit) {
        switch (type) {
            case DOSSIER_RECEIVED: {
                String dossierId = c.code("dossierId");
                String procedure = c.code("procedure");
                Channel channel = c.enumValue("channel", Channel::fromWireOrNull, Channel.ALLOWED);
                Applicant applicant = c.enumValue("applicant", Applicant::fromWireOrNull, Applicant.ALLOWED);
                OffsetDateTime dueAt = c.time("dueAt");
                Boolean vneid = c.bool("vneid");
                Boolean fullProcess = c.bool("fullProcess");
                return c.ok() ? new DossierReceived(id, at, source, unit, dossierId, procedure, channel, applicant,
                        dueAt, vneid, fullProcess) : null;
            }
            case DOSSIER_SUPPLEMENT_REQUESTED: {
                String dossierId = c.code("dossierId");
                return c.ok() ? new DossierSupplementRequested(id, at, source, unit, dossierId) : null;
            }
            case DOSSIER_SUPPLEMENT_RECEIVED: {
                String dossierId = c.code("dossierId");
                return c.ok() ? new DossierSupplementReceived(id, at, source, unit, dossierId) : null;
            }
            case DOSSIER_PAID: {
                String dossierId = c.code("dossierId");
                Boolean online = c.bool("online");
                Long amountVnd = c.integer("amountVnd", 0, Long.MAX_VALUE, "an integer ≥ 0");
                return c.ok() ? new DossierPaid(id, at, source, unit, dossierId, online, amountVnd) : null;
            }
            case DOSSIER_COMPLETED: {
                String dossierId = c.code("dossierId");
                Outcome outcome = c.enumValue("outcome", Outcome::fromWireOrNull, Outcome.ALLOWED);
                Boolean eResult = c.bool("eResult");
                Boolean digitized = c.bool("digitized");
                Boolean reusedData = c.bool("reusedData");
                return c.ok() ? new DossierCompleted(id, at, source, unit, dossierId, outcome, eResult, digitized,
                        reusedData) : null;
            }
            case DOSSIER_RETURNED: {
                String dossierId = c.code("dossierId");
                Delivery delivery = c.enumValue("delivery", Delivery::fromWireOrNull, Delivery.ALLOWED);
                return c.ok() ? new DossierReturned(id, at, source, unit, dossierId, delivery) : null;
            }
            case DOSSIER_RATED: {
                String dossierId = c.code("dossierId");
                Long score = c.integer("score", 1, 5, "an integer 1–5");
                return c.ok() ? new DossierRated(id, at, source, unit, dossierId, score.intValue()) : null;
            }
            case DOSSIER_WITHDRAWN: {
                String dossierId = c.code("dossierId");
                return c.ok() ? new DossierWithdrawn(id, at, source, unit, dossierId) : null;
            }
            case FEEDBACK_RECEIVED:
            case FEEDBACK_ANSWERED: {
                String feedbackId = c.code("feedbackId");
                String dossierId = c.optionalCode("dossierId");
                if (!c.ok()) {
                    return null;
                }
                return type == EventType.FEEDBACK_RECEIVED
                        ? new FeedbackReceived(id, at, source, unit, feedbackId, dossierId)
                        : new FeedbackAnswered(id, at, source, unit, feedbackId, dossierId);
            }
            case PORTAL_LOGIN: {
                String userHash = c.code("userHash");
                LoginMethod method = c.enumValue("method", LoginMethod::fromWireOrNull, LoginMethod.ALLOWED);
                return c.ok() ? new PortalLogin(id, at, source, unit, userHash, method) : null;
            }
            case DOCUMENT_PROCESSED: {
                String documentId = c.code("documentId");
                Boolean electronic = c.bool("electronic");
                Boolean signed = c.bool("signed");
                return c.ok() ? new DocumentProcessed(id, at, source, unit, documentId, electronic, signed) : null;
            }
            case SERVICE_PROBE: {
                String service = c.code("service");
                Boolean up = c.bool("up");
                Long latencyMs = c.integer("latencyMs", 0, Long.MAX_VALUE, "an integer ≥ 0");
                return c.ok() ? new ServiceProbe(id, at, source, unit, service, up, latencyMs) : null;
            }
            case REPORT_SUBMITTED:
            case REPORT_APPROVED:
            case REPORT_RETURNED: {
                String regime = c.code("regime");
                String period = c.code("period");
                JsonNode values = c.object("values");
                String by = c.code("by");
                String comment = c.optionalText("comment");
                if (!c.ok()) {
                    return null;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) JsonValues.fromNode(values);
                return new ReportAction(id, type, at, source, unit, regime, period, map, by, comment);
            }
            case CATALOG_UNIT: {
                String code = c.code("code");
                String name = c.text("name");
                UnitLevel level = c.enumValue("level", UnitLevel::fromWireOrNull, UnitLevel.ALLOWED);
                String parent = c.optionalCode("parent");
                LocalDate validFrom = c.date("validFrom", true);
                LocalDate validTo = c.date("validTo", false);
                if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
                    c.add("validTo", ProblemCode.INVALID_VALUE,
                            "validTo " + validTo + " is before validFrom " + validFrom);
                }
                if (code != null && unit != null && !code.equals(unit)) {
                    c.add("unit", ProblemCode.INVALID_VALUE, "unit must equal code for catalog.unit (the unit"
                            + " itself), got unit " + quote(unit) + " and code " + quote(code));
                }
                return c.ok() ? new CatalogUnit(id, at, source, unit, code, name, level, parent, validFrom, validTo)
                        : null;
            }
            case CATALOG_PROCEDURE: {
                String code = c.code("code");
                String name = c.text("name");
                String field = c.text("field");
                String authorityLevel = c.text("authorityLevel");
                Boolean fullProcessEligible = c.bool("fullProcessEligible");
                OnlineService onlineService =
                        c.enumValue("onlineService", OnlineService::fromWireOrNull, OnlineService.ALLOWED);
                Boolean nationalPortal = c.bool("nationalPortal");
                Boolean uxRedesigned = c.bool("uxRedesigned");
                Boolean hasFee = c.bool("hasFee");
                Boolean paperResult = c.bool("paperResult");
                Boolean simplified = c.bool("simplified");
                Long legalDays = c.integer("legalDays", 0, Integer.MAX_VALUE, "an integer ≥ 0");
                return c.ok() ? new CatalogProcedure(id, at, source, unit, code, name, field, authorityLevel,
                        fullProcessEligible, onlineService, nationalPortal, uxRedesigned, hasFee, paperResult,
                        simplified, legalDays.intValue()) : null;
            }
            case CATALOG_MERGER: {
                String oldCode = c.code("oldCode");
                String newCode = c.code("newCode");
                LocalDate effective = c.date("effective", true);
                MergeType mergeType = c.optionalEnumValue("mergeType", MergeType::fromWireOrNull, MergeType.ALLOWED);
                if (newCode != null && unit != null && !newCode.equals(unit)) {
                    c.add("unit", ProblemCode.INVALID_VALUE, "unit must equal newCode for catalog.merger (the new"
                            + " unit), got unit " + quote(unit) + " and newCode " + quote(newCode));
                }
                return c.ok() ? new CatalogMerger(id, at, source, unit, oldCode, newCode, effective, mergeType) : null;
            }
            default:
                throw new AssertionError(type);
        }
    }

    /** Field readers over one JSON object; collect problems instead of throwing. Not thread-safe: one per parse. */
    private static final class Check {
        final JsonNode o;
        ArrayList<Problem> problems;
        /** Appended to "is required" messages of type-specific fields, e.g. " for dossier.paid". */
        String context = "";

        Check(JsonNode o) {
            this.o = o;
        }

        boolean ok() {
            return problems == null;
        }

        void add(String field, String code, String message) {
            if (problems == null) {
                problems = new ArrayList<>(4);
            }
            problems.add(new Problem(field, code, message));
        }

        JsonNode required(String f) {
            JsonNode n = o.get(f);
            if (n == null) {
                add(f, ProblemCode.MISSING_FIELD, f + " is required" + context);
                return null;
            }
            if (n.isNull()) {
                add(f, ProblemCode.MISSING_FIELD, f + " is required" + context + ", got null");
                return null;
            }
            return n;
        }

        JsonNode optional(String f) {
            JsonNode n = o.get(f);
            return n == null || n.isNull() ? null : n;
        }

        String id() {
            JsonNode n = required("id");
            if (n == null) {
                return null;
            }
            if (!n.isTextual()) {
                add("id", ProblemCode.WRONG_TYPE, "id must be a string, got " + describe(n));
                return null;
            }
            String s = n.textValue();
            if (s.isEmpty()) {
                add("id", ProblemCode.INVALID_VALUE, "id must be 1–128 characters, got an empty string");
                return null;
            }
            if (s.isBlank()) {
                add("id", ProblemCode.INVALID_VALUE, "id must not be blank, got " + quote(s));
                return null;
            }
            if (s.length() > MAX_ID_LENGTH) {
                add("id", ProblemCode.TOO_LONG, "id is " + s.length() + " characters long; the limit is "
                        + MAX_ID_LENGTH + " (got " + quote(s) + ")");
                return null;
            }
            return s;
        }

        EventType type() {
            JsonNode n = required("type");
            if (n == null) {
                return null;
            }
            if (!n.isTextual()) {
                add("type", ProblemCode.WRONG_TYPE, "type must be a string such as \"dossier.received\", got "
                        + describe(n));
                return null;
            }
            EventType t = EventType.fromWireOrNull(n.textValue());
            if (t == null) {
                add("type", ProblemCode.UNKNOWN_TYPE, "type " + quote(n.textValue())
                        + " is not a known event type; known types: " + EventType.ALLOWED);
            }
            return t;
        }

        String code(String f) {
            return string(f, true, MAX_CODE_LENGTH, false);
        }

        String optionalCode(String f) {
            return string(f, false, MAX_CODE_LENGTH, false);
        }

        String text(String f) {
            return string(f, true, MAX_TEXT_LENGTH, false);
        }

        String optionalText(String f) {
            return string(f, false, MAX_TEXT_LENGTH, true);
        }

        private String string(String f, boolean required, int max, boolean blankOk) {
            JsonNode n = required ? required(f) : optional(f);
            if (n == null) {
                return null;
            }
            if (!n.isTextual()) {
                add(f, ProblemCode.WRONG_TYPE, f + " must be a string, got " + describe(n));
                return null;
            }
            String s = n.textValue();
            if (!blankOk && s.isBlank()) {
                add(f, ProblemCode.INVALID_VALUE, f + " must not be blank, got " + quote(s)
                        + (required ? "" : "; omit it or send null"));
                return null;
            }
            if (s.length() > max) {
                add(f, ProblemCode.TOO_LONG, f + " is " + s.length() + " characters long; the limit is " + max);
                return null;
            }
            return s;
        }

        Boolean bool(String f) {
            JsonNode n = required(f);
            if (n == null) {
                return null;
            }
            if (!n.isBoolean()) {
                add(f, ProblemCode.WRONG_TYPE, f + " must be a JSON boolean true or false, got " + describe(n));
                return null;
            }
            return n.booleanValue();
        }

        Long integer(String f, long min, long max, String rule) {
            JsonNode n = required(f);
            if (n == null) {
                return null;
            }
            long v;
            if (n.isIntegralNumber()) {
                if (!n.canConvertToLong()) {
                    add(f, ProblemCode.INVALID_VALUE, f + " must be " + rule + ", got " + n.asText());
                    return null;
                }
                v = n.longValue();
            } else if (n.isFloatingPointNumber()) {
                double d = n.doubleValue();
                if (d != Math.rint(d) || Math.abs(d) >= 9.0e18) {
                    add(f, ProblemCode.WRONG_TYPE, f + " must be " + rule + ", got " + n.asText()
                            + " (not an integer)");
                    return null;
                }
                v = (long) d;
            } else {
                add(f, ProblemCode.WRONG_TYPE, f + " must be " + rule + ", got " + describe(n));
                return null;
            }
            if (v < min || v > max) {
                add(f, ProblemCode.INVALID_VALUE, f + " must be " + rule + ", got " + v);
                return null;
            }
            return v;
        }

        <E extends Enum<E>> E enumValue(String f, Function<String, E> lookup, String allowed) {
            return enumValue(f, required(f), lookup, allowed);
        }

        <E extends Enum<E>> E optionalEnumValue(String f, Function<String, E> lookup, String allowed) {
            return enumValue(f, optional(f), lookup, allowed);
        }

        private <E extends Enum<E>> E enumValue(String f, JsonNode n, Function<String, E> lookup, String allowed) {
            if (n == null) {
                return null;
            }
            if (!n.isTextual()) {
                add(f, ProblemCode.WRONG_TYPE, f + " must be one of " + allowed + " (a string), got " + describe(n));
                return null;
            }
            E e = lookup.apply(n.textValue());
            if (e == null) {
                add(f, ProblemCode.INVALID_VALUE, f + " must be one of " + allowed + ", got " + quote(n.textValue()));
            }
            return e;
        }

        OffsetDateTime time(String f) {
            JsonNode n = required(f);
            if (n == null) {
                return null;
            }
            if (!n.isTextual()) {
                add(f, ProblemCode.WRONG_TYPE, f + " must be an RFC 3339 date-time string like " + TIME_EXAMPLE
                        + ", got " + describe(n));
                return null;
            }
            String s = n.textValue();
            OffsetDateTime t;
            try {
                t = Rfc3339.parseDateTime(s);
            } catch (DateTimeException e) {
                add(f, ProblemCode.INVALID_VALUE, f + " " + quote(s) + " is not a valid date-time: " + e.getMessage());
                return null;
            }
            if (t == null) {
                if (Rfc3339.isLocalDateTime(s)) {
                    String iso = s.substring(0, 10) + 'T' + s.substring(11);
                    add(f, ProblemCode.TIME_WITHOUT_OFFSET, f + " " + quote(s)
                            + " has no UTC offset; send RFC 3339 like " + iso + "+07:00");
                } else {
                    add(f, ProblemCode.INVALID_VALUE, f + " " + quote(s)
                            + " is not an RFC 3339 date-time; send e.g. " + TIME_EXAMPLE + " or 2026-11-01T03:00:00Z");
                }
            }
            return t;
        }

        LocalDate date(String f, boolean required) {
            JsonNode n = required ? required(f) : optional(f);
            if (n == null) {
                return null;
            }
            if (!n.isTextual()) {
                add(f, ProblemCode.WRONG_TYPE, f + " must be a date string YYYY-MM-DD, got " + describe(n));
                return null;
            }
            String s = n.textValue();
            try {
                LocalDate d = Rfc3339.parseDate(s);
                if (d == null) {
                    add(f, ProblemCode.INVALID_VALUE, f + " " + quote(s) + " is not an ISO date; send YYYY-MM-DD like 2025-07-01");
                }
                return d;
            } catch (DateTimeException e) {
                add(f, ProblemCode.INVALID_VALUE, f + " " + quote(s) + " is not a valid date: " + e.getMessage());
                return null;
            }
        }

        JsonNode object(String f) {
            JsonNode n = required(f);
            if (n == null) {
                return null;
            }
            if (!n.isObject()) {
                add(f, ProblemCode.WRONG_TYPE, f + " must be a JSON object, got " + describe(n));
                return null;
            }
            return n;
        }
    }

    /** "string \"x\"", "number 5", "boolean true", "an array", "an object", "null". */
    static String describe(JsonNode n) {
        switch (n.getNodeType()) {
            case STRING:
                return "string " + quote(n.textValue());
            case NUMBER:
                return "number " + n.asText();
            case BOOLEAN:
                return "boolean " + n.asText();
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case NULL:
                return "null";
            default:
                return n.getNodeType().name().toLowerCase();
        }
    }

    /** The string in double quotes, control characters escaped, cut after 60 chars. */
    static String quote(String s) {
        int limit = 60;
        boolean cut = s.length() > limit;
        int end = cut ? (Character.isHighSurrogate(s.charAt(limit - 1)) ? limit - 1 : limit) : s.length();
        StringBuilder sb = new StringBuilder(end + 8).append('"');
        for (int i = 0; i < end; i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        if (cut) {
            sb.append('…');
        }
        return sb.append('"').toString();
    }

    /** "45 s", "20 min", "2 h 5 min", "3 days". */
    static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 48 * 3600) {
            long m = s / 60 % 60;
            return (s / 3600) + " h" + (m == 0 ? "" : " " + m + " min");
        }
        return (s / 86400) + " days";
    }

    // ------------------------------------------------------------------------------------ writing

    /** The wire JSON of {@code e} (one line, no trailing newline). */
    public String toJson(Event e) {
        Objects.requireNonNull(e, "event");
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(g, e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    /** {@link #toJson(Event)} as UTF-8 bytes (for Kafka record values). */
    public byte[] toJsonBytes(Event e) {
        Objects.requireNonNull(e, "event");
        try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
            try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                write(g, e);
            }
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void write(JsonGenerator g, Event e) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", e.id());
        g.writeStringField("type", e.type().wire());
        g.writeStringField("occurredAt", Rfc3339.format(e.occurredAt()));
        g.writeStringField("source", e.source());
        g.writeStringField("unit", e.unit());
        if (e instanceof DossierReceived x) {
            g.writeStringField("dossierId", x.dossierId());
            g.writeStringField("procedure", x.procedure());
            g.writeStringField("channel", x.channel().wire());
            g.writeStringField("applicant", x.applicant().wire());
            g.writeStringField("dueAt", Rfc3339.format(x.dueAt()));
            g.writeBooleanField("vneid", x.vneid());
            g.writeBooleanField("fullProcess", x.fullProcess());
        } else if (e instanceof DossierPaid x) {
            g.writeStringField("dossierId", x.dossierId());
            g.writeBooleanField("online", x.online());
            g.writeNumberField("amountVnd", x.amountVnd());
        } else if (e instanceof DossierCompleted x) {
            g.writeStringField("dossierId", x.dossierId());
            g.writeStringField("outcome", x.outcome().wire());
            g.writeBooleanField("eResult", x.eResult());
            g.writeBooleanField("digitized", x.digitized());
            g.writeBooleanField("reusedData", x.reusedData());
        } else if (e instanceof DossierReturned x) {
            g.writeStringField("dossierId", x.dossierId());
            g.writeStringField("delivery", x.delivery().wire());
        } else if (e instanceof DossierRated x) {
            g.writeStringField("dossierId", x.dossierId());
            g.writeNumberField("score", x.score());
        } else if (e instanceof DossierEvent x) { // supplement requested/received, withdrawn
            g.writeStringField("dossierId", x.dossierId());
        } else if (e instanceof FeedbackEvent x) {
            g.writeStringField("feedbackId", x.feedbackId());
            g.writeStringField("dossierId", x.dossierId());
        } else if (e instanceof PortalLogin x) {
            g.writeStringField("userHash", x.userHash());
            g.writeStringField("method", x.method().wire());
        } else if (e instanceof DocumentProcessed x) {
            g.writeStringField("documentId", x.documentId());
            g.writeBooleanField("electronic", x.electronic());
            g.writeBooleanField("signed", x.signed());
        } else if (e instanceof ServiceProbe x) {
            g.writeStringField("service", x.service());
            g.writeBooleanField("up", x.up());
            g.writeNumberField("latencyMs", x.latencyMs());
        } else if (e instanceof ReportAction x) {
            g.writeStringField("regime", x.regime());
            g.writeStringField("period", x.period());
            g.writeFieldName("values");
            JsonValues.write(g, x.values());
            g.writeStringField("by", x.by());
            g.writeStringField("comment", x.comment());
        } else if (e instanceof CatalogUnit x) {
            g.writeStringField("code", x.code());
            g.writeStringField("name", x.name());
            g.writeStringField("level", x.level().wire());
            g.writeStringField("parent", x.parent());
            g.writeStringField("validFrom", x.validFrom().toString());
            g.writeStringField("validTo", x.validTo() == null ? null : x.validTo().toString());
        } else if (e instanceof CatalogProcedure x) {
            g.writeStringField("code", x.code());
            g.writeStringField("name", x.name());
            g.writeStringField("field", x.field());
            g.writeStringField("authorityLevel", x.authorityLevel());
            g.writeBooleanField("fullProcessEligible", x.fullProcessEligible());
            g.writeStringField("onlineService", x.onlineService().wire());
            g.writeBooleanField("nationalPortal", x.nationalPortal());
            g.writeBooleanField("uxRedesigned", x.uxRedesigned());
            g.writeBooleanField("hasFee", x.hasFee());
            g.writeBooleanField("paperResult", x.paperResult());
            g.writeBooleanField("simplified", x.simplified());
            g.writeNumberField("legalDays", x.legalDays());
        } else if (e instanceof CatalogMerger x) {
            g.writeStringField("oldCode", x.oldCode());
            g.writeStringField("newCode", x.newCode());
            g.writeStringField("effective", x.effective().toString());
            g.writeStringField("mergeType", x.mergeType() == null ? null : x.mergeType().wire());
        } else {
            throw new AssertionError(e.getClass());
        }
        g.writeEndObject();
    }
}
