package org.civicpulse.reporting.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing of migration files, without a server. */
class MigrationTest {

    @Test
    void splitsOnSemicolonAtLineEndAndDropsCommentLines() {
        Migration m = Migration.of(2, "x", """
                -- header comment; with a semicolon;
                CREATE TABLE a
                (
                    -- a column comment;
                    x UInt8
                )
                ENGINE = MergeTree() ORDER BY x;

                   -- indented comment
                INSERT INTO a VALUES (1);   \s
                SELECT ';' AS inside_string_at_line_end
                """);
        assertThat(m.statements()).containsExactly(
                "CREATE TABLE a\n(\n    x UInt8\n)\nENGINE = MergeTree() ORDER BY x",
                "INSERT INTO a VALUES (1)",
                "SELECT ';' AS inside_string_at_line_end");
    }

    @Test
    void semicolonInsideALineDoesNotSplit() {
        assertThat(Migration.of(1, "x", "SELECT 1; SELECT 2\n").statements()).containsExactly("SELECT 1; SELECT 2");
    }

    @Test
    void windowsLineEndingsAreTheSame() {
        Migration unix = Migration.of(1, "x", "-- c\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n");
        Migration windows = Migration.of(1, "x", "-- c\r\nCREATE TABLE a (x UInt8) ENGINE = Memory;\r\n");
        assertThat(windows.statements()).isEqualTo(unix.statements());
        assertThat(windows.checksum()).isEqualTo(unix.checksum());
    }

    @Test
    void checksumIgnoresCommentsAndBlankLinesButNotSql() {
        String sql = "CREATE TABLE a (x UInt8) ENGINE = Memory;\n";
        Migration base = Migration.of(1, "x", sql);
        assertThat(Migration.of(1, "x", "-- documented better now\n\n" + sql + "\n-- trailing\n").checksum())
                .isEqualTo(base.checksum());
        assertThat(Migration.of(1, "x", sql.replace("UInt8", "UInt16")).checksum()).isNotEqualTo(base.checksum());
        assertThat(base.checksum()).matches("[0-9a-f]{64}");
    }

    @Test
    void parsesFileNames() {
        Migration m = Migration.fromFile("V003__dossier_facts.sql", "SELECT 1;");
        assertThat(m.version()).isEqualTo(3);
        assertThat(m.name()).isEqualTo("dossier_facts");
        assertThat(m.label()).isEqualTo("V003__dossier_facts");
        assertThat(Migration.fromFile("V12__x.sql", "SELECT 1;").label()).isEqualTo("V012__x");
        for (String bad : List.of("V1_x.sql", "v001__x.sql", "V001__x.txt", "V__x.sql", "V001__.sql", "V001__a-b.sql")) {
            assertThatThrownBy(() -> Migration.fromFile(bad, "SELECT 1;")).as(bad).isInstanceOf(MigrationException.class);
        }
    }

    @Test
    void refusesEmptyMigrations() {
        assertThatThrownBy(() -> Migration.of(1, "x", "-- only a comment\n\n"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("no statement");
    }

    @Test
    void loadsTheSchemaFromTheClasspath() {
        List<Migration> all = Migrations.load();
        assertThat(all).extracting(Migration::label).containsExactly(
                "V001__schema_migrations", "V002__events", "V003__dossier_facts", "V004__login_facts",
                "V005__document_facts", "V006__probe_facts", "V007__feedback_facts", "V008__report_actions",
                "V009__org_units", "V010__procedures", "V011__report_archive", "V012__report_runs", "V013__report_drafts",
                "V014__dossier_rollups", "V015__org_mergers", "V016__rejected_events");
        assertThat(all).allSatisfy(m -> assertThat(m.statements()).isNotEmpty());
    }

    @Test
    void refusesGapsInNumbering() {
        assertThatThrownBy(() -> Migrations.load("db/test-gap", getClass().getClassLoader()))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("without gaps")
                .hasMessageContaining("V003__c");
    }

    @Test
    void refusesAnEmptyLocation() {
        assertThatThrownBy(() -> Migrations.load("db/nothing-here", getClass().getClassLoader()))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("No migration files");
    }
}
