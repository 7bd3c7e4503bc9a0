package org.civicpulse.ingestion.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.civicpulse.domain.calendar.WorkingDays;
import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.EventType;

/**
 * The city simulator's command line: generates a live or historical event stream of Hanoi and sends it
 * to the ingestion API (or Kafka, or a file). Runs without Spring:
 *
 * <pre>
 * java -cp ingestion/target/ingestion.jar \
 *      -Dloader.main=org.civicpulse.ingestion.simulator.CitySimulatorMain \
 *      org.springframework.boot.loader.launch.PropertiesLauncher --mode backfill --from 2025-11-15 --to 2026-11-27 …
 * </pre>
 *
 * See {@link #USAGE} for the options and reference-data/hanoi/README.md for the model.
 */
public final class CitySimulatorMain {

    static final String USAGE = """
            Usage: CitySimulatorMain --mode backfill|live|burst [options]

              --mode backfill    a date range of history, as fast as ingestion takes it; event times in the past
                                 (never past now), each dossier's events in order
              --mode live        a living city in real time: events stamped now, about --rate events/s. The
                                 simulated clock runs --speed times faster than real time (derived from --rate)
                                 so dossiers complete within minutes; with --from, the history since then is sent
                                 first (as in backfill), then the city continues live from now
              --mode burst       like backfill with more requests in flight; with --to-kafka straight to Kafka

            Options (defaults in brackets):
              --seed N                 random seed [42]; same seed + profile + range → byte-identical events
              --from DATE|INSTANT      first day [backfill/burst: --to minus 365 days; live: now]
              --to DATE|INSTANT        last day, inclusive (an instant: exclusive end) [today; live: open-ended]
              --now INSTANT            what "now" is: caps backfill, starts live [the wall clock]
              --rate N                 live: average events/s [50]; backfill/burst: cap in events/s [none]
              --speed X                live: simulated seconds per real second (overrides the --rate estimate)
              --skip-until INSTANT     simulate but do not send events before this instant (resume a run)
              --dossiers-per-day N     dossiers on an average working day, city-wide; portal sign-ins scale
                                       with it [profile: 5000]
              --url URL                ingestion base URL [http://127.0.0.1:8090]
              --token-file FILE        source=token lines [.civicpulse/demo/source-tokens.properties]
              --ledger FILE            append id,type,aggregateId of every acknowledged event
              --profile FILE           profile overrides (JSON) [classpath simulator/default-profile.json]
              --units FILE             units.csv [reference-data/hanoi/units.csv, else the jar's copy]
              --procedures FILE        procedures.csv [reference-data/hanoi/procedures.csv, else the jar's copy]
              --holidays FILE          holiday list CSV (date,name,type) [domain's Vietnamese list]
              --concurrency N          requests in flight for dossier events [4; burst 8]
              --batch-size N           events per request [1000]
              --to-kafka HOST:PORT     write to Kafka instead of ingestion (topic --topic)
              --topic NAME             [civicpulse.events.v1]
              --out FILE|-             write NDJSON to a file (or stdout) instead of sending
              --dry-run                generate and encode only; print counts and speed
              --max-events N           stop after N events
              --progress-seconds N     progress line every N seconds on stderr [5; 0 = off]
            """;

    private CitySimulatorMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "simulator/logback-simulator.xml");
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the simulator; answers the process exit code (0 ok, 1 failed while sending, 2 bad usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> opt;
        try {
            opt = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (opt.containsKey("help")) {
            out.print(USAGE);
            return 0;
        }
        Run run;
        try {
            run = new Run(opt, out, err);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | DateTimeParseException e) {
            err.println("simulator: " + e.getMessage());
            return 2;
        }
        return run.execute();
    }

    private static final Set<String> FLAGS = Set.of("dry-run", "help");
    private static final Set<String> KEYS = Set.of("mode", "seed", "from", "to", "now", "rate", "speed",
            "skip-until", "dossiers-per-day", "url", "token-file", "ledger", "profile", "units", "procedures",
            "holidays", "concurrency", "batch-size", "to-kafka", "topic", "out", "max-events", "progress-seconds");

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (FLAGS.contains(key)) {
                m.put(key, "true");
                continue;
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + key + " needs a value");
                }
                value = args[++i];
            }
            m.put(key, value);
        }
        return m;
    }

    /** One configured run. */
    static final class Run {
        final String mode;
        final PrintStream out;
        final PrintStream err;
        final SimProfile profile;
        final ReferenceData ref;
        final WorkingDays workingDays;
        final CitySimulator.Options options;
        final long seed;
        final double rate;
        final boolean live;
        final long maxEvents;
        final int progressSeconds;
        final Map<String, String> opt;
        final String target;
        volatile boolean stop;

        Run(Map<String, String> opt, PrintStream out, PrintStream err) {
            this.opt = opt;
            this.out = out;
            this.err = err;
            mode = opt.getOrDefault("mode", "");
            if (!List.of("backfill", "live", "burst").contains(mode)) {
                throw new IllegalArgumentException("--mode must be backfill, live or burst" + (mode.isEmpty() ? "" : ", got " + mode));
            }
            live = mode.equals("live");
            seed = Long.parseLong(opt.getOrDefault("seed", "42"));
            SimProfile p = SimProfile.load(path("profile"));
            if (opt.containsKey("dossiers-per-day")) {
                p = p.withDossiersPerWorkingDay(Double.parseDouble(opt.get("dossiers-per-day")));
            }
            profile = p;
            ref = ReferenceData.load(path("units"), path("procedures"));
            workingDays = opt.containsKey("holidays") ? WorkingDays.fromCsv(path("holidays")) : WorkingDays.vietnam();
            ZoneId zone = profile.zone();
            Instant now = opt.containsKey("now") ? instant(opt.get("now"), zone, false)
                    : Instant.now().truncatedTo(ChronoUnit.SECONDS);
            maxEvents = Long.parseLong(opt.getOrDefault("max-events", String.valueOf(Long.MAX_VALUE)));
            progressSeconds = Integer.parseInt(opt.getOrDefault("progress-seconds", "5"));
            Instant skip = opt.containsKey("skip-until") ? instant(opt.get("skip-until"), zone, false) : null;
            if (live) {
                Instant from = opt.containsKey("from") ? instant(opt.get("from"), zone, false) : now;
                Instant until = opt.containsKey("to") ? instant(opt.get("to"), zone, true) : null;
                if (from.isAfter(now)) {
                    throw new IllegalArgumentException("--from " + from + " is after now " + now);
                }
                rate = Double.parseDouble(opt.getOrDefault("rate", "50"));
                double speed = opt.containsKey("speed") ? Double.parseDouble(opt.get("speed")) : estimateSpeed(now);
                options = new CitySimulator.Options(seed, from, until, skip, now, speed, null);
            } else {
                Instant to = opt.containsKey("to") ? instant(opt.get("to"), zone, true)
                        : LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
                Instant until = to.isAfter(now) ? now : to;
                Instant from = opt.containsKey("from") ? instant(opt.get("from"), zone, false)
                        : LocalDate.ofInstant(to.minusSeconds(1), zone).minusDays(365).atStartOfDay(zone).toInstant();
                if (!until.isAfter(from)) {
                    throw new IllegalArgumentException("nothing to send: the range " + from + " – " + until
                            + " is empty (--to is capped at now)");
                }
                rate = opt.containsKey("rate") ? Double.parseDouble(opt.get("rate")) : 0;
                options = new CitySimulator.Options(seed, from, until, skip, null, 1, null);
            }
            target = opt.containsKey("dry-run") ? "dry run (encode only)"
                    : opt.containsKey("out") ? "file " + opt.get("out")
                    : opt.containsKey("to-kafka") ? "Kafka " + opt.get("to-kafka") + " topic " + opt.getOrDefault("topic", "civicpulse.events.v1")
                    : opt.getOrDefault("url", "http://127.0.0.1:8090");
        }

        private Path path(String key) {
            String v = opt.get(key);
            if (v == null) {
                return null;
            }
            Path p = Path.of(v);
            if (!Files.isRegularFile(p) && !key.equals("ledger")) {
                throw new IllegalArgumentException("--" + key + " " + v + ": no such file");
            }
            return p;
        }

        /** Simulated seconds per real second so that live mode averages {@link #rate} events/s. */
        private double estimateSpeed(Instant now) {
            if (rate <= 0) {
                throw new IllegalArgumentException("--rate must be > 0");
            }
            ZoneId zone = profile.zone();
            Instant start = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
            Instant end = start.plus(Duration.ofDays(7));
            CitySimulator sample = new CitySimulator(profile, ref, workingDays, CitySimulator.Options.range(seed, start, end));
            long n = 0;
            while (sample.next() != null) {
                n++;
            }
            double perSecond = n / (7 * 86400.0);
            if (perSecond <= 0) {
                throw new IllegalArgumentException("the profile produces no events; cannot run live");
            }
            return rate / perSecond;
        }

        int execute() {
            Ledger ledger = opt.containsKey("ledger") ? new Ledger(Path.of(opt.get("ledger"))) : null;
            EventSink sink;
            try {
                sink = openSink(ledger);
            } catch (RuntimeException e) {
                err.println("simulator: " + e.getMessage());
                if (ledger != null) {
                    ledger.close();
                }
                return 2;
            }
            PrintStream report = "-".equals(opt.get("out")) ? err : out;
            CitySimulator sim = new CitySimulator(profile, ref, workingDays, options);
            describe(report, sim);
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                stop = true;
                try {
                    main.join(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sim-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            Progress progress = new Progress(sim, sink);
            Thread progressThread = null;
            if (progressSeconds > 0) {
                progressThread = new Thread(() -> progress.loop(progressSeconds), "sim-progress");
                progressThread.setDaemon(true);
                progressThread.start();
            }
            Map<EventType, Long> byType = new EnumMap<>(EventType.class);
            long started = System.nanoTime();
            long count = 0;
            int exit = 0;
            try {
                Event e;
                while (!stop && count < maxEvents && (e = sim.next()) != null) {
                    if (live) {
                        pace(e);
                    } else if (rate > 0) {
                        throttle(started, count);
                    }
                    if (stop) {
                        break;
                    }
                    sink.accept(e);
                    byType.merge(e.type(), 1L, Long::sum);
                    count++;
                    progress.generated = count;
                }
                sink.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit = 1;
            } catch (RuntimeException e) {
                err.println("simulator: stopped: " + e.getMessage());
                exit = 1;
                if (sink instanceof HttpEventSink h) {
                    h.abort();
                }
            } finally {
                progress.done = true;
                if (progressThread != null) {
                    progressThread.interrupt();
                }
                if (ledger != null) {
                    try {
                        ledger.close();
                    } catch (RuntimeException ignored) {
                        // already reported
                    }
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // shutting down
                }
            }
            double secs = (System.nanoTime() - started) / 1e9;
            report.printf(Locale.ROOT, "simulator: %s done%s: %,d events generated, %,d acknowledged, %,d rejected, "
                            + "%,d retries in %.1f s (%,.0f events/s); sim time reached %s%n",
                    mode, stop ? " (stopped)" : "", count, sink.acknowledged(), sink.rejected(), sink.retries(), secs,
                    count / Math.max(secs, 1e-9), local(sim.simTime()));
            StringBuilder sb = new StringBuilder("simulator: by type:");
            byType.forEach((t, n) -> sb.append(' ').append(t.wire()).append('=').append(n));
            report.println(sb);
            return exit;
        }

        private EventSink openSink(Ledger ledger) throws RuntimeException {
            if (opt.containsKey("dry-run")) {
                return new FileEventSink(null, ledger);
            }
            if (opt.containsKey("out")) {
                String o = opt.get("out");
                try {
                    OutputStream s = o.equals("-") ? System.out : Files.newOutputStream(Path.of(o));
                    return new FileEventSink(s, ledger);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + o, e);
                }
            }
            if (opt.containsKey("to-kafka")) {
                return new KafkaEventSink(opt.get("to-kafka"), opt.getOrDefault("topic", "civicpulse.events.v1"), ledger);
            }
            Path tokenFile = opt.containsKey("token-file") ? Path.of(opt.get("token-file"))
                    : Path.of(".civicpulse", "demo", "source-tokens.properties");
            if (!Files.isRegularFile(tokenFile)) {
                throw new IllegalArgumentException("token file " + tokenFile + " not found; pass --token-file "
                        + "(source=token lines for one-stop, portal, payment, e-office, uptime, reports)");
            }
            Map<String, String> tokens = HttpEventSink.readTokens(tokenFile);
            List<String> missing = new ArrayList<>();
            for (String s : List.of(CitySimulator.SOURCE_ONE_STOP, CitySimulator.SOURCE_PORTAL, CitySimulator.SOURCE_PAYMENT,
                    CitySimulator.SOURCE_E_OFFICE, CitySimulator.SOURCE_UPTIME, CitySimulator.SOURCE_REPORTS)) {
                if (!tokens.containsKey(s)) {
                    missing.add(s);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("token file " + tokenFile + " has no token for " + missing);
            }
            int concurrency = Integer.parseInt(opt.getOrDefault("concurrency", mode.equals("burst") ? "8" : "4"));
            int batch = Integer.parseInt(opt.getOrDefault("batch-size", "1000"));
            if (concurrency < 1 || batch < 1) {
                throw new IllegalArgumentException("--concurrency and --batch-size must be ≥ 1");
            }
            return new HttpEventSink(opt.getOrDefault("url", "http://127.0.0.1:8090"), tokens, ledger, concurrency,
                    batch, Duration.ofMillis(live ? 200 : 50), err);
        }

        private void describe(PrintStream p, CitySimulator sim) {
            p.printf(Locale.ROOT, "simulator: %s, seed %d (id tag %s), profile %s, %,.0f dossiers/working day, %s%n",
                    mode, seed, sim.tag(), profile.name(), profile.dossiersPerWorkingDay(), ref);
            if (live) {
                p.printf(Locale.ROOT, "simulator: live from %s%s; the simulated city runs %.1f× real time "
                                + "(a simulated day every %.1f min) for about %.0f events/s → %s%n",
                        local(options.warpPivot()), options.from().equals(options.warpPivot()) ? ""
                                : " after sending the history since " + local(options.from()),
                        options.speed(), 1440 / options.speed(), rate, target);
            } else {
                p.printf(Locale.ROOT, "simulator: %s to %s → %s%n", local(options.from()), local(options.until()), target);
            }
        }

        private String local(Instant i) {
            return OffsetDateTime.ofInstant(i, profile.zone()).toString();
        }

        private void pace(Event e) throws InterruptedException {
            long due = e.occurredAt().toInstant().toEpochMilli();
            while (!stop) {
                long wait = due - System.currentTimeMillis();
                if (wait <= 0) {
                    return;
                }
                Thread.sleep(Math.min(wait, 500));
            }
        }

        private void throttle(long startedNanos, long count) throws InterruptedException {
            long dueNanos = startedNanos + (long) (count / rate * 1e9);
            long wait = dueNanos - System.nanoTime();
            if (wait > 1_000_000) {
                Thread.sleep(wait / 1_000_000);
            }
        }

        /** The progress line printed every few seconds. */
        final class Progress {
            final CitySimulator sim;
            final EventSink sink;
            volatile long generated;
            volatile boolean done;

            Progress(CitySimulator sim, EventSink sink) {
                this.sim = sim;
                this.sink = sink;
            }

            void loop(int seconds) {
                long start = System.nanoTime();
                long lastAcked = 0;
                long lastTime = start;
                while (!done) {
                    try {
                        Thread.sleep(seconds * 1000L);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (done) {
                        return;
                    }
                    long now = System.nanoTime();
                    long acked = sink.acknowledged();
                    double rateNow = (acked - lastAcked) / ((now - lastTime) / 1e9);
                    double elapsed = (now - start) / 1e9;
                    lastAcked = acked;
                    lastTime = now;
                    Instant simTime = sim.simTime();
                    String eta = "";
                    if (!live && options.until() != null) {
                        double total = options.until().getEpochSecond() - options.from().getEpochSecond();
                        double f = Math.min(1, Math.max(1e-6, (simTime.getEpochSecond() - options.from().getEpochSecond()) / total));
                        eta = String.format(Locale.ROOT, " | %.1f%% | ETA %s", 100 * f, human((long) (elapsed * (1 - f) / f)));
                    }
                    String status = sink.status();
                    err.printf(Locale.ROOT, "simulator: %,d events sent, %,d acknowledged | %,.0f/s now, %,.0f/s avg "
                                    + "| sim time %s%s%s%n", generated, acked, rateNow, acked / Math.max(elapsed, 1e-9),
                            OffsetDateTime.ofInstant(simTime, profile.zone()).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES),
                            eta, status.isEmpty() ? "" : " | " + status);
                }
            }
        }
    }

    static String human(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return (seconds / 3600) + "h" + String.format(Locale.ROOT, "%02d", seconds / 60 % 60) + "m";
    }

    /**
     * A date (start of that day in the zone; with {@code endOfDay}, the start of the next day) or an
     * RFC 3339 instant.
     */
    static Instant instant(String s, ZoneId zone, boolean endOfDay) {
        if (s.length() == 10) {
            LocalDate d = LocalDate.parse(s);
            return (endOfDay ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(s);
        }
    }
}
