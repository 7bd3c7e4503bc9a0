package org.civicpulse.dashboard.report;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.dashboard.security.Role;
import org.civicpulse.dashboard.security.ScopeDeniedException;
import org.civicpulse.dashboard.security.UnitScope;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.event.ReportAction;
import org.civicpulse.domain.kpi.ReportRegime;
import org.civicpulse.domain.kpi.ReportRegimes;
import org.civicpulse.reporting.report.Actor;
import org.civicpulse.reporting.report.ArchivedFile;
import org.civicpulse.reporting.report.ReportArchive;
import org.civicpulse.reporting.report.ReportForm;
import org.civicpulse.reporting.report.ReportKey;
import org.civicpulse.reporting.report.ReportRuns;
import org.civicpulse.reporting.report.ReportScheduler;
import org.civicpulse.reporting.report.SubmissionWorkflow;
import org.civicpulse.reporting.report.WorkflowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the reports and submissions views and API do, with the caller's scope applied on the server: the archive
 * (list, files), "generate now" (ADMIN), and the submission workflow, whose steps are posted as events to the
 * ingestion API. Approvals, submissions, generations and file downloads are written to the audit log.
 */
public class ReportService {

    private static final Logger audit = LoggerFactory.getLogger("org.civicpulse.dashboard.audit");

    private final ReportArchive archive;
    private final ReportScheduler scheduler;
    private final ReportRuns runs;
    private final SubmissionWorkflow workflow;
    private final IngestionClient ingestion;
    private final ReportRegimes regimes;
    private final ReportingCalendar calendar;
    private final OrgDirectory directory;
    private final UnitScope scope;

    public ReportService(ReportArchive archive, ReportScheduler scheduler, ReportRuns runs, SubmissionWorkflow workflow,
                         IngestionClient ingestion, ReportRegimes regimes, ReportingCalendar calendar,
                         OrgDirectory directory, UnitScope scope) {
        this.archive = Objects.requireNonNull(archive);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.runs = Objects.requireNonNull(runs);
        this.workflow = Objects.requireNonNull(workflow);
        this.ingestion = Objects.requireNonNull(ingestion);
        this.regimes = Objects.requireNonNull(regimes);
        this.calendar = Objects.requireNonNull(calendar);
        this.directory = Objects.requireNonNull(directory);
        this.scope = Objects.requireNonNull(scope);
    }

    public ReportRegimes regimes() {
        return regimes;
    }

    public ReportingCalendar calendar() {
        return calendar;
    }

    public SubmissionWorkflow workflow() {
        return workflow;
    }

    /** The workflow's view of a signed-in user. */
    public Actor actor(CivicUser user) {
        String unit = user.unit() == null ? null : directory.resolve(user.unit()).orElse(user.unit());
        return new Actor(user.username(), unit, user.hasRole(Role.UNIT_OFFICER), user.hasRole(Role.APPROVER),
                user.cityWide());
    }

    // ============================================================================================ archive

    /** Archived files the user may read, newest first. */
    public List<ArchivedFile> archive(CivicUser user, String regime, String period, String unit, int limit) {
        String r = blank(regime) ? null : regimes.get(regime).id();
        String p = blank(period) ? null : calendar.parse(period).code();
        Collection<String> units = scope.visibleUnits(user, scope.today()).orElse(null);
        if (!blank(unit)) {
            String u = unit.strip();
            if (units != null && !units.contains(u)) {
                return List.of();
            }
            units = Set.of(u);
        }
        return archive.list(r, p, units, limit);
    }

    /** One archived file with its bytes, if the user may read its unit. */
    public Optional<Download> download(CivicUser user, String id) {
        Optional<ArchivedFile> f = archive.find(id);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        ReportingPeriod period = calendar.parse(f.get().period());
        if (!scope.canRead(user, f.get().unit(), period)) {
            throw new ScopeDeniedException("id", "report " + f.get().key() + " is outside your scope");
        }
        byte[] bytes = archive.read(f.get());
        audit.info("report download user={} file={} sha256={}", user.username(), f.get().path(), f.get().sha256());
        return Optional.of(new Download(f.get(), bytes));
    }

    /** An archived file and its content. */
    public record Download(ArchivedFile file, byte[] bytes) {
    }

    /** "Generate now" (ADMIN): every report of a regime period, as new versions, e-mailed like scheduled ones. */
    public ReportScheduler.Outcome generateNow(CivicUser user, String regimeId, String periodCode) {
        if (!user.hasRole(Role.ADMIN)) {
            throw new WorkflowException(WorkflowException.Refusal.ROLE, "only an ADMIN generates reports on demand");
        }
        ReportRegime regime = regimes.get(regimeId);
        ReportingPeriod period = calendar.parse(periodCode);
        if (period.kind() != regime.periodKind()) {
            throw new IllegalArgumentException("regime " + regime.id() + " reports " + regime.periodKind()
                    + " periods, not " + period.code());
        }
        if (period.start().isAfter(scope.today())) {
            throw new IllegalArgumentException("period " + period.code() + " has not started yet");
        }
        audit.info("report generate user={} regime={} period={}", user.username(), regime.id(), period.code());
        return scheduler.runNow(regime, period, user.username());
    }

    public List<ReportRuns.Run> recentRuns(int limit) {
        return runs.recent(limit);
    }

    // ============================================================================================ submissions

    public List<SubmissionWorkflow.Item> submissions(CivicUser user, String periodCode) {
        return workflow.items(actor(user), calendar.parse(periodCode));
    }

    public ReportForm form(CivicUser user, ReportKey key) {
        return workflow.form(actor(user), key);
    }

    public void saveDraft(CivicUser user, ReportKey key, Map<String, String> values) {
        workflow.saveDraft(actor(user), key, values);
        audit.info("report draft user={} report={}", user.username(), key);
    }

    public ReportAction submit(CivicUser user, ReportKey key, Map<String, String> values) {
        return post(user, workflow.submit(actor(user), key, values));
    }

    public ReportAction approve(CivicUser user, ReportKey key, String comment) {
        return post(user, workflow.approve(actor(user), key, comment));
    }

    public ReportAction returnReport(CivicUser user, ReportKey key, String comment) {
        return post(user, workflow.returnReport(actor(user), key, comment));
    }

    private ReportAction post(CivicUser user, ReportAction a) {
        ingestion.post(a);
        workflow.posted(a);
        audit.info("report {} user={} report={} event={}", a.type().wire(), user.username(), a.aggregateId(), a.id());
        return a;
    }

    /** The latest closed Decree 09 month: the default period of the submissions list. */
    public String defaultPeriod(ReportRegime regime) {
        LocalDate today = scope.today();
        ReportingPeriod current = calendar.periodOf(regime.periodKind(), today);
        return calendar.periodOf(regime.periodKind(), current.start().minusDays(1)).code();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
