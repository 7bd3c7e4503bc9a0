package org.civicpulse.ingestion.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void rfc4180QuotingAndLineNumbers() {
        String text = "\uFEFFa,b,c\r\n"
                + "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
                + "\r\n"
                + "2,\"multi\nline\",z\n"
                + "3,,\n"
                + "4,last,\"no newline at end\"";
        List<CsvReader.Row> rows = CsvReader.parse(text, ',');
        assertThat(rows).extracting(CsvReader.Row::line, CsvReader.Row::cells).containsExactly(
                tuple(1L, List.of("a", "b", "c")),
                tuple(2L, List.of("1", "x, y", "say \"hi\"")),
                tuple(4L, List.of("2", "multi\nline", "z")),
                tuple(6L, List.of("3", "", "")),
                tuple(7L, List.of("4", "last", "no newline at end")));
        assertThat(rows.get(1).raw()).isEqualTo("1,\"x, y\",\"say \"\"hi\"\"\"");
        assertThat(rows.get(2).raw()).isEqualTo("2,\"multi\nline\",z");
        assertThat(rows).allSatisfy(r -> assertThat(r.problem()).isNull());
    }

    @Test
    void unclosedQuoteIsReportedOnItsRow() {
        List<CsvReader.Row> rows = CsvReader.parse("a,b\n1,\"open\n2,3\n", ',');
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).problem()).contains("line 2");
    }

    @Test
    void semicolonFilesAreDetected() {
        assertThat(CsvReader.detectDelimiter("code;name;level\n1;2;3")).isEqualTo(';');
        assertThat(CsvReader.detectDelimiter("code,name;x\n")).isEqualTo(',');
        assertThat(CsvReader.parse("a;b\n1;\"x;y\"\n", ';').get(1).cells()).containsExactly("1", "x;y");
    }
}
