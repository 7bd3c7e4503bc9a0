package org.civicpulse.systemtests;

import java.time.Instant;
import java.util.Set;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.ClickHouseSettings;
import org.civicpulse.reporting.dossier.DossierCounts;

/** The reporting side's queries, run against the stack's ClickHouse as the product runs them. */
final class ReportingQueries {

  record Counts(long received, long completed, long completedOnTime, Double onTimeRate) {}

  private ReportingQueries() {}

  static Counts dossierCounts(String clickhouseUrl, Set<String> units, Instant from, Instant toExclusive) {
    ClickHouseSettings settings = ClickHouseSettings.fromEnv().withDatabase("civicpulse");
    try (ClickHouseConnection connection = ClickHouseConnection.connect(
        new ClickHouseSettings(clickhouseUrl, settings.database(), settings.user(), settings.password()))) {
      DossierCounts.Counts c = new DossierCounts(connection).count(units, from, toExclusive);
      return new Counts(c.received(), c.completed(), c.completedOnTime(), c.onTimeRate());
    }
  }
}
