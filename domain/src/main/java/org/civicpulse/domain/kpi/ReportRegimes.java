package org.civicpulse.domain.kpi;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.event.UnitLevel;

/**
 * The periodic-report regimes, as data: classpath resource {@value #RESOURCE}.
 *
 * <pre>{@code
 * { "version": "…", "valuesFormat": "…",
 *   "regimes": [{ "id": "DG-MONTHLY", "name": {"vi": "…", "en": "…"}, "legalSource": "…",
 *                 "periodKind": "MONTH", "levels": ["DEPARTMENT", "COMMUNE"], "deadlineWorkingDays": 3,
 *                 "indicators": [{"kpi": "P9", "origin": "SUBMITTED"}, …],
 *                 "workflow": "SUBMISSION", "recipients": ["office@city.example"] }] }
 * }</pre>
 *
 * <p>{@code workflow} (SUBMISSION, the default, or GENERATED) and {@code recipients} (e-mail addresses the
 * generated reports go to, default none) are optional.
 *
 * <p>Validated against a {@link KpiRegistry} at load: unknown KPI ids, duplicate regimes, non-Decree 09
 * period kinds, missing levels or deadlines fail loudly ({@link KpiRegistryException}).
 */
public final class ReportRegimes {

    public static final String RESOURCE = "org/civicpulse/domain/kpi/regimes.json";

    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9\\-]{0,39}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");

    private final String version;
    private final String valuesFormat;
    private final Map<String, ReportRegime> byId;

    private ReportRegimes(String version, String valuesFormat, Map<String, ReportRegime> byId) {
        this.version = version;
        this.valuesFormat = valuesFormat;
        this.byId = byId;
    }

    /** The shipped regimes, checked against the shipped registry. */
    public static ReportRegimes standard() {
        return fromClasspath(RESOURCE, KpiRegistry.standard());
    }

    public static ReportRegimes fromClasspath(String resource, KpiRegistry registry) {
        InputStream in = ReportRegimes.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new KpiRegistryException(resource, List.of("not on the classpath"));
        }
        return fromTree(JsonReader.parse(in, resource), resource, registry);
    }

    public static ReportRegimes fromJson(String json, String sourceName, KpiRegistry registry) {
        return fromTree(JsonReader.parse(json, sourceName), sourceName, registry);
    }

    private static ReportRegimes fromTree(JsonNode root, String source, KpiRegistry registry) {
        JsonReader r = new JsonReader();
        if (root == null || !root.isObject()) {
            throw new KpiRegistryException(source, List.of("$: must be a JSON object"));
        }
        r.onlyFields(root, "$", Set.of("version", "valuesFormat", "regimes"));
        String version = r.text(root, "version", "$", true);
        String valuesFormat = r.text(root, "valuesFormat", "$", true);
        Map<String, ReportRegime> byId = new LinkedHashMap<>();
        List<JsonNode> regimes = r.array(root, "regimes", "$", true);
        if (regimes.isEmpty() && root.has("regimes")) {
            r.problem("$.regimes", "is empty");
        }
        for (int i = 0; i < regimes.size(); i++) {
            JsonNode n = regimes.get(i);
            String at = "$.regimes[" + i + "]";
            String id = r.text(n, "id", at, true);
            String path = id == null ? at : at + " (" + id + ")";
            int before = r.problems.size();
            r.onlyFields(n, path, Set.of("id", "name", "legalSource", "periodKind", "levels", "deadlineWorkingDays",
                    "indicators", "workflow", "recipients"));
            if (id != null && !ID.matcher(id).matches()) {
                r.problem(path + ".id", "must match " + ID.pattern());
            }
            LocalizedText name = r.localized(n, "name", path);
            String legal = r.text(n, "legalSource", path, true);
            ReportingPeriod.Kind kind = r.enumValue(n, "periodKind", path, true, ReportingPeriod.Kind::valueOf,
                    "MONTH, QUARTER, HALF_YEAR, NINE_MONTHS, YEAR");
            if (kind != null && !kind.isDecree09()) {
                r.problem(path + ".periodKind", kind + " is not a Decree 09 period kind");
            }
            Set<UnitLevel> levels = EnumSet.noneOf(UnitLevel.class);
            for (JsonNode l : r.array(n, "levels", path, true)) {
                UnitLevel level = l.isTextual() ? UnitLevel.fromWireOrNull(l.asText()) : null;
                if (level == null) {
                    r.problem(path + ".levels", l + " is not one of " + UnitLevel.ALLOWED);
                } else {
                    levels.add(level);
                }
            }
            if (levels.isEmpty()) {
                r.problem(path + ".levels", "no reporting level: nobody would be expected to report");
            }
            Integer deadline = r.integer(n, "deadlineWorkingDays", path, true);
            if (deadline != null && deadline < 0) {
                r.problem(path + ".deadlineWorkingDays", "must be ≥ 0");
            }
            List<RegimeIndicator> indicators = new ArrayList<>();
            List<JsonNode> ind = r.array(n, "indicators", path, true);
            if (ind.isEmpty()) {
                r.problem(path + ".indicators", "a regime needs at least one indicator");
            }
            for (int j = 0; j < ind.size(); j++) {
                String ip = path + ".indicators[" + j + "]";
                r.onlyFields(ind.get(j), ip, Set.of("kpi", "origin"));
                String kpi = r.text(ind.get(j), "kpi", ip, true);
                RegimeIndicator.Origin origin = r.enumValue(ind.get(j), "origin", ip, true,
                        RegimeIndicator.Origin::valueOf, "EVENT, SUBMITTED, CATALOGUE");
                if (kpi != null && registry.find(kpi).isEmpty()) {
                    r.problem(ip + ".kpi", "unknown KPI id '" + kpi + "'");
                } else if (kpi != null && origin != null) {
                    if (origin == RegimeIndicator.Origin.SUBMITTED
                            && !registry.get(kpi).sources().contains(DataSource.S)) {
                        r.problem(ip, "KPI " + kpi + " is not a submitted (S) KPI");
                    }
                    if (indicators.stream().anyMatch(x -> x.kpi().equals(kpi))) {
                        r.problem(ip, "KPI " + kpi + " listed twice");
                    }
                    indicators.add(new RegimeIndicator(kpi, origin));
                }
            }
            ReportRegime.Workflow workflow = n.has("workflow")
                    ? r.enumValue(n, "workflow", path, true, ReportRegime.Workflow::valueOf, "SUBMISSION, GENERATED")
                    : ReportRegime.Workflow.SUBMISSION;
            List<String> recipients = new ArrayList<>();
            if (n.has("recipients")) {
                for (JsonNode e : r.array(n, "recipients", path, true)) {
                    if (!e.isTextual() || !EMAIL.matcher(e.asText().strip()).matches()) {
                        r.problem(path + ".recipients", e + " is not an e-mail address");
                    } else {
                        recipients.add(e.asText().strip());
                    }
                }
            }
            if (r.problems.size() == before && id != null && name != null && legal != null && kind != null
                    && deadline != null && workflow != null) {
                if (byId.putIfAbsent(id, new ReportRegime(id, name, legal, kind, levels, deadline, indicators,
                        workflow, recipients)) != null) {
                    r.problem(path, "duplicate regime id " + id);
                }
            }
        }
        if (!r.problems.isEmpty()) {
            throw new KpiRegistryException(source, r.problems);
        }
        return new ReportRegimes(version, valuesFormat, Collections.unmodifiableMap(byId));
    }

    public List<ReportRegime> all() {
        return List.copyOf(byId.values());
    }

    /** The regimes units submit (the expected reports of plan target P12), in file order. */
    public List<ReportRegime> submissionRegimes() {
        return byId.values().stream().filter(ReportRegime::requiresSubmission).toList();
    }

    /** @throws IllegalArgumentException for an unknown regime id, naming the known ones */
    public ReportRegime get(String id) {
        ReportRegime r = id == null ? null : byId.get(id.strip());
        if (r == null) {
            throw new IllegalArgumentException("unknown report regime " + (id == null ? "null" : "'" + id + "'")
                    + "; known regimes: " + String.join(", ", byId.keySet()));
        }
        return r;
    }

    /** The submission regimes whose form carries {@code kpiId} as a submitted figure. */
    public List<ReportRegime> submitting(String kpiId) {
        return byId.values().stream().filter(r -> r.submits(kpiId)).toList();
    }

    public String version() {
        return version;
    }

    /** How submitted values are written in {@code values} of {@code report.submitted} (read by the KPI engine). */
    public String valuesFormat() {
        return valuesFormat;
    }
}
