package org.civicpulse.dashboard.kpi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.civicpulse.dashboard.api.BadParameterException;
import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.dashboard.security.AuditFilter;
import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.dashboard.security.UnitScope;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.kpi.KpiRegistry;
import org.civicpulse.reporting.kpi.DrillRow;
import org.civicpulse.reporting.kpi.Page;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The KPI API (docs/DESIGN.md "KPI API"):
 * <ul>
 *   <li>{@code GET /api/v1/kpis?period=2026-M11&unit=<code>[&kpi=P5,Q2.1][&breakdown=children]} → JSON rows</li>
 *   <li>{@code GET /api/v1/kpis.csv}, {@code GET /api/v1/kpis.xlsx} → the same rows as files</li>
 *   <li>{@code GET /api/v1/kpis/{kpi}/drill?period&unit&part=numerator|denominator&page&size} → a JSON page of
 *   the records behind a figure</li>
 *   <li>{@code GET /api/v1/kpis/registry} → the KPI definitions</li>
 * </ul>
 * Every parameter is validated and scoped ({@link KpiRequests}) before the engine runs.
 */
@RestController
@RequestMapping("/api/v1")
public class KpiController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final KpiRequests requests;
    private final KpiService service;
    private final OrgDirectory directory;
    private final UnitScope scope;
    private final ReportingCalendar calendar;
    private final Clock clock;

    public KpiController(KpiRequests requests, KpiService service, OrgDirectory directory, UnitScope scope,
                         ReportingCalendar calendar, Clock clock) {
        this.requests = requests;
        this.service = service;
        this.directory = directory;
        this.scope = scope;
        this.calendar = calendar;
        this.clock = clock;
    }

    @GetMapping(value = "/kpis", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<KpiRow> kpis(HttpServletRequest request, @AuthenticationPrincipal CivicUser user) {
        KpiRequests.KpiQuery q = requests.kpiQuery(request, user);
        List<KpiRow> rows = service.rows(q, user);
        request.setAttribute(AuditFilter.ROWS, rows.size());
        return rows;
    }

    @GetMapping("/kpis.csv")
    public void csv(HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal CivicUser user)
            throws IOException {
        KpiRequests.KpiQuery q = requests.kpiQuery(request, user);
        List<KpiRow> rows = service.rows(q, user);
        request.setAttribute(AuditFilter.ROWS, rows.size());
        response.setContentType(CSV.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(q, "csv"));
        KpiCsv.write(rows, response.getOutputStream());
    }

    @GetMapping("/kpis.xlsx")
    public void xlsx(HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal CivicUser user)
            throws IOException {
        KpiRequests.KpiQuery q = requests.kpiQuery(request, user);
        List<KpiRow> rows = service.rows(q, user);
        request.setAttribute(AuditFilter.ROWS, rows.size());
        KpiXlsx.Heading heading = new KpiXlsx.Heading(q.period().code(),
                q.period().start() + " – " + q.period().endInclusive(), q.unit(),
                directory.name(q.unit(), scope.checkDate(q.period())),
                q.breakdownChildren() ? "children — một dòng cho mỗi đơn vị trực thuộc / one row per child unit"
                        : "— (the unit and everything below it)",
                user.username(), clock.instant(), calendar.zone());
        // Built in memory first so that a failure still answers a JSON error, not half a file.
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
        KpiXlsx.write(rows, heading, buffer);
        response.setContentType(XLSX.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(q, "xlsx"));
        response.setContentLength(buffer.size());
        buffer.writeTo(response.getOutputStream());
    }

    @GetMapping(value = "/kpis/{kpi}/drill", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> drill(@PathVariable("kpi") String kpi, HttpServletRequest request,
                                     @AuthenticationPrincipal CivicUser user) {
        KpiRequests.DrillQuery q = requests.drillQuery(kpi, request, user);
        Page<DrillRow> page = service.drill(q, user);
        request.setAttribute(AuditFilter.ROWS, page.items().size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kpi", q.kpi());
        body.put("unit", q.unit());
        body.put("period", q.period().code());
        body.put("part", q.part().wire());
        body.put("page", page.page());
        body.put("size", page.size());
        body.put("total", page.total());
        body.put("totalPages", page.totalPages());
        body.put("items", page.items());
        return body;
    }

    @GetMapping(value = "/kpis/registry", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> registry(HttpServletRequest request) {
        if (!request.getParameterMap().isEmpty()) {
            throw new BadParameterException(
                    request.getParameterMap().keySet().iterator().next(), "this endpoint takes no parameters");
        }
        KpiRegistry r = service.registry();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registryVersion", r.version());
        body.put("description", r.description());
        body.put("statusRule", r.statusRuleText());
        body.put("classBands", r.classBands());
        body.put("decisions", r.decisions());
        body.put("kpis", r.all());
        request.setAttribute(AuditFilter.ROWS, r.all().size());
        return body;
    }

    private static String attachment(KpiRequests.KpiQuery q, String extension) {
        String name = "civicpulse-kpi-" + q.unit() + "-" + q.period().code().replace("..", "_")
                + (q.breakdownChildren() ? "-children" : "") + "." + extension;
        return ContentDisposition.attachment().filename(name.replaceAll("[^A-Za-z0-9._-]", "_")).build().toString();
    }
}
