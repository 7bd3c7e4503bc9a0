package org.civicpulse.reporting.schema;

import org.civicpulse.reporting.clickhouse.ClickHouseSettings;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** MigrateMain as the run script calls it: a separate JVM configured by environment variables. */
class MigrateMainTest {

    private record Run(int exit, String out) {
    }

    private static Run migrate(Map<String, String> env) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                MigrateMain.class.getName()));
        pb.environment().keySet().removeIf(k -> k.startsWith("CLICKHOUSE_"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("MigrateMain finished").isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void appliesEverythingThenNothing() throws Exception {
        ClickHouseSettings s = ClickHouseTestServer.emptyDatabase("migrate_main");
        Map<String, String> env = Map.of("CLICKHOUSE_URL", s.url(), "CLICKHOUSE_DATABASE", s.database(),
                "CLICKHOUSE_USER", s.user(), "CLICKHOUSE_PASSWORD", s.password());

        Run first = migrate(env);
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("database " + s.database())
                .contains("applied V001__schema_migrations")
                .contains("applied V010__procedures")
                .contains("applied V015__org_mergers")
                .contains("applied V016__rejected_events")
                .contains("Applied 16 migrations.");

        Run second = migrate(env);
        assertThat(second.exit()).as(second.out()).isZero();
        assertThat(second.out()).contains("Schema up to date, nothing applied.").doesNotContain("applied V0");
    }

    @Test
    void failsWithStatusOneWhenClickHouseIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = migrate(Map.of("CLICKHOUSE_URL", "http://127.0.0.1:" + port));
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("Migration failed").contains("Cannot reach ClickHouse");
    }
}
