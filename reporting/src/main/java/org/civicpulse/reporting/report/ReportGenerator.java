package org.civicpulse.reporting.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.kpi.KpiDefinition;
import org.civicpulse.domain.kpi.RegimeIndicator;
import org.civicpulse.domain.kpi.ReportRegime;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;
import org.civicpulse.reporting.kpi.KpiEngine;
import org.civicpulse.reporting.kpi.KpiValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the reports of a regime period: for every unit that reports it ({@link ExpectedReports#units}), a PDF
 * and an XLSX with the KPI engine's figures for the unit and period (one engine computes every number), archived
 * as a new version ({@link ReportArchive}).
 */
public final class ReportGenerator {

    private static final Logger log = LoggerFactory.getLogger(ReportGenerator.class);

    private final KpiEngine engine;
    private final ReportArchive archive;
    private final ExpectedReports expected;
    private final PdfReportWriter pdf;
    private final XlsxReportWriter xlsx = new XlsxReportWriter();
    private final Clock clock;
    private final String place;

    /**
     * @param place the place of issue printed before the date ("Hà Nội")
     */
    public ReportGenerator(KpiEngine engine, ReportArchive archive, ReportFonts fonts, Clock clock, String place) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.expected = engine.expectedReports();
        this.pdf = new PdfReportWriter(fonts);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.place = Objects.requireNonNull(place, "place");
    }

    public ExpectedReports expectedReports() {
        return expected;
    }

    public ReportArchive archive() {
        return archive;
    }

    /** One generated report: its document and its two archived files. */
    public record Generated(ReportDocument document, ArchivedFile pdf, ArchivedFile xlsx, byte[] pdfBytes,
                            byte[] xlsxBytes) {
    }

    /** The reports of every unit that reports {@code regime} for {@code period}. */
    public List<Generated> generate(ReportRegime regime, ReportingPeriod period, ArchivedFile.Trigger trigger, String by) {
        checkPeriod(regime, period);
        OrgHierarchy h = engine.hierarchy();
        List<Generated> out = new ArrayList<>();
        for (OrgUnit u : expected.units(regime, period, h, null)) {
            out.add(generate(regime, u.code(), period, trigger, by));
        }
        log.info("generated {} report(s) of {} {}", out.size(), regime.id(), period.code());
        return out;
    }

    /** The report of one unit. */
    public Generated generate(ReportRegime regime, String unit, ReportingPeriod period, ArchivedFile.Trigger trigger,
                              String by) {
        checkPeriod(regime, period);
        OrgHierarchy h = engine.hierarchy();
        LocalDate day = period.endInclusive();
        OrgUnit u = h.at(unit, day).orElseThrow(() -> new IllegalArgumentException(
                "unit " + unit + " is not in force on " + day + ", the last day of " + period.code()));
        if (!regime.expects(u.level())) {
            throw new IllegalArgumentException("regime " + regime.id() + " is reported by " + regime.levels()
                    + " units, not by " + u.code() + " (" + u.level() + ")");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ReportKey key = new ReportKey(regime.id(), u.code(), period.code());
        List<ReportDocument.Line> lines = lines(regime, u.code(), period);
        String number = archive.docNumber(key).orElseGet(() ->
                (archive.reportsOfYear(u.code(), Integer.parseInt(period.code().substring(0, 4))) + 1) + "/BC-"
                        + abbreviation(u));
        List<OrgUnit> path = h.pathToRoot(u.code(), day);
        OrgUnit city = path.get(path.size() - 1);
        OrgUnit parent = path.size() > 1 ? path.get(1) : null;
        String cityBody = "UBND " + ReportText.upper(city.name());
        String governing = u.level() == UnitLevel.CITY ? null : cityBody;
        String issuing = u.level() == UnitLevel.CITY ? cityBody
                : u.level() == UnitLevel.DEPARTMENT ? ReportText.upper(u.name()) : "UBND " + ReportText.upper(u.name());
        List<String> signer = u.level() == UnitLevel.DEPARTMENT ? List.of("GIÁM ĐỐC")
                : List.of("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH");
        String addressee = parent == null ? null : "Ủy ban nhân dân " + parent.name();
        List<String> copies = u.level() == UnitLevel.CITY
                ? List.of("- Thường trực Thành ủy;", "- Thường trực HĐND Thành phố;", "- Chủ tịch, các PCT UBND Thành phố;",
                        "- Các sở, ban, ngành Thành phố;", "- Lưu: VT, CivicPulse.")
                : List.of("- Như trên;", "- Sở Khoa học và Công nghệ;", "- Lưu: VT, CivicPulse.");
        LocalDate issued = expected.calendar().localDate(now);
        ReportArchive.Rendered[] last = new ReportArchive.Rendered[1];
        ReportDocument[] doc = new ReportDocument[1];
        List<ArchivedFile> files = archive.store(key, u.name(), archive.nextVersion(key), v -> {
            doc[0] = new ReportDocument(key, ReportText.nfc(regime.name().vi()), regime.legalSource(), period,
                    ReportText.nfc(u.name()), u.level(), governing, issuing, number, place, issued, addressee, signer,
                    copies, v, now, lines);
            last[0] = new ReportArchive.Rendered(pdf.write(doc[0]), xlsx.write(doc[0]));
            return last[0];
        }, number, trigger, by, now);
        return new Generated(doc[0], files.get(0), files.get(1), last[0].pdf(), last[0].xlsx());
    }

    /** The regime's indicators with the engine's figures for the unit's subtree and period. */
    public List<ReportDocument.Line> lines(ReportRegime regime, String unit, ReportingPeriod period) {
        Map<String, KpiValue> values = new LinkedHashMap<>();
        for (KpiValue v : engine.compute(unit, period.code())) {
            values.put(v.kpi(), v);
        }
        List<ReportDocument.Line> lines = new ArrayList<>();
        int no = 1;
        for (RegimeIndicator i : regime.indicators()) {
            KpiDefinition d = engine.registry().get(i.kpi());
            KpiValue v = values.get(i.kpi());
            lines.add(new ReportDocument.Line(no++, d.id(), ReportText.nfc(d.name().vi()), d.unit(), i.origin(),
                    v == null ? null : v.numerator(), v == null ? null : v.denominator(), v == null ? null : v.value(),
                    v == null ? null : v.target(), v == null ? null : v.status()));
        }
        return lines;
    }

    private void checkPeriod(ReportRegime regime, ReportingPeriod period) {
        if (period.kind() != regime.periodKind()) {
            throw new IllegalArgumentException("regime " + regime.id() + " reports " + regime.periodKind()
                    + " periods, not " + period.code());
        }
    }

    /** "UBND" for People's Committees (city, district, commune), the initials of a department ("STP"). */
    static String abbreviation(OrgUnit u) {
        return u.level() == UnitLevel.DEPARTMENT ? ReportText.initials(u.name()) : "UBND";
    }
}
