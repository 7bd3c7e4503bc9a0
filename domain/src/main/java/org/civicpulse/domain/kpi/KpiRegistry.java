package org.civicpulse.domain.kpi;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.civicpulse.domain.event.UnitLevel;

/**
 * The KPI registry: every KPI of docs/KPIS.md as data, loaded from the classpath resource
 * {@value #RESOURCE} (versioned with the code).
 *
 * <p>Loading validates everything and fails loudly — a {@link KpiRegistryException} listing every
 * problem — on unknown fields, duplicate or malformed ids, a KPI without a target (or without the
 * reason it has none), a level without a target that nothing covers, percentages outside 0–100,
 * Decision 766 indicators without points or threshold, a scoring group without its group score,
 * group maxima that do not add up to 100, and class bands without a 0 floor.
 *
 * <h2>Format</h2>
 * <pre>{@code
 * { "registryVersion": "…", "description": "…",
 *   "statusRule": {"atRiskMargin": 5, "text": "…"},
 *   "parameters": {"almostLateWorkingDays": 2, "feedbackAnswerWorkingDays": 15, "uptimeSlaPercent": 99,
 *                  "officeOpenHour": 8, "officeCloseHour": 17, "freshnessLookbackDays": 31},
 *   "classBands": [{"id": "EXCELLENT", "name": {"vi": "…", "en": "…"}, "minScore": 90}, …],
 *   "decisions": ["…"],                    // choices that concern every KPI
 *   "kpis": [{
 *     "id": "P11", "name": {"vi": "…", "en": "…"}, "legalSource": "…", "formulaVersion": 1,
 *     "kind": "RATIO", "numerator": "…", "denominator": "…", "unit": "PERCENT",
 *     "direction": "HIGHER_IS_BETTER",
 *     "target": {"byLevel": {"DEPARTMENT": 100, "DISTRICT": 95, "COMMUNE": 80},
 *                "aggregate": "WEIGHTED_BY_DENOMINATOR"}     // or {"value": 60} or {"none": "why"}
 *     "scoring": {"maxPoints": 20, "threshold": 100},          // Decision 766 items only
 *     "group": "digitisation", "levels": ["CITY", …], "source": ["E"],
 *     "periodBasis": "EVENT_TIME", "decisions": "…" }, …] }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class KpiRegistry {

    /** Classpath location of the shipped registry. */
    public static final String RESOURCE = "org/civicpulse/domain/kpi/kpis.json";

    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9.\\-]{0,31}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Set<String> TOP_FIELDS = Set.of("registryVersion", "description", "statusRule", "parameters",
            "classBands", "decisions", "kpis");
    private static final Set<String> KPI_FIELDS = Set.of("id", "name", "legalSource", "formulaVersion", "kind",
            "numerator", "denominator", "unit", "direction", "target", "scoring", "group", "levels", "source",
            "periodBasis", "decisions");

    private static volatile KpiRegistry standard;

    private final String version;
    private final String description;
    private final StatusRule statusRule;
    private final String statusRuleText;
    private final KpiParameters parameters;
    private final List<ClassBand> classBands;
    private final List<String> decisions;
    private final Map<String, KpiDefinition> byId;

    private KpiRegistry(String version, String description, StatusRule statusRule, String statusRuleText,
                        KpiParameters parameters, List<ClassBand> classBands, List<String> decisions,
                        Map<String, KpiDefinition> byId) {
        this.version = version;
        this.description = description;
        this.statusRule = statusRule;
        this.statusRuleText = statusRuleText;
        this.parameters = parameters;
        this.classBands = classBands;
        this.decisions = decisions;
        this.byId = byId;
    }

    /** The shipped registry ({@value #RESOURCE}), loaded and validated once. */
    public static KpiRegistry standard() {
        KpiRegistry r = standard;
        if (r == null) {
            synchronized (KpiRegistry.class) {
                r = standard;
                if (r == null) {
                    standard = r = fromClasspath(RESOURCE);
                }
            }
        }
        return r;
    }

    /** Loads and validates a registry from a classpath resource. */
    public static KpiRegistry fromClasspath(String resource) {
        InputStream in = KpiRegistry.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new KpiRegistryException(resource, List.of("not on the classpath"));
        }
        return fromTree(JsonReader.parse(in, resource), resource);
    }

    /** Loads and validates a registry from JSON text ({@code sourceName} names it in messages). */
    public static KpiRegistry fromJson(String json, String sourceName) {
        return fromTree(JsonReader.parse(json, sourceName), sourceName);
    }

    // ------------------------------------------------------------------------------------------ reading

    private static KpiRegistry fromTree(JsonNode root, String source) {
        JsonReader r = new JsonReader();
        if (root == null || !root.isObject()) {
            throw new KpiRegistryException(source, List.of("$: must be a JSON object"));
        }
        r.onlyFields(root, "$", TOP_FIELDS);
        String version = r.text(root, "registryVersion", "$", true);
        String description = root.hasNonNull("description") ? r.text(root, "description", "$", false) : "";

        JsonNode sr = r.object(root, "statusRule", "$", true);
        r.onlyFields(sr, "$.statusRule", Set.of("atRiskMargin", "text"));
        BigDecimal margin = r.number(sr, "atRiskMargin", "$.statusRule", true);
        String ruleText = r.text(sr, "text", "$.statusRule", true);
        StatusRule rule = null;
        if (margin != null) {
            if (margin.signum() < 0) {
                r.problem("$.statusRule.atRiskMargin", "must be ≥ 0");
            } else {
                rule = new StatusRule(margin);
            }
        }

        KpiParameters parameters = readParameters(r, r.object(root, "parameters", "$", true));
        List<ClassBand> bands = readBands(r, r.array(root, "classBands", "$", true));

        List<String> decisions = new ArrayList<>();
        for (JsonNode d : r.array(root, "decisions", "$", true)) {
            if (d.isTextual() && !d.asText().isBlank()) {
                decisions.add(d.asText().strip());
            } else {
                r.problem("$.decisions", "every decision must be a non-blank string");
            }
        }

        Map<String, KpiDefinition> byId = new LinkedHashMap<>();
        List<JsonNode> kpis = r.array(root, "kpis", "$", true);
        if (kpis.isEmpty() && root.has("kpis")) {
            r.problem("$.kpis", "is empty");
        }
        for (int i = 0; i < kpis.size(); i++) {
            KpiDefinition k = readKpi(r, kpis.get(i), "$.kpis[" + i + "]");
            if (k != null && byId.putIfAbsent(k.id(), k) != null) {
                r.problem("$.kpis[" + i + "]", "duplicate id " + k.id());
            }
        }
        checkScoring(r, byId);

        if (!r.problems.isEmpty()) {
            throw new KpiRegistryException(source, r.problems);
        }
        return new KpiRegistry(version, description, rule, ruleText, parameters, List.copyOf(bands),
                List.copyOf(decisions), Collections.unmodifiableMap(byId));
    }

    private static KpiParameters readParameters(JsonReader r, JsonNode p) {
        String path = "$.parameters";
        r.onlyFields(p, path, Set.of("almostLateWorkingDays", "feedbackAnswerWorkingDays", "uptimeSlaPercent",
                "officeOpenHour", "officeCloseHour", "freshnessLookbackDays"));
        Integer almost = r.integer(p, "almostLateWorkingDays", path, true);
        Integer feedback = r.integer(p, "feedbackAnswerWorkingDays", path, true);
        BigDecimal sla = r.number(p, "uptimeSlaPercent", path, true);
        Integer open = r.integer(p, "officeOpenHour", path, true);
        Integer close = r.integer(p, "officeCloseHour", path, true);
        Integer lookback = r.integer(p, "freshnessLookbackDays", path, true);
        if (almost == null || feedback == null || sla == null || open == null || close == null || lookback == null) {
            return null;
        }
        try {
            return new KpiParameters(almost, feedback, sla, open, close, lookback);
        } catch (IllegalArgumentException e) {
            r.problem(path, e.getMessage());
            return null;
        }
    }

    private static List<ClassBand> readBands(JsonReader r, List<JsonNode> nodes) {
        List<ClassBand> bands = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = "$.classBands[" + i + "]";
            JsonNode n = nodes.get(i);
            r.onlyFields(n, path, Set.of("id", "name", "minScore"));
            String id = r.text(n, "id", path, true);
            LocalizedText name = r.localized(n, "name", path);
            BigDecimal min = r.number(n, "minScore", path, true);
            if (min != null && (min.signum() < 0 || min.compareTo(HUNDRED) > 0)) {
                r.problem(path + ".minScore", "must be within 0–100");
            }
            if (id != null && name != null && min != null) {
                if (bands.stream().anyMatch(b -> b.id().equals(id) || b.minScore().compareTo(min) == 0)) {
                    r.problem(path, "duplicate band id or minScore");
                }
                bands.add(new ClassBand(id, name, min));
            }
        }
        bands.sort(Comparator.comparing(ClassBand::minScore).reversed());
        if (bands.isEmpty()) {
            r.problem("$.classBands", "at least one band is needed");
        } else if (bands.get(bands.size() - 1).minScore().signum() != 0) {
            r.problem("$.classBands", "the lowest band must start at 0 so that every score has a class");
        }
        return bands;
    }

    private static KpiDefinition readKpi(JsonReader r, JsonNode n, String at) {
        if (n == null || !n.isObject()) {
            r.problem(at, "must be an object");
            return null;
        }
        String id = r.text(n, "id", at, true);
        String path = id == null ? at : at + " (" + id + ")";
        int before = r.problems.size();
        r.onlyFields(n, path, KPI_FIELDS);
        if (id != null && !ID.matcher(id).matches()) {
            r.problem(path + ".id", "must match " + ID.pattern());
        }
        LocalizedText name = r.localized(n, "name", path);
        String legal = r.text(n, "legalSource", path, true);
        Integer formulaVersion = r.integer(n, "formulaVersion", path, true);
        if (formulaVersion != null && formulaVersion < 1) {
            r.problem(path + ".formulaVersion", "must be ≥ 1");
        }
        KpiKind kind = r.enumValue(n, "kind", path, true, KpiKind::valueOf, List.of(KpiKind.values()).toString());
        String numerator = r.text(n, "numerator", path, true);
        String denominator = r.text(n, "denominator", path, true);
        MeasureUnit unit = r.enumValue(n, "unit", path, true, MeasureUnit::valueOf, List.of(MeasureUnit.values()).toString());
        Direction direction = r.enumValue(n, "direction", path, true, Direction::valueOf,
                List.of(Direction.values()).toString());
        KpiGroup group = r.enumValue(n, "group", path, false, KpiGroup::fromWireOrNull,
                List.of(KpiGroup.values()).stream().map(KpiGroup::wire).toList().toString());
        Set<UnitLevel> levels = EnumSet.noneOf(UnitLevel.class);
        for (JsonNode l : r.array(n, "levels", path, true)) {
            UnitLevel level = l.isTextual() ? UnitLevel.fromWireOrNull(l.asText()) : null;
            if (level == null) {
                r.problem(path + ".levels", l + " is not one of " + UnitLevel.ALLOWED);
            } else {
                levels.add(level);
            }
        }
        if (levels.isEmpty() && n.has("levels")) {
            r.problem(path + ".levels", "is empty");
        }
        Set<DataSource> sources = EnumSet.noneOf(DataSource.class);
        for (JsonNode s : r.array(n, "source", path, true)) {
            DataSource ds = s.isTextual() ? JsonReader.lookupOrNull(DataSource::valueOf, s.asText()) : null;
            if (ds == null) {
                r.problem(path + ".source", s + " is not one of E, C, S");
            } else {
                sources.add(ds);
            }
        }
        if (sources.isEmpty() && n.has("source")) {
            r.problem(path + ".source", "is empty");
        }
        PeriodBasis basis = r.enumValue(n, "periodBasis", path, true, PeriodBasis::valueOf,
                List.of(PeriodBasis.values()).toString());
        String decisions = r.text(n, "decisions", path, true);
        Target target = readTarget(r, r.object(n, "target", path, true), path + ".target", unit, levels);
        Scoring scoring = readScoring(r, r.object(n, "scoring", path, false), path + ".scoring", kind);
        if (kind == KpiKind.RATIO || kind == KpiKind.COMPOSITE) {
            if (unit != null && unit != MeasureUnit.PERCENT) {
                r.problem(path + ".unit", kind + " KPIs are PERCENT");
            }
        }
        if ((kind == KpiKind.GROUP_SCORE || kind == KpiKind.TOTAL_SCORE) && unit != null && unit != MeasureUnit.SCORE) {
            r.problem(path + ".unit", kind + " KPIs are SCORE");
        }
        if (r.problems.size() > before || name == null || legal == null || formulaVersion == null || kind == null
                || numerator == null || denominator == null || unit == null || direction == null || target == null
                || basis == null || decisions == null) {
            return null;
        }
        return new KpiDefinition(id, name, legal, formulaVersion, kind, numerator, denominator, unit, direction,
                target, scoring, group, levels, sources, basis, decisions);
    }

    private static Target readTarget(JsonReader r, JsonNode t, String path, MeasureUnit unit, Set<UnitLevel> levels) {
        if (t == null) {
            return null;
        }
        r.onlyFields(t, path, Set.of("value", "byLevel", "aggregate", "none"));
        if (t.has("none")) {
            String reason = r.text(t, "none", path, true);
            if (t.has("value") || t.has("byLevel") || t.has("aggregate")) {
                r.problem(path, "\"none\" excludes value, byLevel and aggregate");
                return null;
            }
            return reason == null ? null : Target.none(reason);
        }
        BigDecimal value = r.number(t, "value", path, false);
        checkRange(r, path + ".value", value, unit);
        Map<UnitLevel, BigDecimal> byLevel = new EnumMap<>(UnitLevel.class);
        JsonNode bl = r.object(t, "byLevel", path, false);
        if (bl != null) {
            bl.fields().forEachRemaining(e -> {
                UnitLevel level = UnitLevel.fromWireOrNull(e.getKey());
                if (level == null) {
                    r.problem(path + ".byLevel", "\"" + e.getKey() + "\" is not one of " + UnitLevel.ALLOWED);
                } else if (!e.getValue().isNumber()) {
                    r.problem(path + ".byLevel." + e.getKey(), "must be a number");
                } else {
                    if (!levels.isEmpty() && !levels.contains(level)) {
                        r.problem(path + ".byLevel." + e.getKey(), "the KPI does not apply to " + level);
                    }
                    BigDecimal v = JsonReader.normalize(e.getValue().decimalValue());
                    checkRange(r, path + ".byLevel." + e.getKey(), v, unit);
                    byLevel.put(level, v);
                }
            });
        }
        Target.Aggregate aggregate = r.enumValue(t, "aggregate", path, false, Target.Aggregate::valueOf,
                List.of(Target.Aggregate.values()).toString());
        if (value == null && byLevel.isEmpty()) {
            r.problem(path, "missing: give \"value\", \"byLevel\", or \"none\" with the reason there is no target");
            return null;
        }
        if (value == null && aggregate != Target.Aggregate.WEIGHTED_BY_DENOMINATOR) {
            for (UnitLevel level : levels) {
                if (!byLevel.containsKey(level)) {
                    r.problem(path, "no target for level " + level
                            + " (add it to byLevel, give a \"value\", or aggregate WEIGHTED_BY_DENOMINATOR)");
                }
            }
        }
        return new Target(value, byLevel, aggregate, null);
    }

    private static void checkRange(JsonReader r, String path, BigDecimal v, MeasureUnit unit) {
        if (v == null) {
            return;
        }
        if (v.signum() < 0) {
            r.problem(path, "must be ≥ 0");
        } else if (unit == MeasureUnit.PERCENT && v.compareTo(HUNDRED) > 0) {
            r.problem(path, "a percentage must be within 0–100, got " + v.toPlainString());
        }
    }

    private static Scoring readScoring(JsonReader r, JsonNode s, String path, KpiKind kind) {
        if (s == null) {
            if (kind == KpiKind.GROUP_SCORE) {
                r.problem(path, "missing: a group score needs maxPoints");
            }
            return null;
        }
        r.onlyFields(s, path, Set.of("maxPoints", "threshold"));
        BigDecimal max = r.number(s, "maxPoints", path, true);
        BigDecimal threshold = r.number(s, "threshold", path, kind != KpiKind.GROUP_SCORE);
        if (kind == KpiKind.GROUP_SCORE && threshold != null) {
            r.problem(path + ".threshold", "a group score has no threshold");
            return null;
        }
        if (kind != KpiKind.GROUP_SCORE && kind != KpiKind.RATIO && kind != KpiKind.COMPOSITE && kind != null) {
            r.problem(path, "only RATIO and COMPOSITE indicators and GROUP_SCORE entries are scored");
            return null;
        }
        if (max == null || (kind != KpiKind.GROUP_SCORE && threshold == null)) {
            return null;
        }
        try {
            return new Scoring(max, threshold);
        } catch (IllegalArgumentException e) {
            r.problem(path, e.getMessage());
            return null;
        }
    }

    private static void checkScoring(JsonReader r, Map<String, KpiDefinition> byId) {
        Map<KpiGroup, KpiDefinition> groupScores = new EnumMap<>(KpiGroup.class);
        int totals = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (KpiDefinition k : byId.values()) {
            if (k.kind() == KpiKind.GROUP_SCORE) {
                if (k.group() == null) {
                    r.problem("kpi " + k.id(), "a group score needs a group");
                } else if (groupScores.put(k.group(), k) != null) {
                    r.problem("kpi " + k.id(), "a second group score for group " + k.group().wire());
                }
                if (k.scoring() != null) {
                    sum = sum.add(k.scoring().maxPoints());
                }
            } else if (k.kind() == KpiKind.TOTAL_SCORE) {
                totals++;
            }
        }
        boolean anyScored = byId.values().stream().anyMatch(KpiDefinition::isScoredIndicator);
        for (KpiDefinition k : byId.values()) {
            if (k.isScoredIndicator()) {
                if (k.group() == null) {
                    r.problem("kpi " + k.id(), "a scored indicator needs a group");
                } else if (!groupScores.containsKey(k.group())) {
                    r.problem("kpi " + k.id(), "group " + k.group().wire() + " has no GROUP_SCORE entry");
                }
            }
        }
        if (anyScored || !groupScores.isEmpty()) {
            if (sum.compareTo(HUNDRED) != 0) {
                r.problem("$.kpis", "the GROUP_SCORE maxima add up to " + sum.toPlainString() + ", not 100");
            }
            if (totals != 1) {
                r.problem("$.kpis", "exactly one TOTAL_SCORE entry is needed, found " + totals);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ queries

    /** Every KPI, in registry order. */
    public List<KpiDefinition> all() {
        return List.copyOf(byId.values());
    }

    /**
     * The KPI with this id.
     *
     * @throws IllegalArgumentException naming the unknown id and the known ones
     */
    public KpiDefinition get(String id) {
        KpiDefinition k = id == null ? null : byId.get(id.strip());
        if (k == null) {
            throw new IllegalArgumentException("unknown KPI id " + (id == null ? "null" : "'" + id + "'")
                    + "; known ids: " + String.join(", ", byId.keySet()));
        }
        return k;
    }

    public Optional<KpiDefinition> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id.strip()));
    }

    /** The KPIs that apply to units of {@code level}, in registry order. */
    public List<KpiDefinition> forLevel(UnitLevel level) {
        return byId.values().stream().filter(k -> k.appliesTo(level)).toList();
    }

    /** The scored Decision 766 indicators of {@code group}, in registry order. */
    public List<KpiDefinition> scoredIn(KpiGroup group) {
        return byId.values().stream().filter(k -> k.isScoredIndicator() && k.group() == group).toList();
    }

    /** The group score entries, in registry order. */
    public List<KpiDefinition> groupScores() {
        return byId.values().stream().filter(k -> k.kind() == KpiKind.GROUP_SCORE).toList();
    }

    /** The class band of a total score out of 100 (the highest band whose minScore it reaches). */
    public ClassBand classify(BigDecimal score) {
        Objects.requireNonNull(score, "score");
        for (ClassBand b : classBands) {
            if (score.compareTo(b.minScore()) >= 0) {
                return b;
            }
        }
        return classBands.get(classBands.size() - 1);
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    public StatusRule statusRule() {
        return statusRule;
    }

    /** The status rule in words (shown with the KPI tables). */
    public String statusRuleText() {
        return statusRuleText;
    }

    public KpiParameters parameters() {
        return parameters;
    }

    /** Bands from the highest to the lowest. */
    public List<ClassBand> classBands() {
        return classBands;
    }

    /** Choices that concern every KPI (period membership, units, rounding, …). */
    public List<String> decisions() {
        return decisions;
    }

    @Override
    public String toString() {
        return "KpiRegistry[" + version + ", " + byId.size() + " KPIs]";
    }
}
