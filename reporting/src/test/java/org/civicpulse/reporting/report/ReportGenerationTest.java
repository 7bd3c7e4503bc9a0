package org.civicpulse.reporting.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.civicpulse.domain.kpi.RegimeIndicator;
import org.civicpulse.domain.kpi.ReportRegime;
import org.civicpulse.domain.kpi.ReportRegimes;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.kpi.KpiEngine;
import org.civicpulse.reporting.kpi.KpiValue;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report generation: closing a period generates the expected files (once, surviving a restart; a new version on
 * demand), and the PDF's text and the XLSX's cells carry the KPI engine's numbers for the unit and period.
 */
class ReportGenerationTest {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    static ClickHouseConnection ch;
    static AtomicReference<Instant> now = new AtomicReference<>(ReportFixture.NOW);
    static Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    static KpiEngine engine;

    @TempDir
    static Path archiveDir;

    @BeforeAll
    static void load() {
        ch = ClickHouseConnection.connect(ClickHouseTestServer.freshDatabase("report_generation"));
        ReportFixture.load(ch);
        engine = ReportFixture.engine(ch, clock);
    }

    @AfterAll
    static void close() {
        engine.close();
        ch.close();
    }

    static ReportGenerator generator(Path dir) {
        return new ReportGenerator(engine, new ReportArchive(ch, dir), ReportFonts.load(), clock, "Hà Nội");
    }

    @Test
    void closingAPeriodGeneratesEveryExpectedReportOnceAndRegeneratingMakesANewVersion() throws IOException {
        try (ClickHouseConnection own = ClickHouseConnection.connect(ClickHouseTestServer.freshDatabase("report_schedule"));
             KpiEngine ownEngine = ReportFixture.engine(own, clock)) {
            ReportFixture.load(own);
            closingAPeriod(own, ownEngine);
        }
    }

    private void closingAPeriod(ClickHouseConnection ch, KpiEngine engine) throws IOException {
        Path dir = archiveDir.resolve("schedule");
        ReportRegimes regimes = engine.regimes();
        List<String> mailed = new ArrayList<>();
        ReportGenerator gen = new ReportGenerator(engine, new ReportArchive(ch, dir), ReportFonts.load(), clock, "Hà Nội");
        ReportScheduler scheduler = new ReportScheduler(gen, new ReportRuns(ch), regimes, clock,
                (r, g) -> mailed.add(r.id() + "/" + g.document().key().unit() + "/" + g.document().key().period()));

        // 14 Nov 2026 23:58 in Hanoi, the last minute of 2026-M11. First run ever: the latest closed period of each regime
        now.set(local("2026-11-14T23:58:00"));
        List<ReportScheduler.Outcome> first = scheduler.runDue();
        assertThat(first).extracting(o -> o.regime() + " " + o.period())
                .containsExactly("DG-MONTHLY 2026-M10", "CITY-QUARTERLY 2026-Q3", "CITY-ANNUAL 2025-Y");
        assertThat(first).allSatisfy(o -> assertThat(o.error()).isNull());
        // M10: the units in force on 14 Oct (SO-CU still was, 00100 not yet); the city reports: the city
        assertThat(first.get(0).reports()).isEqualTo(5);
        assertThat(first.get(1).reports()).isEqualTo(1);
        assertThat(first.get(2).reports()).isEqualTo(1);
        assertThat(scheduler.runDue()).as("nothing closed since").isEmpty();

        // 15 Nov 00:01: 2026-M11 has closed
        now.set(local("2026-11-15T00:01:00"));
        mailed.clear();
        List<ReportScheduler.Outcome> close = scheduler.runDue();
        assertThat(close).extracting(o -> o.regime() + " " + o.period() + " " + o.reports())
                .containsExactly("DG-MONTHLY 2026-M11 5");
        assertThat(mailed).containsExactlyInAnyOrder("DG-MONTHLY/00004/2026-M11", "DG-MONTHLY/00008/2026-M11",
                "DG-MONTHLY/00100/2026-M11", "DG-MONTHLY/SO-KHCN/2026-M11", "DG-MONTHLY/SO-TP/2026-M11");
        ReportArchive archive = gen.archive();
        List<ArchivedFile> m11 = archive.list("DG-MONTHLY", "2026-M11", null, 100);
        assertThat(m11).hasSize(10);
        for (String unit : List.of("00004", "00008", "00100", "SO-KHCN", "SO-TP")) {
            String stem = "DG-MONTHLY/2026-M11/" + unit + "/DG-MONTHLY_" + unit + "_2026-M11_v1";
            assertThat(dir.resolve(stem + ".pdf")).isRegularFile();
            assertThat(dir.resolve(stem + ".xlsx")).isRegularFile();
        }
        for (ArchivedFile f : m11) {
            byte[] bytes = Files.readAllBytes(dir.resolve(f.path()));
            assertThat(f.size()).isEqualTo(bytes.length);
            assertThat(f.sha256()).isEqualTo(ReportArchive.sha256(bytes)).hasSize(64);
            assertThat(f.version()).isEqualTo(1);
            assertThat(f.trigger()).isEqualTo(ArchivedFile.Trigger.SCHEDULE);
            assertThat(f.generatedAt()).isEqualTo(local("2026-11-15T00:01:00"));
        }

        // a restart: a new scheduler over the same ClickHouse generates nothing again
        ReportScheduler restarted = new ReportScheduler(new ReportGenerator(engine, new ReportArchive(ch, dir),
                ReportFonts.bundled(), clock, "Hà Nội"), new ReportRuns(ch), regimes, clock, null);
        now.set(local("2026-11-15T00:02:00"));
        assertThat(restarted.runDue()).isEmpty();

        // on demand: a new version; version 1 stays as it was
        ArchivedFile v1 = m11.stream().filter(f -> f.unit().equals("SO-TP") && f.format() == ArchivedFile.Format.PDF)
                .findFirst().orElseThrow();
        ReportScheduler.Outcome manual = restarted.runNow(regimes.get("DG-MONTHLY"), engine.expectedReports().calendar()
                .parse("2026-M11"), "admin");
        assertThat(manual.reports()).isEqualTo(5);
        List<ArchivedFile> versions = archive.versions(new ReportKey("DG-MONTHLY", "SO-TP", "2026-M11"));
        assertThat(versions).extracting(f -> f.version() + " " + f.format() + " " + f.trigger())
                .containsExactly("1 PDF SCHEDULE", "1 XLSX SCHEDULE", "2 PDF MANUAL", "2 XLSX MANUAL");
        assertThat(versions.get(2).generatedBy()).isEqualTo("admin");
        assertThat(versions.get(2).docNumber()).as("a new version keeps the number").isEqualTo(v1.docNumber());
        assertThat(ReportArchive.sha256(archive.read(v1))).isEqualTo(v1.sha256());
        assertThat(archive.find(versions.get(3).id())).contains(versions.get(3));
        assertThat(archive.list(null, null, List.of("SO-TP"), 100)).allMatch(f -> f.unit().equals("SO-TP"));
        assertThat(archive.list(null, null, List.of(), 100)).isEmpty();
    }

    @Test
    void thePdfAndTheXlsxCarryTheEnginesNumbers() throws IOException {
        now.set(ReportFixture.NOW);
        ReportRegime dg = engine.regimes().get("DG-MONTHLY");
        ReportGenerator gen = generator(archiveDir.resolve("numbers"));
        ReportGenerator.Generated g = gen.generate(dg, "SO-TP", engine.expectedReports().calendar().parse("2026-M11"),
                ArchivedFile.Trigger.MANUAL, "test");
        Map<String, KpiValue> kpis = new LinkedHashMap<>();
        engine.compute("SO-TP", "2026-M11").forEach(v -> kpis.put(v.kpi(), v));
        // P9 comes from SO-TP's approved submission (40/50), P5 from the events (d1 of d1–d3 fully online)
        assertThat(kpis.get("P9").numerator()).isEqualByComparingTo("40");
        assertThat(kpis.get("P9").value()).isEqualByComparingTo("80.00");

        Files.createDirectories(Path.of("target", "report-sample"));
        Files.write(Path.of("target", "report-sample", g.document().fileStem() + ".pdf"), g.pdfBytes());

        String text;
        try (PDDocument pdf = Loader.loadPDF(g.pdfBytes())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            text = stripper.getText(pdf);
            List<String> fonts = new ArrayList<>();
            for (var name : pdf.getPage(0).getResources().getFontNames()) {
                PDFont font = pdf.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                fonts.add(font.getName());
            }
            assertThat(fonts).anyMatch(n -> n.contains("DejaVuSans"));
        }
        assertThat(text).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "UBND THÀNH PHỐ HÀ NỘI", "SỞ TƯ PHÁP", "Số: 1/BC-STP", "Hà Nội, ngày 27 tháng 11 năm 2026", "BÁO CÁO",
                "tháng 11 năm 2026 (từ ngày 15/10/2026 đến ngày 14/11/2026)", "GIÁM ĐỐC", "Nơi nhận:");
        assertThat(text).isEqualTo(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC));
        // every indicator's row: the code, then numerator, denominator, value, target, status as the engine has them
        List<RegimeIndicator> ind = dg.indicators();
        for (int i = 0; i < ind.size(); i++) {
            KpiValue v = kpis.get(ind.get(i).kpi());
            int from = text.indexOf("\n" + (i + 1) + " " + v.kpi() + " ");
            assertThat(from).as("row of " + v.kpi() + " in\n" + text).isNotNegative();
            int to = i + 1 < ind.size() ? text.indexOf("\n" + (i + 2) + " " + ind.get(i + 1).kpi() + " ", from)
                    : text.indexOf("Số liệu do hệ thống", from);
            String row = text.substring(from, to).replace('\n', ' ');
            var unit = engine.registry().get(v.kpi()).unit();
            assertThat(row).as(v.kpi()).containsSubsequence(ReportText.number(v.numerator()),
                    ReportText.number(v.denominator()), v.value() == null ? "–" : ReportText.value(v.value(), unit),
                    ReportText.target(v.target(), unit));
            assertThat(row).as(v.kpi()).contains(ReportText.status(v.status()).split(" ")[0]);
        }

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(g.xlsxBytes()))) {
            Sheet s = wb.getSheet("Báo cáo");
            assertThat(s.getRow(0).getCell(6).getStringCellValue()).isEqualTo("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
            for (int i = 0; i < ind.size(); i++) {
                Row r = s.getRow(XlsxReportWriter.FIRST_DATA_ROW + i);
                KpiValue v = kpis.get(ind.get(i).kpi());
                assertThat(r.getCell(1).getStringCellValue()).isEqualTo(v.kpi());
                assertNumber(r.getCell(3), v.numerator(), v.kpi() + " numerator");
                assertNumber(r.getCell(4), v.denominator(), v.kpi() + " denominator");
                assertNumber(r.getCell(5), v.value(), v.kpi() + " value");
                assertNumber(r.getCell(7), v.target(), v.kpi() + " target");
                assertThat(r.getCell(9).getStringCellValue()).isEqualTo(v.status().name());
            }
            assertThat(s.getRow(XlsxReportWriter.FIRST_DATA_ROW + ind.size())).isNull();
            assertThat(wb.getSheet("Thông tin").getRow(8).getCell(1).getStringCellValue()).isEqualTo("1");
        }
    }

    @Test
    void theCityReportOfAQuarterHasTheCityFigures() throws IOException {
        now.set(ReportFixture.NOW);
        ReportRegime q = engine.regimes().get("CITY-QUARTERLY");
        ReportGenerator.Generated g = generator(archiveDir.resolve("city")).generate(q, "01",
                engine.expectedReports().calendar().parse("2026-Q3"), ArchivedFile.Trigger.MANUAL, "test");
        assertThat(g.document().governingBody()).isNull();
        assertThat(g.document().issuingBody()).isEqualTo("UBND THÀNH PHỐ HÀ NỘI");
        assertThat(g.document().docNumber()).isEqualTo("1/BC-UBND");
        assertThat(g.document().lines()).extracting(ReportDocument.Line::kpi)
                .containsExactlyElementsOf(q.indicators().stream().map(RegimeIndicator::kpi).toList());
        Map<String, KpiValue> city = new LinkedHashMap<>();
        engine.compute("01", "2026-Q3").forEach(v -> city.put(v.kpi(), v));
        for (ReportDocument.Line l : g.document().lines()) {
            assertThat(l.value()).as(l.kpi()).isEqualTo(city.get(l.kpi()).value());
        }
        try (PDDocument pdf = Loader.loadPDF(g.pdfBytes())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("quý III năm 2026", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH");
        }
        Files.createDirectories(Path.of("target", "report-sample"));
        Files.write(Path.of("target", "report-sample", g.document().fileStem() + ".pdf"), g.pdfBytes());
    }

    static void assertNumber(Cell c, BigDecimal expected, String what) {
        if (expected == null) {
            assertThat(c.getCellType()).as(what).isEqualTo(CellType.BLANK);
        } else {
            assertThat(c.getCellType()).as(what).isEqualTo(CellType.NUMERIC);
            assertThat(BigDecimal.valueOf(c.getNumericCellValue())).as(what).isEqualByComparingTo(expected);
        }
    }

    static Instant local(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(HANOI).toInstant();
    }
}
