package org.civicpulse.reporting.testing;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.ClickHouseSettings;
import org.civicpulse.reporting.clickhouse.Sql;
import org.civicpulse.reporting.schema.Migrations;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * ClickHouse for tests, found in the order of docs/DESIGN.md:
 * <ol>
 *   <li>{@code CLICKHOUSE_URL} (with {@code CLICKHOUSE_USER}/{@code CLICKHOUSE_PASSWORD}) when set;</li>
 *   <li>else ONE private server per JVM, started from a {@code clickhouse} (run as
 *   {@code clickhouse server}) or {@code clickhouse-server} binary on the PATH (also looked for in
 *   /usr/bin, /usr/sbin, /usr/local/bin, /usr/local/sbin), with a generated config: a private
 *   data directory under {@code target/} (or {@code java.io.tmpdir}), HTTP only on 127.0.0.1 and a
 *   free port, server time zone UTC, {@code keep_alive_timeout} 1, logs in the data directory.
 *   It is stopped, and its directory deleted, by a JVM shutdown hook;</li>
 *   <li>else it fails with a message saying how to get one. It never skips.</li>
 * </ol>
 *
 * <p>Give each test class its own database with {@link #freshDatabase(String)} so classes (and
 * modules sharing an external server) never see each other's rows.
 */
public final class ClickHouseTestServer {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 3;
    private static final List<String> EXTRA_BIN_DIRS = List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin");
    private static final String HOW_TO_GET_ONE = "Tests need a ClickHouse server and none was found: "
            + "set CLICKHOUSE_URL=http://host:8123 (plus CLICKHOUSE_USER/CLICKHOUSE_PASSWORD if needed), "
            + "or `apt-get install clickhouse-server` (a private server is then started from the binary), "
            + "or run ./civicpulse test, which starts one.";

    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();
    private static final Set<String> EXTERNAL_DATABASES = ConcurrentHashMap.newKeySet();

    private static ClickHouseSettings shared;
    private static RuntimeException startFailure;

    private ClickHouseTestServer() {
    }

    /**
     * The server for this JVM (database {@code civicpulse}, not created). Starts a private one on the
     * first call when {@code CLICKHOUSE_URL} is not set.
     *
     * @throws IllegalStateException when no server can be found or started
     */
    public static synchronized ClickHouseSettings shared() {
        if (shared != null) {
            return shared;
        }
        if (startFailure != null) {
            throw startFailure;
        }
        try {
            shared = locate();
            return shared;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    /**
     * A new database (name {@code <prefix>_<n>_<random>}) with every migration applied, on the
     * shared server. On an external server ({@code CLICKHOUSE_URL}) it is dropped when the JVM exits.
     */
    public static ClickHouseSettings freshDatabase(String prefix) {
        ClickHouseSettings settings = emptyDatabase(prefix);
        try (ClickHouseConnection connection = ClickHouseConnection.connect(settings)) {
            Migrations.apply(connection);
        }
        return settings;
    }

    /**
     * Settings for a new, unique database name on the shared server; the database itself is not
     * created (for tests of the migrations themselves).
     */
    public static ClickHouseSettings emptyDatabase(String prefix) {
        String clean = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
            clean = "t_" + clean;
        }
        if (clean.length() > 40) {
            clean = clean.substring(0, 40);
        }
        String name = clean + "_" + DATABASE_COUNTER.incrementAndGet() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        ClickHouseSettings settings = shared().withDatabase(name);
        if (System.getenv("CLICKHOUSE_URL") != null && !System.getenv("CLICKHOUSE_URL").isBlank()) {
            EXTERNAL_DATABASES.add(name);
        }
        return settings;
    }

    // ------------------------------------------------------------------------------------------

    private static ClickHouseSettings locate() {
        String url = System.getenv("CLICKHOUSE_URL");
        if (url != null && !url.isBlank()) {
            ClickHouseSettings settings = ClickHouseSettings.fromEnv().withDatabase(ClickHouseSettings.DEFAULT_DATABASE);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropExternalDatabases(settings),
                    "clickhouse-test-cleanup"));
            return settings;
        }
        Optional<List<String>> command = findBinary();
        if (command.isEmpty()) {
            throw new IllegalStateException(HOW_TO_GET_ONE + " (PATH=" + System.getenv("PATH") + ")");
        }
        return PrivateServer.start(command.get()).settings();
    }

    /** The command prefix to run a server: {@code [clickhouse, server]} or {@code [clickhouse-server]}. */
    static Optional<List<String>> findBinary() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(EXTRA_BIN_DIRS);
        for (String d : dirs) {
            Path p = Path.of(d, "clickhouse");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(List.of(p.toString(), "server"));
            }
        }
        for (String d : dirs) {
            Path p = Path.of(d, "clickhouse-server");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(List.of(p.toString()));
            }
        }
        return Optional.empty();
    }

    private static void dropExternalDatabases(ClickHouseSettings settings) {
        if (EXTERNAL_DATABASES.isEmpty()) {
            return;
        }
        try (ClickHouseConnection c = ClickHouseConnection.connect(settings.withDatabase("default"))) {
            for (String db : EXTERNAL_DATABASES) {
                try {
                    c.execute(Sql.of("DROP DATABASE IF EXISTS :db").bindIdentifier("db", db));
                } catch (RuntimeException e) {
                    System.err.println("Could not drop test database " + db + ": " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            System.err.println("Could not drop test databases " + EXTERNAL_DATABASES + ": " + e.getMessage());
        }
    }

    /** A server process with its own data directory. */
    private record PrivateServer(Process process, Path dir, int port) {

        ClickHouseSettings settings() {
            return new ClickHouseSettings("http://127.0.0.1:" + port, ClickHouseSettings.DEFAULT_DATABASE, "default", "");
        }

        static PrivateServer start(List<String> command) {
            Path dir = createDirectory();
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = freePort();
                try {
                    PrivateServer server = startOnce(command, dir, port);
                    // One hook: shutdown hooks run concurrently, so stop first, then delete.
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        server.stop();
                        deleteRecursively(dir);
                    }, "clickhouse-test-stop"));
                    return server;
                } catch (IllegalStateException e) {
                    last = e; // most likely the port was taken between probing and binding: try another
                }
            }
            deleteRecursively(dir);
            throw last;
        }

        private static PrivateServer startOnce(List<String> command, Path dir, int port) {
            Path config = writeConfig(dir, port);
            List<String> cmd = new ArrayList<>(command);
            cmd.add("--config-file=" + config);
            Path console = dir.resolve("console.log");
            Process process;
            try {
                process = new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(console.toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start " + String.join(" ", cmd) + ": " + e.getMessage()
                        + ". " + HOW_TO_GET_ONE, e);
            }
            PrivateServer server = new PrivateServer(process, dir, port);
            long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("ClickHouse (" + String.join(" ", cmd) + ") exited with "
                            + process.exitValue() + " during startup on port " + port + ":\n" + logTail(dir));
                }
                if (ping(port)) {
                    return server;
                }
                sleep(50);
            }
            server.stop();
            throw new IllegalStateException("ClickHouse (" + String.join(" ", cmd) + ") did not answer /ping on port "
                    + port + " within " + STARTUP_TIMEOUT.toSeconds() + " s:\n" + logTail(dir));
        }

        void stop() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static Path createDirectory() {
            try {
                Path target = Path.of(System.getProperty("user.dir"), "target");
                Path parent = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
                return Files.createTempDirectory(parent, "clickhouse-test-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a ClickHouse data directory", e);
            }
        }

        /** A minimal config that both 18.16 and current servers accept. */
        private static Path writeConfig(Path dir, int port) {
            String d = dir.toAbsolutePath().toString();
            String config = """
                    <?xml version="1.0"?>
                    <!-- Generated by ClickHouseTestServer: a private test server, HTTP only. -->
                    <yandex>
                        <logger>
                            <level>information</level>
                            <log>%1$s/log/clickhouse-server.log</log>
                            <errorlog>%1$s/log/clickhouse-server.err.log</errorlog>
                            <size>10M</size>
                            <count>1</count>
                        </logger>
                        <listen_host>127.0.0.1</listen_host>
                        <http_port>%2$d</http_port>
                        <keep_alive_timeout>1</keep_alive_timeout>
                        <max_connections>256</max_connections>
                        <max_concurrent_queries>100</max_concurrent_queries>
                        <mark_cache_size>268435456</mark_cache_size>
                        <uncompressed_cache_size>268435456</uncompressed_cache_size>
                        <path>%1$s/data/</path>
                        <tmp_path>%1$s/tmp/</tmp_path>
                        <user_files_path>%1$s/user_files/</user_files_path>
                        <format_schema_path>%1$s/format_schemas/</format_schema_path>
                        <users_config>%1$s/users.xml</users_config>
                        <default_profile>default</default_profile>
                        <default_database>default</default_database>
                        <timezone>UTC</timezone>
                        <mlock_executable>false</mlock_executable>
                    </yandex>
                    """.formatted(d, port);
            String users = """
                    <?xml version="1.0"?>
                    <yandex>
                        <profiles>
                            <default>
                                <max_memory_usage>2000000000</max_memory_usage>
                            </default>
                        </profiles>
                        <users>
                            <default>
                                <password></password>
                                <networks>
                                    <ip>127.0.0.1</ip>
                                    <ip>::1</ip>
                                </networks>
                                <profile>default</profile>
                                <quota>default</quota>
                            </default>
                        </users>
                        <quotas>
                            <default>
                                <interval>
                                    <duration>3600</duration>
                                    <queries>0</queries>
                                    <errors>0</errors>
                                    <result_rows>0</result_rows>
                                    <read_rows>0</read_rows>
                                    <execution_time>0</execution_time>
                                </interval>
                            </default>
                        </quotas>
                    </yandex>
                    """;
            try {
                Files.createDirectories(dir.resolve("log"));
                Files.writeString(dir.resolve("users.xml"), users, StandardCharsets.UTF_8);
                Path file = dir.resolve("config.xml");
                Files.writeString(file, config, StandardCharsets.UTF_8);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write ClickHouse config in " + dir, e);
            }
        }

        private static boolean ping(int port) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/ping").toURL()
                        .openConnection();
                c.setConnectTimeout(200);
                c.setReadTimeout(1000);
                try (InputStream in = c.getInputStream()) {
                    return c.getResponseCode() == 200
                            && new String(in.readAllBytes(), StandardCharsets.UTF_8).startsWith("Ok.");
                } finally {
                    c.disconnect();
                }
            } catch (IOException e) {
                return false;
            }
        }

        private static int freePort() {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("No free port", e);
            }
        }

        private static String logTail(Path dir) {
            StringBuilder out = new StringBuilder();
            for (Path p : List.of(dir.resolve("console.log"), dir.resolve("log/clickhouse-server.err.log"))) {
                try {
                    if (Files.exists(p)) {
                        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                        out.append("--- ").append(p).append('\n');
                        lines.subList(Math.max(0, lines.size() - 30), lines.size())
                                .forEach(l -> out.append(l).append('\n'));
                    }
                } catch (IOException | UncheckedIOException e) {
                    out.append("(cannot read ").append(p).append(": ").append(e.getMessage()).append(")\n");
                }
            }
            return out.toString();
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for ClickHouse", e);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: target/ is cleaned by mvn clean, tmp by the OS
        }
    }
}
