package org.civicpulse.dashboard.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.civicpulse.dashboard.api.ApiExceptionHandler;
import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.domain.event.ReportAction;
import org.civicpulse.reporting.report.ArchivedFile;
import org.civicpulse.reporting.report.ReportForm;
import org.civicpulse.reporting.report.ReportKey;
import org.civicpulse.reporting.report.ReportScheduler;
import org.civicpulse.reporting.report.ReportState;
import org.civicpulse.reporting.report.SubmissionWorkflow;
import org.civicpulse.reporting.report.WorkflowException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reports and submissions over REST (HTTP Basic like the KPI API; every answer scoped to the caller):
 * <ul>
 *   <li>{@code GET /api/v1/reports?regime=&period=&unit=} — archived files;
 *   {@code GET /api/v1/reports/{id}} — one file's bytes; {@code POST /api/v1/reports/generate?regime=&period=} —
 *   generate now (ADMIN);</li>
 *   <li>{@code GET /api/v1/submissions?period=} — expected reports with state and deadline flag;
 *   {@code GET /api/v1/submissions/{regime}/{unit}/{period}} — the pre-filled form;
 *   {@code POST …/draft|submit} with {@code {"values": {"P9.numerator": "12", …}}} and {@code POST …/approve|return}
 *   with {@code {"comment": "…"}}. A refused step answers 409 with the refusal code and reason; nothing was posted.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1")
public class ReportController {

    private final ReportService service;

    public ReportController(ReportService service) {
        this.service = service;
    }

    @GetMapping("/reports")
    public List<Map<String, Object>> archive(@AuthenticationPrincipal CivicUser user,
                                             @RequestParam(required = false) String regime,
                                             @RequestParam(required = false) String period,
                                             @RequestParam(required = false) String unit,
                                             @RequestParam(defaultValue = "500") int limit) {
        return service.archive(user, regime, period, unit, limit).stream().map(ReportController::file).toList();
    }

    @GetMapping("/reports/{id}")
    public ResponseEntity<byte[]> download(@AuthenticationPrincipal CivicUser user, @PathVariable String id) {
        return service.download(user, id).map(d -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(d.file().format().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.file().fileName())
                        .build().toString())
                .header("X-Content-SHA256", d.file().sha256())
                .body(d.bytes())).orElse(ResponseEntity.notFound().build());
    }

    @PostMapping("/reports/generate")
    public Map<String, Object> generate(@AuthenticationPrincipal CivicUser user, @RequestParam String regime,
                                        @RequestParam String period) {
        ReportScheduler.Outcome o = service.generateNow(user, regime, period);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("regime", o.regime());
        m.put("period", o.period());
        m.put("reports", o.reports());
        m.put("error", o.error());
        return m;
    }

    @GetMapping("/submissions")
    public List<Map<String, Object>> submissions(@AuthenticationPrincipal CivicUser user,
                                                 @RequestParam(required = false) String period) {
        String p = period == null || period.isBlank()
                ? service.defaultPeriod(service.regimes().submissionRegimes().get(0)) : period;
        List<Map<String, Object>> out = new ArrayList<>();
        for (SubmissionWorkflow.Item i : service.submissions(user, p)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("regime", i.report().regime().id());
            m.put("unit", i.report().unit());
            m.put("unitName", i.unitName());
            m.put("period", i.report().period().code());
            m.put("deadline", i.report().deadline().toString());
            m.put("status", i.state().status().name());
            m.put("flag", i.flag().name());
            m.put("workingDaysLeft", i.workingDaysLeft());
            m.put("firstSubmitted", i.state().firstSubmitted());
            m.put("canSubmit", i.canSubmit());
            m.put("canDecide", i.canDecide());
            out.add(m);
        }
        return out;
    }

    @GetMapping("/submissions/{regime}/{unit}/{period}")
    public Map<String, Object> form(@AuthenticationPrincipal CivicUser user, @PathVariable String regime,
                                    @PathVariable String unit, @PathVariable String period) {
        ReportForm f = service.form(user, new ReportKey(regime, unit, period));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("regime", regime);
        m.put("unit", unit);
        m.put("unitName", f.unitName());
        m.put("period", f.expected().period().code());
        m.put("deadline", f.expected().deadline().toString());
        m.put("status", f.state().status().name());
        m.put("editable", f.editable());
        m.put("approvable", f.approvable());
        m.put("notEditableBecause", f.notEditableBecause());
        m.put("submission", f.state().submission() == null ? null : f.state().submission().eventId());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (ReportForm.Field x : f.fields()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("kpi", x.kpi());
            fm.put("name", x.name());
            fm.put("origin", x.origin().name());
            fm.put("required", x.required());
            fm.put("input", x.input());
            fm.put("prefilledNumerator", x.prefilledNumerator());
            fm.put("prefilledDenominator", x.prefilledDenominator());
            fm.put("prefilledValue", x.prefilledValue());
            fm.put("numerator", x.numerator());
            fm.put("denominator", x.denominator());
            fm.put("reason", x.reason());
            fields.add(fm);
        }
        m.put("fields", fields);
        List<Map<String, Object>> history = new ArrayList<>();
        for (ReportState.Step s : f.state().steps()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("event", s.action().eventId());
            h.put("action", s.action().action().name());
            h.put("by", s.action().by());
            h.put("at", s.action().occurredAt());
            h.put("comment", s.action().comment());
            h.put("accepted", s.accepted());
            h.put("note", s.note());
            history.add(h);
        }
        m.put("history", history);
        return m;
    }

    /** Body of the workflow steps. */
    public record StepBody(Map<String, String> values, String comment) {
    }

    @PostMapping("/submissions/{regime}/{unit}/{period}/draft")
    public Map<String, Object> draft(@AuthenticationPrincipal CivicUser user, @PathVariable String regime,
                                     @PathVariable String unit, @PathVariable String period, @RequestBody StepBody body) {
        service.saveDraft(user, new ReportKey(regime, unit, period), body.values() == null ? Map.of() : body.values());
        return Map.of("saved", true);
    }

    @PostMapping("/submissions/{regime}/{unit}/{period}/submit")
    public Map<String, Object> submit(@AuthenticationPrincipal CivicUser user, @PathVariable String regime,
                                      @PathVariable String unit, @PathVariable String period, @RequestBody StepBody body) {
        return posted(service.submit(user, new ReportKey(regime, unit, period), body.values() == null ? Map.of() : body.values()));
    }

    @PostMapping("/submissions/{regime}/{unit}/{period}/approve")
    public Map<String, Object> approve(@AuthenticationPrincipal CivicUser user, @PathVariable String regime,
                                       @PathVariable String unit, @PathVariable String period,
                                       @RequestBody(required = false) StepBody body) {
        return posted(service.approve(user, new ReportKey(regime, unit, period), body == null ? null : body.comment()));
    }

    @PostMapping("/submissions/{regime}/{unit}/{period}/return")
    public Map<String, Object> returnReport(@AuthenticationPrincipal CivicUser user, @PathVariable String regime,
                                            @PathVariable String unit, @PathVariable String period,
                                            @RequestBody(required = false) StepBody body) {
        return posted(service.returnReport(user, new ReportKey(regime, unit, period), body == null ? null : body.comment()));
    }

    private static Map<String, Object> posted(ReportAction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", a.id());
        m.put("type", a.type().wire());
        m.put("report", a.aggregateId());
        m.put("values", a.values());
        return m;
    }

    static Map<String, Object> file(ArchivedFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("regime", f.regime());
        m.put("unit", f.unit());
        m.put("unitName", f.unitName());
        m.put("period", f.period());
        m.put("version", f.version());
        m.put("format", f.format().name());
        m.put("docNumber", f.docNumber());
        m.put("generatedAt", f.generatedAt());
        m.put("generatedBy", f.generatedBy());
        m.put("trigger", f.trigger().name());
        m.put("sha256", f.sha256());
        m.put("size", f.size());
        m.put("path", f.path());
        return m;
    }

    @ExceptionHandler(WorkflowException.class)
    ResponseEntity<Map<String, Object>> refused(WorkflowException e, HttpServletRequest request) {
        request.setAttribute(ApiExceptionHandler.REASON, e.getMessage());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", "refused");
        m.put("refusal", e.refusal().name());
        m.put("message", e.getMessage());
        m.put("fields", e.fieldErrors());
        HttpStatus status = e.refusal() == WorkflowException.Refusal.ROLE || e.refusal() == WorkflowException.Refusal.SCOPE
                ? HttpStatus.FORBIDDEN : e.refusal() == WorkflowException.Refusal.INVALID
                || e.refusal() == WorkflowException.Refusal.COMMENT_REQUIRED ? HttpStatus.UNPROCESSABLE_ENTITY
                : HttpStatus.CONFLICT;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(m);
    }

    @ExceptionHandler(IngestionClient.IngestionException.class)
    ResponseEntity<Map<String, Object>> notPosted(IngestionClient.IngestionException e, HttpServletRequest request) {
        request.setAttribute(ApiExceptionHandler.REASON, e.getMessage());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", "not_posted", "message", e.getMessage()));
    }
}
