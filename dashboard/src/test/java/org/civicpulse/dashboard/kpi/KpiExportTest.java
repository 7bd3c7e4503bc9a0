package org.civicpulse.dashboard.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.civicpulse.dashboard.support.ApiTestBase;
import org.civicpulse.dashboard.support.TestCity;
import org.junit.jupiter.api.Test;

/** CSV and XLSX exports reopened: the same rows and numbers as the JSON, period and unit stated. */
class KpiExportTest extends ApiTestBase {

    private static final String NUMBERS[] = {"numerator", "denominator", "value", "target", "projection", "requiredRate"};

    @Test
    void csvHasBomHeaderAndTheJsonNumbers() {
        for (String query : List.of("period=" + TestCity.PERIOD + "&unit=BD",
                "period=" + TestCity.PERIOD + "&unit=HN&breakdown=children")) {
            JsonNode rows = json(get("analyst", "/api/v1/kpis?" + query));
            HttpResponse<byte[]> r = get("analyst", "/api/v1/kpis.csv?" + query);
            assertThat(r.statusCode()).as(describe(r)).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
            assertThat(r.headers().firstValue("Content-Disposition")).get().asString()
                    .startsWith("attachment").contains(".csv");
            byte[] body = r.body();
            assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
            assertThat(text).contains("\r\n");

            List<List<String>> csv = parseCsv(text);
            List<String> header = csv.get(0);
            assertThat(header).startsWith("kpi", "name", "unit", "unitName", "period", "numerator", "denominator",
                    "value", "target", "status");
            assertThat(csv.size() - 1).isEqualTo(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                List<String> line = csv.get(i + 1);
                assertThat(line).hasSize(header.size());
                assertThat(line.get(header.indexOf("kpi"))).isEqualTo(row.path("kpi").asText());
                assertThat(line.get(header.indexOf("unit"))).isEqualTo(row.path("unit").asText());
                assertThat(line.get(header.indexOf("unitName"))).isEqualTo(row.path("unitName").asText());
                assertThat(line.get(header.indexOf("name"))).isEqualTo(row.path("name").asText());
                assertThat(line.get(header.indexOf("period"))).isEqualTo(TestCity.PERIOD);
                assertThat(line.get(header.indexOf("status"))).isEqualTo(row.path("status").asText());
                for (String n : NUMBERS) {
                    String cell = line.get(header.indexOf(n));
                    JsonNode v = row.path(n);
                    if (v.isNull()) {
                        assertThat(cell).as(n).isEmpty();
                    } else {
                        assertThat(new BigDecimal(cell)).as(row.path("kpi") + " " + n)
                                .isEqualByComparingTo(v.decimalValue());
                    }
                }
                if (row.has("rank")) {
                    assertThat(line.get(header.indexOf("rank"))).isEqualTo(row.path("rank").asText());
                }
            }
        }
    }

    @Test
    void xlsxStatesPeriodAndUnitAndHasTheJsonNumbers() throws IOException {
        for (String query : List.of("period=" + TestCity.PERIOD + "&unit=BD",
                "period=" + TestCity.PERIOD + "&unit=HN&breakdown=children&kpi=Q4.5,P5,Q2.1")) {
            JsonNode rows = json(get("analyst", "/api/v1/kpis?" + query));
            HttpResponse<byte[]> r = get("analyst", "/api/v1/kpis.xlsx?" + query);
            assertThat(r.statusCode()).as(describe(r)).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).get().asString()
                    .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
                Sheet sheet = wb.getSheet("KPI");
                assertThat(sheet).isNotNull();
                String heading = cellText(sheet, 1) + " | " + cellText(sheet, 2) + " | " + cellText(sheet, 3);
                assertThat(heading).contains(TestCity.PERIOD).contains("2026-10-15").contains("2026-11-14");
                String unit = query.contains("unit=BD") ? "BD — Quận Ba Đình" : "HN — Thành phố Hà Nội";
                assertThat(heading).contains(unit);

                Row header = sheet.getRow(KpiXlsx.HEADER_ROW);
                List<String> names = new ArrayList<>();
                header.forEach(c -> names.add(c.getStringCellValue()));
                assertThat(names).startsWith("kpi", "name", "unit");
                assertThat(wb.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
                PaneInformation pane = sheet.getPaneInformation();
                assertThat(pane).isNotNull();
                assertThat(pane.isFreezePane()).isTrue();
                assertThat((int) pane.getHorizontalSplitPosition()).isEqualTo(KpiXlsx.HEADER_ROW + 1);
                assertThat(sheet.getColumnWidth(names.indexOf("name"))).isGreaterThan(20 * 256);

                assertThat(sheet.getLastRowNum() - KpiXlsx.HEADER_ROW).isEqualTo(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    JsonNode row = rows.get(i);
                    Row x = sheet.getRow(KpiXlsx.HEADER_ROW + 1 + i);
                    assertThat(x.getCell(names.indexOf("kpi")).getStringCellValue()).isEqualTo(row.path("kpi").asText());
                    assertThat(x.getCell(names.indexOf("unit")).getStringCellValue()).isEqualTo(row.path("unit").asText());
                    assertThat(x.getCell(names.indexOf("status")).getStringCellValue()).isEqualTo(row.path("status").asText());
                    for (String n : NUMBERS) {
                        Cell cell = x.getCell(names.indexOf(n));
                        JsonNode v = row.path(n);
                        if (v.isNull()) {
                            assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(n).isTrue();
                        } else {
                            assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
                            assertThat(cell.getNumericCellValue()).as(row.path("kpi") + " " + n)
                                    .isEqualTo(v.decimalValue().doubleValue());
                        }
                    }
                    XSSFCell value = (XSSFCell) x.getCell(names.indexOf("value"));
                    if (value != null && "PERCENT".equals(row.path("measure").asText())) {
                        assertThat(value.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
                    }
                    Cell asOf = x.getCell(names.indexOf("asOf"));
                    if (!row.path("asOf").isNull()) {
                        assertThat(asOf.getCellType()).isEqualTo(CellType.NUMERIC);
                        assertThat(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(asOf)).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void exportsAreScopedLikeTheJson() {
        assertThat(get("officer", "/api/v1/kpis.xlsx?period=" + TestCity.PERIOD + "&unit=BD").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> r = get("officer", "/api/v1/kpis.xlsx?period=" + TestCity.PERIOD + "&unit=HK");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
    }

    @Test
    void csvQuotingFollowsRfc4180() throws IOException {
        KpiRow row = new KpiRow("P5", "U1", "2026-M11", BigDecimal.ONE, new BigDecimal("3"), new BigDecimal("33.33"),
                null, "MISSED", null, "Tên, có \"ngoặc\"\nvà dòng mới", null, "=HYPERLINK(\"x\")", "PERCENT", 1, null,
                null, null, null, null, null);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        KpiCsv.write(List.of(row), out);
        String text = out.toString(StandardCharsets.UTF_8).substring(1);
        List<List<String>> csv = parseCsv(text);
        List<String> header = csv.get(0);
        assertThat(csv.get(1).get(header.indexOf("name"))).isEqualTo("Tên, có \"ngoặc\"\nvà dòng mới");
        assertThat(csv.get(1).get(header.indexOf("unitName"))).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(csv.get(1).get(header.indexOf("value"))).isEqualTo("33.33");
        assertThat(csv.get(1).get(header.indexOf("target"))).isEmpty();
    }

    private static String cellText(Sheet sheet, int row) {
        StringBuilder b = new StringBuilder();
        sheet.getRow(row).forEach(c -> b.append(c.getStringCellValue()).append(' '));
        return b.toString();
    }

    /** A strict RFC 4180 reader: quoted fields with doubled quotes, CRLF records. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                assertThat(field.length()).as("quote inside an unquoted field at " + i).isZero();
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertThat(text.charAt(i + 1)).as("CR without LF at " + i).isEqualTo('\n');
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("bare LF at " + i).isNotEqualTo('\n');
                field.append(c);
            }
            i++;
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(field.length() == 0 && record.isEmpty()).as("last record ends with CRLF").isTrue();
        return records;
    }
}
