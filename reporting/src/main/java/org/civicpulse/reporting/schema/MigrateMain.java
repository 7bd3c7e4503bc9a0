package org.civicpulse.reporting.schema;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.ClickHouseSettings;

import java.util.List;

/**
 * Applies the ClickHouse migrations to the database named by the environment
 * ({@code CLICKHOUSE_URL}, {@code CLICKHOUSE_DATABASE}, {@code CLICKHOUSE_USER},
 * {@code CLICKHOUSE_PASSWORD}; see {@link ClickHouseSettings#fromEnv()}) and prints what it did.
 * Exit status 0 when the schema is up to date afterwards, 1 otherwise.
 *
 * <pre>java -cp reporting.jar:… org.civicpulse.reporting.schema.MigrateMain</pre>
 */
public final class MigrateMain {

    private MigrateMain() {
    }

    public static void main(String[] args) {
        ClickHouseSettings settings;
        try {
            settings = ClickHouseSettings.fromEnv();
        } catch (IllegalArgumentException e) {
            System.err.println("Bad ClickHouse settings: " + e.getMessage());
            System.exit(1);
            return;
        }
        try (ClickHouseConnection connection = ClickHouseConnection.connect(settings)) {
            List<Migration> known = Migrations.load();
            System.out.println("ClickHouse " + connection.serverVersion() + " at " + settings.url()
                    + ", database " + settings.database() + ": " + known.size() + " migrations known");
            List<Migration> applied = Migrations.apply(connection, known);
            for (Migration m : applied) {
                System.out.println("  applied " + m.label() + " (" + m.statements().size() + " statement"
                        + (m.statements().size() == 1 ? "" : "s") + ")");
            }
            System.out.println(applied.isEmpty()
                    ? "Schema up to date, nothing applied."
                    : "Applied " + applied.size() + " migration" + (applied.size() == 1 ? "" : "s") + ".");
        } catch (RuntimeException e) {
            System.err.println("Migration failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
