package org.civicpulse.streaming.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.civicpulse.domain.event.CatalogMerger;
import org.civicpulse.domain.event.CatalogProcedure;
import org.civicpulse.domain.event.CatalogUnit;
import org.civicpulse.domain.event.DocumentProcessed;
import org.civicpulse.domain.event.PortalLogin;
import org.civicpulse.domain.event.ReportAction;
import org.civicpulse.domain.event.ServiceProbe;
import org.civicpulse.streaming.model.DossierFact;
import org.civicpulse.streaming.model.EventEnvelope;
import org.civicpulse.streaming.model.FeedbackFact;
import org.civicpulse.streaming.model.RejectedEvent;
import org.civicpulse.streaming.model.TableRow;

/**
 * Formats facts as ClickHouse JSONEachRow lines, one method per table, with exactly the table's
 * columns: DateTime as {@code 'yyyy-MM-dd HH:mm:ss'} in Asia/Ho_Chi_Minh (the columns are
 * {@code DateTime('Asia/Ho_Chi_Minh')}; sub-second parts are cut), Date as {@code yyyy-MM-dd},
 * UInt8 booleans as 0/1, Nullable as JSON null, Enum8 as its name.
 *
 * <p>DateTime and Date cover 1970-01-01 … 2105-12-31 here; a value outside is clamped to that range
 * so that one bad timestamp cannot make every insert of its batch fail forever.
 */
public final class FactRows {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZONE);
    private static final long MIN_DATE_TIME = 0L;
    private static final long MAX_DATE_TIME = Instant.parse("2105-12-31T00:00:00Z").toEpochMilli();
    private static final LocalDate MIN_DATE = LocalDate.of(1970, 1, 1);
    private static final LocalDate MAX_DATE = LocalDate.of(2105, 12, 31);
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private FactRows() {
    }

    /** {@code events}: every event, with its raw JSON. */
    public static TableRow event(EventEnvelope e) {
        return row(Tables.EVENTS, g -> {
            g.writeStringField("id", e.id);
            g.writeStringField("type", e.type);
            g.writeStringField("source", e.source);
            g.writeStringField("unit", e.unit);
            g.writeStringField("aggregate_id", e.aggregateId);
            time(g, "occurred_at", e.occurredAt);
            time(g, "ingested_at", e.ingestedAt);
            g.writeStringField("payload", e.json);
        });
    }

    public static TableRow dossier(DossierFact f) {
        return row(Tables.DOSSIER_FACTS, g -> {
            g.writeStringField("dossier_id", f.dossierId());
            g.writeStringField("unit", f.unit());
            g.writeStringField("procedure", f.procedure());
            g.writeStringField("channel", f.channel());
            g.writeStringField("applicant", f.applicant());
            bool(g, "vneid", f.vneid());
            bool(g, "full_process", f.fullProcess());
            time(g, "received_at", f.receivedAt());
            time(g, "due_at", f.dueAt());
            g.writeNumberField("supplement_requests", Math.min(f.supplementRequests(), 0xFFFF));
            g.writeNumberField("supplement_wait_seconds", Math.min(f.supplementWaitSeconds(), UINT32_MAX));
            time(g, "supplement_open_since", f.supplementOpenSince());
            bool(g, "paid", f.paid());
            bool(g, "paid_online", f.paidOnline());
            g.writeNumberField("amount_vnd", f.amountVnd());
            time(g, "completed_at", f.completedAt());
            g.writeStringField("outcome", f.outcome());
            bool(g, "e_result", f.eResult());
            bool(g, "digitized", f.digitized());
            bool(g, "reused_data", f.reusedData());
            g.writeStringField("returned_via", f.returnedVia());
            time(g, "returned_at", f.returnedAt());
            if (f.rating() == null) {
                g.writeNullField("rating");
            } else {
                g.writeNumberField("rating", f.rating());
            }
            time(g, "rated_at", f.ratedAt());
            time(g, "withdrawn_at", f.withdrawnAt());
            g.writeStringField("status", f.status());
            if (f.onTime() == null) {
                g.writeNullField("on_time");
            } else {
                bool(g, "on_time", f.onTime());
            }
            bool(g, "overdue_now", f.overdueNow());
            g.writeStringField("source", f.source());
            time(g, "last_event_at", f.lastEventAt());
            g.writeNumberField("event_count", f.eventCount());
            g.writeNumberField("version", f.version());
        });
    }

    public static TableRow feedback(FeedbackFact f) {
        return row(Tables.FEEDBACK_FACTS, g -> {
            g.writeStringField("feedback_id", f.feedbackId());
            g.writeStringField("unit", f.unit());
            g.writeStringField("dossier_id", f.dossierId());
            time(g, "received_at", f.receivedAt());
            time(g, "answered_at", f.answeredAt());
            g.writeNumberField("version", f.version());
        });
    }

    public static TableRow login(PortalLogin e) {
        return row(Tables.LOGIN_FACTS, g -> {
            g.writeStringField("event_id", e.id());
            g.writeStringField("unit", e.unit());
            g.writeStringField("user_hash", e.userHash());
            g.writeStringField("method", e.method().name());
            time(g, "occurred_at", e.occurredAt());
        });
    }

    public static TableRow document(DocumentProcessed e) {
        return row(Tables.DOCUMENT_FACTS, g -> {
            g.writeStringField("event_id", e.id());
            g.writeStringField("unit", e.unit());
            g.writeStringField("document_id", e.documentId());
            bool(g, "electronic", e.electronic());
            bool(g, "signed", e.signed());
            time(g, "occurred_at", e.occurredAt());
        });
    }

    public static TableRow probe(ServiceProbe e) {
        return row(Tables.PROBE_FACTS, g -> {
            g.writeStringField("event_id", e.id());
            g.writeStringField("unit", e.unit());
            g.writeStringField("service", e.service());
            bool(g, "up", e.up());
            g.writeNumberField("latency_ms", Math.max(0, Math.min(e.latencyMs(), UINT32_MAX)));
            time(g, "occurred_at", e.occurredAt());
        });
    }

    public static TableRow reportAction(ReportAction e) {
        return row(Tables.REPORT_ACTIONS, g -> {
            g.writeStringField("event_id", e.id());
            g.writeStringField("unit", e.unit());
            g.writeStringField("regime", e.regime());
            g.writeStringField("period", e.period());
            g.writeStringField("action", reportAction(e.type().wire()));
            g.writeStringField("values_json", valuesJson(e.values()));
            g.writeStringField("by_user", e.by());
            g.writeStringField("comment", e.comment() == null ? "" : e.comment());
            time(g, "occurred_at", e.occurredAt());
        });
    }

    public static TableRow orgUnit(CatalogUnit e) {
        return row(Tables.ORG_UNITS, g -> {
            g.writeStringField("code", e.code());
            g.writeStringField("name", e.name());
            g.writeStringField("level", e.level().name());
            g.writeStringField("parent", e.parent());
            date(g, "valid_from", e.validFrom());
            date(g, "valid_to", e.validTo());
            g.writeNumberField("version", catalogVersion(e.occurredAt()));
        });
    }

    public static TableRow procedure(CatalogProcedure e) {
        return row(Tables.PROCEDURES, g -> {
            g.writeStringField("code", e.code());
            g.writeStringField("name", e.name());
            g.writeStringField("field", e.field());
            g.writeStringField("authority_level", e.authorityLevel());
            g.writeStringField("unit", e.unit());
            bool(g, "full_process_eligible", e.fullProcessEligible());
            g.writeStringField("online_service", e.onlineService().name());
            bool(g, "national_portal", e.nationalPortal());
            bool(g, "ux_redesigned", e.uxRedesigned());
            bool(g, "has_fee", e.hasFee());
            bool(g, "paper_result", e.paperResult());
            bool(g, "simplified", e.simplified());
            g.writeNumberField("legal_days", Math.max(0, Math.min(e.legalDays(), 0xFFFF)));
            g.writeNumberField("version", catalogVersion(e.occurredAt()));
        });
    }

    /** {@code org_mergers}: one row of the map; {@code merge_type} is a plain String, {@code ""} when the source did not say. */
    public static TableRow orgMerger(CatalogMerger e) {
        return row(Tables.ORG_MERGERS, g -> {
            g.writeStringField("old_code", e.oldCode());
            g.writeStringField("new_code", e.newCode());
            date(g, "effective", e.effective());
            g.writeStringField("merge_type", e.mergeType() == null ? "" : e.mergeType().name());
            g.writeNumberField("version", catalogVersion(e.occurredAt()));
        });
    }

    /** {@code rejected_events}: one dead letter; {@code first_error} is the first of the error codes ({@code ""} if none). */
    public static TableRow rejectedEvent(RejectedEvent r) {
        return row(Tables.REJECTED_EVENTS, g -> {
            g.writeStringField("dead_letter_id", r.deadLetterId());
            g.writeStringField("source", r.source());
            g.writeStringField("unit", r.unit());
            time(g, "received_at", r.receivedAt());
            g.writeArrayFieldStart("error_codes");
            for (String code : r.errorCodes()) {
                g.writeString(code);
            }
            g.writeEndArray();
            g.writeStringField("first_error", r.firstError());
            g.writeStringField("payload", r.payload());
        });
    }

    /** {@code report.submitted} → SUBMITTED, {@code report.approved} → APPROVED, {@code report.returned} → RETURNED. */
    static String reportAction(String wireType) {
        return wireType.substring(wireType.indexOf('.') + 1).toUpperCase(java.util.Locale.ROOT);
    }

    /** Catalog rows are versioned by their event time (epoch millis), never negative. */
    static long catalogVersion(OffsetDateTime occurredAt) {
        return Math.max(0, occurredAt.toInstant().toEpochMilli());
    }

    /** A DateTime value as ClickHouse JSONEachRow wants it. */
    public static String formatTime(long epochMillis) {
        long clamped = Math.max(MIN_DATE_TIME, Math.min(MAX_DATE_TIME, epochMillis));
        return DATE_TIME.format(Instant.ofEpochMilli(clamped));
    }

    static String valuesJson(Map<String, Object> values) {
        try {
            return MAPPER.writeValueAsString(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void time(JsonGenerator g, String field, long epochMillis) throws IOException {
        g.writeStringField(field, formatTime(epochMillis));
    }

    private static void time(JsonGenerator g, String field, Long epochMillis) throws IOException {
        if (epochMillis == null) {
            g.writeNullField(field);
        } else {
            time(g, field, epochMillis.longValue());
        }
    }

    private static void time(JsonGenerator g, String field, OffsetDateTime t) throws IOException {
        time(g, field, t.toInstant().toEpochMilli());
    }

    private static void date(JsonGenerator g, String field, LocalDate d) throws IOException {
        if (d == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, (d.isBefore(MIN_DATE) ? MIN_DATE : d.isAfter(MAX_DATE) ? MAX_DATE : d).toString());
        }
    }

    private static void bool(JsonGenerator g, String field, boolean b) throws IOException {
        g.writeNumberField(field, b ? 1 : 0);
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static TableRow row(String table, Body body) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TableRow(table, w.toString());
    }
}
