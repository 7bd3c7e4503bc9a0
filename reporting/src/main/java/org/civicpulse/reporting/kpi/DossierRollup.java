package org.civicpulse.reporting.kpi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dossier pass of the KPI engine, served from rollups where the data allows it (tables of V014).
 *
 * <p>The pass is a sum over dossiers, and dossier_facts is partitioned by the month a dossier was
 * received; so the pass's result is the sum of its result per month. A month that has not been written
 * to for {@code quietPeriod} is <i>quiet</i>: its part is computed once by the same SQL restricted to
 * that month (a <i>build</i>, stored in {@code dossier_rollup}) and reused for as long as the month's
 * fingerprint in {@code system.parts} is unchanged. Months written to since are read live. So the
 * figures are exactly those of the live query at any moment; only the cost differs.
 *
 * <p>Two things vary without touching a month's dossiers, and are kept out of builds:
 * <ul>
 *   <li>"now", while the period is open: a build then holds only the dossiers settled before it was
 *   made (whose flags no longer depend on "now") and copies the others to {@code dossier_rollup_open},
 *   which the query evaluates with the live conditions;</li>
 *   <li>feedback links (P6f): every aggregate, rollup or live, counts without them, and
 *   {@link KpiQueries#feedbackCorrection} adds them from feedback_facts at query time.</li>
 * </ul>
 * The catalogue (procedure flags) is part of a build's key: a catalogue change starts new builds.
 */
final class DossierRollup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DossierRollup.class);

    /** What the engine hands over for one dossier aggregate ({@code rollUp}: whether its scope uses rollups). */
    record Request(Set<String> measures, boolean closed, Instant now, Instant eval, boolean rollUp,
                   UnaryOperator<Sql> live, UnaryOperator<Sql> build) {
    }

    /** One active part of dossier_facts. */
    private record PartInfo(String name, long minBlock, long maxBlock, long dataVersion, long rows) {
    }

    /** A month partition as system.parts shows it; {@code idle} = seconds since its newest part was written. */
    private record Month(int part, List<PartInfo> parts, long[] idle) {

        /** 'highest block.highest data version': what a build was made from. */
        String fingerprint() {
            long block = 0;
            long version = 0;
            for (PartInfo p : parts) {
                block = Math.max(block, p.maxBlock());
                version = Math.max(version, p.dataVersion());
            }
            return block + "." + version;
        }

        /** Every part is wholly below the build (and unmutated since) or wholly above it. */
        boolean covers(Build b) {
            long below = 0;
            for (PartInfo p : parts) {
                if (p.maxBlock() <= b.maxBlock() && p.dataVersion() <= b.maxVersion()) {
                    below++;
                } else if (p.minBlock() <= b.maxBlock()) {
                    return false;
                }
            }
            return below > 0 || b.maxBlock() == 0;
        }

        long newRows(Build b) {
            long n = 0;
            for (PartInfo p : parts) {
                if (p.minBlock() > b.maxBlock()) {
                    n += p.rows();
                }
            }
            return n;
        }
    }

    /** A stored build: its month, what it was made from, and when. */
    private record Build(int part, String fingerprint, long id, Instant built) {

        long maxBlock() {
            return Long.parseLong(fingerprint.substring(0, fingerprint.indexOf('.')));
        }

        long maxVersion() {
            return Long.parseLong(fingerprint.substring(fingerprint.indexOf('.') + 1));
        }
    }

    private static final String INVENTORY = """
            SELECT table, toUInt32(if(table = 'dossier_facts', partition_id, '0')) AS part, name,
                toInt64(min_block_number) AS min_block, toInt64(max_block_number) AS max_block,
                toInt64(data_version) AS data_version, toInt64(rows) AS rows,
                toInt64(now()) - toInt64(modification_time) AS idle
            FROM system.parts
            WHERE database = :db AND table IN ('dossier_facts', 'procedures') AND active
            """;

    private static final List<String> INVENTORY_COLUMNS = List.of("table String", "part UInt32", "name String",
            "min_block Int64", "max_block Int64", "data_version Int64", "rows Int64", "idle Int64");

    private static final List<String> BUILDS_COLUMNS = List.of("part UInt32", "fingerprint String", "build_id UInt64",
            "built DateTime('Asia/Ho_Chi_Minh')");

    /** The result columns of {@link #aggregate}: fixed by its text, so 18.16 need not describe it. */
    static List<String> resultColumns(Set<String> measures) {
        List<String> cols = new ArrayList<>(List.of("unit String", "seg UInt8"));
        for (String c : KpiQueries.dossierColumnNames(measures)) {
            cols.add(c + " Int64");
        }
        for (String c : KpiQueries.DOSSIER_MAX_COLUMNS) {
            cols.add(c + " Int64");
        }
        return cols;
    }

    private static final String BUILDS = """
            SELECT part, fingerprint, build_id, built FROM dossier_rollup_builds WHERE key = :key
            """;

    private final ClickHouseConnection ch;
    private final ZoneId zone;
    private final Duration quietPeriod;
    private final boolean enabled;
    private final Map<String, Object> buildLocks = new ConcurrentHashMap<>();
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    /** Months served from a build plus the dossiers written since (for tests and logs). */
    final AtomicLong monthsCorrected = new AtomicLong();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kpi-rollup-builder");
        t.setDaemon(true);
        return t;
    });

    DossierRollup(ClickHouseConnection ch, ZoneId zone, Duration quietPeriod) {
        this.ch = ch;
        this.zone = zone;
        this.quietPeriod = quietPeriod;
        this.enabled = quietPeriod != null;
        KpiQueries.checkFeedbackMeasures();
    }

    /** The dossier aggregate ({@code unit, seg, <measure columns>}) for a request, ready to run. */
    Sql aggregate(Request r) {
        List<String> branches = new ArrayList<>();
        boolean feedback = KpiQueries.DOSSIER_MEASURES.stream()
                .anyMatch(m -> (r.measures() == null || r.measures().contains(m.id())) && KpiQueries.readsFeedback(m));
        if (feedback) {
            branches.add(KpiQueries.feedbackCorrection(r.measures()));
        }
        Plan plan = enabled && r.rollUp() ? plan(r) : null;
        if (plan == null || plan.builds().isEmpty()) {
            branches.add(0, KpiQueries.dossierAggregate(KpiQueries.dossierRows(false, false), r.measures()));
            return r.live().apply(Sql.of(KpiQueries.sumOfBranches(branches, r.measures())));
        }
        branches.add(rollupRead(r.measures()));
        if (!plan.hot().isEmpty()) {
            branches.add(KpiQueries.dossierAggregate(KpiQueries.dossierRows(true, false), r.measures()));
        }
        boolean delta = !plan.newParts().isEmpty();
        if (!r.closed()) {
            branches.add(KpiQueries.dossierAggregate(delta ? OPEN_COPY_ROWS_CLEAN : KpiQueries.OPEN_COPY_ROWS,
                    r.measures()));
        }
        List<Object[]> settledBinds = new ArrayList<>();
        if (delta) {
            // Dossiers written since their month's build: out with the row the build counted, in with the newest.
            branches.add(negated(KpiQueries.dossierAggregate(oldRows(plan, r.closed(), settledBinds), r.measures()),
                    r.measures()));
            branches.add(KpiQueries.dossierAggregate(NEWEST_ROWS, r.measures()));
        }
        Sql sql = Sql.of(KpiQueries.sumOfBranches(branches, r.measures()))
                .bind("builds", plan.builds().stream().map(Build::id).toList());
        if (sql.placeholders().contains("parts")) {
            sql = sql.bind("parts", plan.hot());
        }
        if (delta) {
            sql = sql.bind("new_parts", plan.newParts()).bind("old_parts", plan.oldParts())
                    .bind("delta_months", plan.deltaMonths());
            for (Object[] b : settledBinds) {
                sql = sql.bind((String) b[0], b[1]);
            }
        }
        return r.live().apply(sql);
    }

    /**
     * Which months are served by which build, and which are read live. A month written to since its
     * build (new parts only, above the build's block number) keeps its build: {@code newParts} hold the
     * dossiers to correct, {@code oldParts} the rows the build counted, {@code deltaBuilds} the builds.
     */
    private record Plan(List<Build> builds, List<Integer> hot, List<String> newParts, List<String> oldParts,
                        List<Integer> deltaMonths, List<Build> deltaBuilds) {
    }

    private Plan plan(Request r) {
        int lastMonth = monthOf(r.eval().minusSeconds(1));
        Map<Integer, Month> months = new TreeMap<>();
        long[] catalogue = {0, 0}; // highest block and data version of procedures: merges keep them
        for (Object[] row : ch.query(Sql.of(INVENTORY).bind("db", ch.database()), INVENTORY_COLUMNS, row -> new Object[]{
                row.getString("table"), row.getLong("part"), row.getString("name"), row.getLong("min_block"),
                row.getLong("max_block"), row.getLong("data_version"), row.getLong("rows"), row.getLong("idle")})) {
            if ("procedures".equals(row[0])) {
                catalogue[0] = Math.max(catalogue[0], (Long) row[4]);
                catalogue[1] = Math.max(catalogue[1], (Long) row[5]);
                continue;
            }
            int part = ((Long) row[1]).intValue();
            if (part > lastMonth) {
                continue;
            }
            Month m = months.computeIfAbsent(part, p -> new Month(p, new ArrayList<>(), new long[]{Long.MAX_VALUE}));
            m.parts().add(new PartInfo((String) row[2], (Long) row[3], (Long) row[4], (Long) row[5], (Long) row[6]));
            m.idle()[0] = Math.min(m.idle()[0], (Long) row[7]);
        }
        if (months.isEmpty()) {
            return null;
        }
        Sql build = buildSql(r);
        String key = sha256(bindBuild(build, 0, 0L, Instant.EPOCH, List.of()).render()
                + "\ncatalogue " + catalogue[0] + "." + catalogue[1]);
        List<Build> chosen = new ArrayList<>();
        List<Integer> hot = new ArrayList<>();
        List<String> newParts = new ArrayList<>();
        List<String> oldParts = new ArrayList<>();
        List<Integer> deltaMonths = new ArrayList<>();
        List<Build> deltaBuilds = new ArrayList<>();
        List<Build> stored = storedBuilds(key, r);
        for (Month m : months.values()) {
            Build b = usable(stored, m);
            if (b == null && m.idle()[0] >= quietPeriod.toSeconds()) {
                b = buildOnce(key, m, r, build, false);
            } else if (b == null || m.newRows(b) > REBUILD_AFTER_ROWS) {
                buildLater(key, m, r, build);
            }
            if (b == null) {
                hot.add(m.part());
                continue;
            }
            chosen.add(b);
            if (m.newRows(b) > 0) {
                monthsCorrected.incrementAndGet();
                for (PartInfo p : m.parts()) {
                    (p.minBlock() > b.maxBlock() ? newParts : oldParts).add(p.name());
                }
                deltaMonths.add(m.part());
                deltaBuilds.add(b);
            }
        }
        return new Plan(chosen, hot, newParts, oldParts, deltaMonths, deltaBuilds);
    }

    /** Rows written to a month since its build above which the build is renewed in the background. */
    static final long REBUILD_AFTER_ROWS = 20_000;

    /**
     * The newest stored build a month can use: made from the same parts the month still has below
     * the build's block number (no merge mixed them with newer parts, no mutation touched them), and
     * for an open period made by now.
     */
    private static Build usable(List<Build> stored, Month m) {
        Build best = null;
        for (Build b : stored) {
            if (b.part() == m.part() && m.covers(b) && (best == null || b.id() > best.id())) {
                best = b;
            }
        }
        return best;
    }

    private List<Build> storedBuilds(String key, Request r) {
        List<Build> out = new ArrayList<>();
        for (Build b : ch.query(Sql.of(BUILDS).bind("key", key), BUILDS_COLUMNS, row -> new Build(row.getInt("part"),
                row.getString("fingerprint"), row.getLong("build_id"), row.getInstant("built")))) {
            if (r.closed() || !b.built().isAfter(r.now())) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Builds a month now unless a usable build appeared meanwhile (or, with {@code renew}, one with
     * few new rows). Returns null when a merge retired one of the month's parts during the build: the
     * build then does not know exactly what it read, and is dropped.
     */
    private Build buildOnce(String key, Month m, Request r, Sql build, boolean renew) {
        Object lock = buildLocks.computeIfAbsent(key + "|" + m.part(), k -> new Object());
        synchronized (lock) {
            Build done = usable(storedBuilds(key, r), m);
            if (done != null && (!renew || m.newRows(done) <= REBUILD_AFTER_ROWS)) {
                return done;
            }
            List<String> parts = m.parts().stream().map(PartInfo::name).toList();
            long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            long t = System.nanoTime();
            ch.execute(bindBuild(build, m.part(), id, r.now(), parts));
            if (!r.closed()) {
                ch.execute(Sql.of(OPEN_COPY).bind("part", m.part()).bind("build", id)
                        .bind("built", r.now().getEpochSecond()).bind("build_parts", parts));
            }
            long stillActive = ch.queryLong(Sql.of("SELECT count() FROM system.parts WHERE database = :db "
                    + "AND table = 'dossier_facts' AND active AND name IN :names").bind("db", ch.database())
                    .bind("names", parts));
            if (stillActive != parts.size()) {
                log.debug("rollup build of month {} dropped: a merge retired its parts meanwhile", m.part());
                deleteBuilds(List.of(id));
                return null;
            }
            // Written last: a build is visible only once its rows are complete.
            ch.execute(Sql.of("INSERT INTO dossier_rollup_builds (key, part, fingerprint, build_id, built) "
                    + "VALUES (:key, :part, :fp, :build, :built)").bind("key", key).bind("part", m.part())
                    .bind("fp", m.fingerprint()).bind("build", id).bind("built", r.now()));
            log.debug("rollup build {} of month {} in {} ms", id, m.part(), (System.nanoTime() - t) / 1_000_000);
            dropSuperseded(key, m, id);
            return new Build(m.part(), m.fingerprint(), id, r.now());
        }
    }

    /** Renews a month's build in the background (one at a time per query and month); the month is read live meanwhile. */
    private void buildLater(String key, Month m, Request r, Sql build) {
        String job = key + "|" + m.part();
        if (!scheduled.add(job)) {
            return;
        }
        try {
            builder.execute(() -> {
                try {
                    buildOnce(key, m, r, build, true);
                } catch (RuntimeException e) {
                    log.warn("rollup build of month {} failed: {}", m.part(), e.getMessage());
                } finally {
                    scheduled.remove(job);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            scheduled.remove(job);
        }
    }

    /** Other builds of the same query and month are never chosen again once a newer one is written. */
    private void dropSuperseded(String key, Month m, long keep) {
        List<Long> stale = ch.query(Sql.of("SELECT build_id FROM dossier_rollup_builds "
                        + "WHERE key = :key AND part = :part AND build_id != :keep AND fingerprint != :fp")
                .bind("key", key).bind("part", m.part()).bind("keep", keep).bind("fp", m.fingerprint()),
                row -> row.getLong("build_id"));
        deleteBuilds(stale);
    }

    private void deleteBuilds(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        for (String table : List.of("dossier_rollup_builds", "dossier_rollup", "dossier_rollup_open")) {
            ch.execute(Sql.of("ALTER TABLE :table DELETE WHERE build_id IN :ids").bindIdentifier("table", table)
                    .bind("ids", ids));
        }
    }

    @Override
    public void close() {
        builder.shutdownNow();
    }

    private static Sql bindBuild(Sql build, int part, long id, Instant built, List<String> parts) {
        Sql sql = build.bind("parts", List.of(part)).bind("build", id).bind("build_parts", parts);
        return sql.placeholders().contains("built") ? sql.bind("built", built.getEpochSecond()) : sql;
    }

    /** INSERT of one month's build: the aggregate of every measure over the month's (settled) dossiers. */
    private Sql buildSql(Request r) {
        List<String> names = KpiQueries.dossierColumnNames(null);
        String text = "INSERT INTO dossier_rollup (build_id, unit, seg, sums, maxes)\nSELECT :build, unit, seg, ["
                + String.join(", ", names) + "], [" + String.join(", ", KpiQueries.DOSSIER_MAX_COLUMNS) + "]\nFROM (\n"
                + KpiQueries.dossierAggregate(KpiQueries.dossierRows(true, !r.closed(), true), null) + ")"
                + KpiQueries.settings(KpiQueries.Pass.DOSSIERS);
        return r.build().apply(Sql.of(text));
    }

    /** The month's dossiers not settled before the build, copied for evaluation at query time. */
    private static final String OPEN_COPY = ("INSERT INTO dossier_rollup_open (build_id, " + KpiQueries.DOSSIER_COLUMNS
            + ")\nSELECT :build, " + KpiQueries.DOSSIER_COLUMNS + " FROM dossier_facts FINAL\n"
            + "PREWHERE toYYYYMM(received_at) = :part\nWHERE _part IN :build_parts AND NOT (" + KpiQueries.SETTLED + ")"
            + KpiQueries.settings(KpiQueries.Pass.DOSSIERS));

    /** The dossiers written to since their month's build (a set subquery: the new parts are small). */
    private static final String DIRTY = "(SELECT dossier_id FROM dossier_facts WHERE _part IN :new_parts)";

    /** The open-period copies, without the dossiers written to since (their newest row counts instead). */
    private static final String OPEN_COPY_ROWS_CLEAN = KpiQueries.OPEN_COPY_ROWS.stripTrailing()
            + " AND dossier_id NOT IN " + DIRTY + "\n";

    /** The newest row of each dossier written to since its month's build. */
    private static final String NEWEST_ROWS = "SELECT " + KpiQueries.DOSSIER_COLUMNS + " FROM dossier_facts FINAL\n"
            + "PREWHERE toYYYYMM(received_at) IN :delta_months AND dossier_id IN " + DIRTY + "\n"
            + "WHERE " + KpiQueries.PERIOD_ROWS + "\n";

    /**
     * The row each dossier written to since its month's build had in the build (its newest version in
     * the parts below the build), and of an open period only those the build counted (settled before
     * it was made; the others were copies, left out above). {@code binds} collects the per-month
     * placeholders.
     */
    private static String oldRows(Plan plan, boolean closed, List<Object[]> binds) {
        List<String> columns = List.of(KpiQueries.DOSSIER_COLUMNS.split(",\\s*"));
        List<String> latest = new ArrayList<>();
        for (String c : columns) {
            // through a tuple: argMax skips rows whose argument is NULL, and a NULL can be the newest value
            latest.add(c.equals("dossier_id") ? c : "tupleElement(argMax(tuple(" + c + "), version), 1) AS " + c);
        }
        String filter = KpiQueries.PERIOD_ROWS;
        if (!closed) {
            List<String> settled = new ArrayList<>();
            for (int i = 0; i < plan.deltaBuilds().size(); i++) {
                Build b = plan.deltaBuilds().get(i);
                settled.add("(toYYYYMM(received_at) = :dm" + i + " AND " + KpiQueries.SETTLED.replace(":built", ":built" + i) + ")");
                binds.add(new Object[]{"dm" + i, b.part()});
                binds.add(new Object[]{"built" + i, b.built().getEpochSecond()});
            }
            filter = filter + "\n  AND (" + String.join(" OR ", settled) + ")";
        }
        return "SELECT " + KpiQueries.DOSSIER_COLUMNS + " FROM (\n    SELECT " + String.join(", ", latest)
                + "\n    FROM dossier_facts\n    PREWHERE dossier_id IN " + DIRTY
                + "\n    WHERE _part IN :old_parts\n    GROUP BY dossier_id)\nWHERE " + filter + "\n";
    }

    /** An aggregate's counts and sums with the sign turned (its maxima left out). */
    private static String negated(String aggregate, Set<String> only) {
        List<String> cols = new ArrayList<>(List.of("unit", "seg"));
        for (String c : KpiQueries.dossierColumnNames(only)) {
            cols.add("-" + c + " AS " + c);
        }
        for (String c : KpiQueries.DOSSIER_MAX_COLUMNS) {
            cols.add("toInt64(0) AS " + c);
        }
        return "SELECT " + String.join(", ", cols) + " FROM (\n" + aggregate + ")";
    }

    /** The rollup rows of the chosen builds, as columns named like the live aggregate's. */
    private static String rollupRead(Set<String> only) {
        List<String> all = KpiQueries.dossierColumnNames(null);
        List<String> cols = new ArrayList<>(List.of("unit", "seg"));
        for (String c : KpiQueries.dossierColumnNames(only)) {
            cols.add("sums[" + (all.indexOf(c) + 1) + "] AS " + c);
        }
        for (int i = 0; i < KpiQueries.DOSSIER_MAX_COLUMNS.size(); i++) {
            cols.add("maxes[" + (i + 1) + "] AS " + KpiQueries.DOSSIER_MAX_COLUMNS.get(i));
        }
        return "SELECT " + String.join(", ", cols) + " FROM dossier_rollup WHERE build_id IN :builds";
    }

    private int monthOf(Instant instant) {
        YearMonth ym = YearMonth.from(instant.atZone(zone));
        return ym.getYear() * 100 + ym.getMonthValue();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
