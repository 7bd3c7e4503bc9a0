package org.civicpulse.ingestion.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the catalogue-import files of Hanoi ({@code units.csv}, {@code mergers.csv},
 * {@code procedures.csv}) from the raw public files in {@code reference-data/hanoi/} (see SOURCES.md
 * there). Run once; the output is committed. Re-running it on the same raw files gives byte-identical
 * output (no clock, no randomness other than the fixed hash below).
 *
 * <pre>
 * java -cp ingestion/target/ingestion.jar \
 *      -Dloader.main=org.civicpulse.ingestion.simulator.ReferenceDataBuilder \
 *      org.springframework.boot.loader.launch.PropertiesLauncher [raw-dir] [resources-dir]
 * </pre>
 * Defaults: {@code reference-data/hanoi} (read the raw files, write the three files beside them) and
 * {@code ingestion/src/main/resources/reference-data} (a copy of the three files, so the ingestion jar
 * carries them for the simulator).
 *
 * <h2>units.csv ({@code code,name,level,parent,valid_from,valid_to})</h2>
 * <ul>
 *   <li>{@code 01} Thành phố Hà Nội, CITY, no parent, valid from 2008-08-01 (Hanoi's present
 *       boundaries since Resolution 15/2008/QH12; the date only has to precede every child).</li>
 *   <li>The 15 departments of hanoi-departments.csv, DEPARTMENT, parent {@code 01}, valid from
 *       2025-03-01. The raw file has no codes; the code is derived from {@code short_name}
 *       ({@link #departmentCode}): {@code SO-} + the short name folded to ASCII upper case, words
 *       concatenated ({@code Nội vụ} → {@code SO-NOIVU}), or their initials when the short name joins
 *       two areas with "và" or "-" ({@code Nông nghiệp và Môi trường} → {@code SO-NNMT}); the two
 *       bodies that are not a Sở get {@code VP-UBND} (Văn phòng UBND) and {@code THANHTRA-TP}.</li>
 *   <li>The 30 pre-reform district-level units (quận, huyện, thị xã) as DISTRICT, parent {@code 01},
 *       and their 526 wards, townships and communes as COMMUNE with the district as parent; all valid
 *       2020-01-01 – 2025-06-30. 2020-01-01 is an ASSUMPTION: the source gives no start dates (it is an
 *       export of 2025-01-04, after the 1 January 2025 rearrangement; the earlier 579-unit structure
 *       is not modelled).</li>
 *   <li>The 126 wards and communes in force since 1 July 2025 as COMMUNE, parent {@code 01} (the
 *       two-tier model has no districts), valid from 2025-07-01, open-ended.</li>
 *   <li>Every post-reform code is also a pre-reform code (the new unit took over one old code), so
 *       such a code has two versions: [2020-01-01, 2025-06-30] and [2025-07-01, open]. They never
 *       overlap; {@link #build} checks it.</li>
 * </ul>
 *
 * <h2>mergers.csv ({@code old_code,new_code,effective,merge_type})</h2>
 * One row per row of hanoi-2025-merger-map-detail.csv, effective 2025-07-01. {@code merge_type}
 * from the source's note: "Nhập toàn bộ" → {@code WHOLE}, "Nhập một phần" → {@code PART},
 * "Nhập một phần diện tích" → {@code PART_AREA}, "Nhập một phần diện tích, toàn bộ dân số" →
 * {@code PART_AREA_WHOLE_POPULATION}. Every partial type starts with {@code PART}.
 *
 * <h2>procedures.csv</h2>
 * Columns {@code code,name,field,authority_level,unit,full_process_eligible,online_service,
 * national_portal,ux_redesigned,has_fee,paper_result,simplified,legal_days}. {@code code},
 * {@code name}, {@code field} and {@code authority_level} (the raw {@code level}: CITY, DEPARTMENT or
 * COMMUNE) are the real data. {@code unit}: the department responsible for the field ({@link #FIELD_DEPARTMENT})
 * for CITY- and DEPARTMENT-level procedures; {@code 01} for COMMUNE-level ones (they are done by
 * every commune; the simulator routes each dossier to a commune).
 *
 * <p>Everything else is a SIMULATION PARAMETER, not a fact. Each is assigned by a seeded rank rule:
 * {@code u(code, attr)} = the first 8 bytes of SHA-256 of {@code "civicpulse-reference-v1|" + attr +
 * "|" + code} read as an unsigned fraction of 2^64; to give a share {@code p} of a set of procedures
 * the value true, the set is sorted by {@code u} and the first {@code round(p × size)} get it, so the
 * shares are exact:
 * <ul>
 *   <li>{@code full_process_eligible}: true where the portal says so (2 rows), else 60% of the rest;</li>
 *   <li>{@code online_service}: the 2 portal-flagged rows FULL; of the other eligible ones 88% FULL,
 *       9% PARTIAL, the rest NONE; of the non-eligible 70% PARTIAL, the rest NONE;</li>
 *   <li>{@code national_portal}: 45% of FULL, 30% of PARTIAL, never for NONE;</li>
 *   <li>{@code ux_redesigned}: 64% of those with an online service (FULL or PARTIAL), never for NONE;</li>
 *   <li>{@code has_fee} 45%, {@code paper_result} 85%, {@code simplified} 12% of all;</li>
 *   <li>{@code legal_days}: one of a field's typical time limits ({@link #legalDayChoices}), picked
 *       by {@code u(code, "legal_days")}.</li>
 * </ul>
 * The shares are chosen so that the catalogue KPIs land near their plan targets: P3 (eligible with a
 * full-process service) 155/176 = 88% vs 100%, P4 45% vs 40%, P1 64% vs 70%, P7 12% vs 10%.
 * reference-data/hanoi/README.md documents all of this with the resulting counts.
 */
public final class ReferenceDataBuilder {

    static final String CITY_CODE = "01";
    static final String CITY_NAME = "Thành phố Hà Nội";
    static final String CITY_VALID_FROM = "2008-08-01";
    static final String DEPARTMENTS_VALID_FROM = "2025-03-01";
    static final String PRE_REFORM_VALID_FROM = "2020-01-01";
    static final String PRE_REFORM_VALID_TO = "2025-06-30";
    static final String REFORM_DATE = "2025-07-01";

    static final String UNITS_HEADER = "code,name,level,parent,valid_from,valid_to";
    static final String MERGERS_HEADER = "old_code,new_code,effective,merge_type";
    static final String PROCEDURES_HEADER = "code,name,field,authority_level,unit,full_process_eligible,"
            + "online_service,national_portal,ux_redesigned,has_fee,paper_result,simplified,legal_days";

    /** Field (lĩnh vực) → department code after the March 2025 reorganisation. */
    static final Map<String, String> FIELD_DEPARTMENT = new LinkedHashMap<>();

    static {
        // Justice
        for (String f : List.of("Hộ tịch", "Chứng thực", "Công chứng", "Hòa giải ở cơ sở", "Nuôi con nuôi",
                "Trợ giúp pháp lý")) {
            FIELD_DEPARTMENT.put(f, "SO-TUPHAP");
        }
        // Health (social protection moved from LĐ-TB&XH to Y tế in 2025)
        for (String f : List.of("An toàn thực phẩm", "Dược phẩm", "Khám bệnh, chữa bệnh", "Bảo trợ xã hội")) {
            FIELD_DEPARTMENT.put(f, "SO-YTE");
        }
        // Home affairs (labour, employment and people with merit moved from LĐ-TB&XH to Nội vụ)
        for (String f : List.of("Lao động, tiền lương", "Việc làm", "Người có công")) {
            FIELD_DEPARTMENT.put(f, "SO-NOIVU");
        }
        // Agriculture and environment (land from TN&MT; poverty reduction from LĐ-TB&XH)
        for (String f : List.of("Đất đai", "Giảm nghèo")) {
            FIELD_DEPARTMENT.put(f, "SO-NNMT");
        }
        // Finance (business registration from KH&ĐT)
        for (String f : List.of("Thành lập và hoạt động của doanh nghiệp",
                "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)",
                "Thành lập và hoạt động của tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã", "Tài chính đất đai")) {
            FIELD_DEPARTMENT.put(f, "SO-TAICHINH");
        }
        // Construction (transport from GTVT)
        for (String f : List.of("Hoạt động xây dựng", "Nhà ở và công sở", "Kinh doanh bất động sản",
                "Vật liệu xây dựng", "Đường bộ", "Hàng hải và đường thủy nội địa")) {
            FIELD_DEPARTMENT.put(f, "SO-XAYDUNG");
        }
        FIELD_DEPARTMENT.put("Quy hoạch đô thị và nông thôn", "SO-QHKT");
        // Education
        for (String f : List.of("Giáo dục mầm non", "Giáo dục tiểu học", "Giáo dục trung học",
                "Giáo dục thường xuyên", "Các cơ sở giáo dục khác",
                "Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân", "Giáo dục, đào tạo với nước ngoài",
                "Thi, tuyển sinh", "Văn bằng, chứng chỉ")) {
            FIELD_DEPARTMENT.put(f, "SO-GDDT");
        }
    }

    private ReferenceDataBuilder() {
    }

    /** Raw merge note → merge_type code. */
    static String mergeType(String note) {
        return switch (note.strip()) {
            case "Nhập toàn bộ" -> "WHOLE";
            case "Nhập một phần" -> "PART";
            case "Nhập một phần diện tích" -> "PART_AREA";
            case "Nhập một phần diện tích, toàn bộ dân số" -> "PART_AREA_WHOLE_POPULATION";
            default -> throw new IllegalArgumentException("unknown merge note \"" + note + "\"; add it to mergeType()");
        };
    }

    /** The stable code of a department from its name and short name (see the class comment). */
    static String departmentCode(String name, String shortName) {
        if (name.startsWith("Văn phòng")) {
            return "VP-UBND";
        }
        if (name.startsWith("Thanh tra")) {
            return "THANHTRA-TP";
        }
        if (!name.startsWith("Sở ")) {
            throw new IllegalArgumentException("no code rule for department \"" + name + "\"");
        }
        String folded = fold(shortName);
        String[] words = folded.split("[\\s\\-]+");
        boolean compound = folded.contains(" VA ") || shortName.contains("-");
        StringBuilder sb = new StringBuilder("SO-");
        for (String w : words) {
            if (w.isEmpty() || (compound && w.equals("VA"))) {
                continue;
            }
            sb.append(compound ? w.substring(0, 1) : w);
        }
        return sb.toString();
    }

    /** Upper-case ASCII without diacritics ("Đào tạo" → "DAO TAO"). */
    static String fold(String s) {
        String d = Normalizer.normalize(s.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                sb.append(c);
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /** {@code u(code, attr)}: a fraction in [0, 1) from SHA-256 (see the class comment). */
    static double u(String code, String attr) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("civicpulse-reference-v1|" + attr + "|" + code).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return (v >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The codes among {@code codes} that get {@code attr} = true: the first round(share × n) by u. */
    static Set<String> rank(List<String> codes, String attr, double share) {
        List<String> sorted = new ArrayList<>(codes);
        sorted.sort(Comparator.comparingDouble((String c) -> u(c, attr)).thenComparing(Comparator.naturalOrder()));
        int n = (int) Math.round(share * sorted.size());
        return new HashSet<>(sorted.subList(0, n));
    }

    /** Typical legal time limits (working days) of a field; one is picked per procedure. */
    static int[] legalDayChoices(String field, String level) {
        String f = field.toLowerCase(Locale.ROOT);
        if (f.contains("chứng thực")) {
            return new int[] {0, 1, 2};
        }
        if (f.contains("hộ tịch")) {
            return new int[] {0, 1, 3, 5};
        }
        if (f.contains("hòa giải") || f.contains("trợ giúp pháp lý")) {
            return new int[] {3, 5, 7};
        }
        if (f.contains("công chứng") || f.contains("nuôi con nuôi")) {
            return new int[] {5, 10, 15};
        }
        if (f.contains("doanh nghiệp") || f.contains("hợp tác xã")) {
            return new int[] {3, 5};
        }
        if (f.contains("đất đai")) {
            return new int[] {10, 15, 20, 30};
        }
        if (f.contains("xây dựng") || f.contains("nhà ở") || f.contains("bất động sản") || f.contains("quy hoạch")) {
            return new int[] {7, 10, 15, 20};
        }
        if (f.contains("đường bộ") || f.contains("đường thủy")) {
            return new int[] {3, 5, 7, 10};
        }
        if (f.contains("dược") || f.contains("khám bệnh") || f.contains("an toàn thực phẩm")) {
            return new int[] {10, 15, 20, 30};
        }
        if (f.contains("giáo dục") || f.contains("tuyển sinh") || f.contains("văn bằng")) {
            return new int[] {5, 7, 10, 15};
        }
        if (f.contains("lao động") || f.contains("việc làm") || f.contains("người có công")
                || f.contains("bảo trợ") || f.contains("giảm nghèo")) {
            return new int[] {5, 7, 10, 15};
        }
        return level.equals("COMMUNE") ? new int[] {1, 3, 5, 7} : new int[] {5, 10, 15, 20};
    }

    /** The department for a field (several fields joined by "; ": the first that maps). */
    static String departmentFor(String field) {
        for (String f : field.split(";")) {
            String d = FIELD_DEPARTMENT.get(f.strip());
            if (d != null) {
                return d;
            }
        }
        throw new IllegalArgumentException("no department for field \"" + field
                + "\"; add it to ReferenceDataBuilder.FIELD_DEPARTMENT");
    }

    /** The three output files' contents (name → text), built from the raw files in {@code rawDir}. */
    static Map<String, String> build(Path rawDir) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("units.csv", units(rawDir));
        out.put("mergers.csv", mergers(rawDir));
        out.put("procedures.csv", procedures(rawDir));
        return out;
    }

    private static String units(Path rawDir) {
        List<String> lines = new ArrayList<>();
        lines.add(UNITS_HEADER);
        lines.add(Csv.line(CITY_CODE, CITY_NAME, "CITY", "", CITY_VALID_FROM, ""));
        Set<String> deptCodes = new HashSet<>();
        for (Csv.Row r : Csv.read(rawDir.resolve("hanoi-departments.csv"))) {
            String name = r.required("name", "hanoi-departments.csv");
            String code = r.get("code").isEmpty() ? departmentCode(name, r.required("short_name", "hanoi-departments.csv"))
                    : r.get("code");
            if (!deptCodes.add(code)) {
                throw new IllegalStateException("department code " + code + " derived twice");
            }
            lines.add(Csv.line(code, name, "DEPARTMENT", CITY_CODE, DEPARTMENTS_VALID_FROM, ""));
        }
        for (String d : FIELD_DEPARTMENT.values()) {
            if (!deptCodes.contains(d)) {
                throw new IllegalStateException("FIELD_DEPARTMENT names " + d + ", which is not a department");
            }
        }
        List<Csv.Row> pre = Csv.read(rawDir.resolve("hanoi-units-pre2025.csv"));
        Map<String, String> validity = new HashMap<>();
        for (Csv.Row r : pre) {
            String code = r.required("code", "hanoi-units-pre2025.csv");
            if (code.length() == 3) {
                lines.add(Csv.line(code, r.required("name", "pre"), "DISTRICT", CITY_CODE, PRE_REFORM_VALID_FROM,
                        PRE_REFORM_VALID_TO));
            }
        }
        for (Csv.Row r : pre) {
            String code = r.get("code");
            if (code.length() != 3) {
                String parent = r.required("parent", "hanoi-units-pre2025.csv");
                lines.add(Csv.line(code, r.required("name", "pre"), "COMMUNE", parent, PRE_REFORM_VALID_FROM,
                        PRE_REFORM_VALID_TO));
            }
            if (validity.put(code, PRE_REFORM_VALID_TO) != null) {
                throw new IllegalStateException("pre-reform code " + code + " listed twice");
            }
        }
        Set<String> post = new HashSet<>();
        for (Csv.Row r : Csv.read(rawDir.resolve("hanoi-units-2025.csv"))) {
            String code = r.required("code", "hanoi-units-2025.csv");
            if (!post.add(code)) {
                throw new IllegalStateException("post-reform code " + code + " listed twice");
            }
            // A reused code's earlier version ends 2025-06-30, the day before this one starts: no overlap.
            lines.add(Csv.line(code, r.required("name", "post"), "COMMUNE", CITY_CODE, REFORM_DATE, ""));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String mergers(Path rawDir) {
        List<String> lines = new ArrayList<>();
        lines.add(MERGERS_HEADER);
        Set<String> seen = new HashSet<>();
        for (Csv.Row r : Csv.read(rawDir.resolve("hanoi-2025-merger-map-detail.csv"))) {
            String oldCode = r.required("old_code", "merger map");
            String newCode = r.required("new_code", "merger map");
            if (!seen.add(oldCode + ">" + newCode)) {
                continue;
            }
            lines.add(Csv.line(oldCode, newCode, REFORM_DATE, mergeType(r.required("merge_type", "merger map"))));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String procedures(Path rawDir) {
        List<Csv.Row> rows = Csv.read(rawDir.resolve("procedures-sample.csv"));
        List<String> all = new ArrayList<>();
        Set<String> portalFull = new HashSet<>();
        List<String> unknownEligibility = new ArrayList<>();
        for (Csv.Row r : rows) {
            String code = r.required("code", "procedures-sample.csv");
            all.add(code);
            if (r.get("full_process_eligible").equalsIgnoreCase("true")) {
                portalFull.add(code);
            } else {
                unknownEligibility.add(code);
            }
        }
        Set<String> eligible = new HashSet<>(portalFull);
        eligible.addAll(rank(unknownEligibility, "full_process_eligible", 0.60));

        Map<String, String> online = new HashMap<>();
        List<String> eligibleRest = new ArrayList<>();
        List<String> notEligible = new ArrayList<>();
        for (String c : all) {
            if (portalFull.contains(c)) {
                online.put(c, "FULL");
            } else if (eligible.contains(c)) {
                eligibleRest.add(c);
            } else {
                notEligible.add(c);
            }
        }
        // Eligible: 88% FULL, then 9% PARTIAL, rest NONE — ranked on one u so the three groups are disjoint.
        List<String> byOnline = new ArrayList<>(eligibleRest);
        byOnline.sort(Comparator.comparingDouble((String c) -> u(c, "online_service")).thenComparing(Comparator.naturalOrder()));
        int full = (int) Math.round(0.88 * byOnline.size());
        int partial = (int) Math.round(0.97 * byOnline.size());
        for (int i = 0; i < byOnline.size(); i++) {
            online.put(byOnline.get(i), i < full ? "FULL" : i < partial ? "PARTIAL" : "NONE");
        }
        Set<String> partialOfOthers = rank(notEligible, "online_service", 0.70);
        for (String c : notEligible) {
            online.put(c, partialOfOthers.contains(c) ? "PARTIAL" : "NONE");
        }
        List<String> fullList = all.stream().filter(c -> online.get(c).equals("FULL")).toList();
        List<String> partialList = all.stream().filter(c -> online.get(c).equals("PARTIAL")).toList();
        List<String> withOnline = all.stream().filter(c -> !online.get(c).equals("NONE")).toList();
        Set<String> portal = new HashSet<>(rank(fullList, "national_portal", 0.45));
        portal.addAll(rank(partialList, "national_portal", 0.30));
        Set<String> ux = rank(withOnline, "ux_redesigned", 0.64);
        Set<String> fee = rank(all, "has_fee", 0.45);
        Set<String> paper = rank(all, "paper_result", 0.85);
        Set<String> simplified = rank(all, "simplified", 0.12);

        List<String> lines = new ArrayList<>();
        lines.add(PROCEDURES_HEADER);
        for (Csv.Row r : rows) {
            String code = r.get("code");
            String field = r.required("field", "procedures-sample.csv");
            String level = r.required("level", "procedures-sample.csv");
            String unit = level.equals("COMMUNE") ? CITY_CODE : departmentFor(field);
            int[] choices = legalDayChoices(field, level);
            int days = choices[(int) (u(code, "legal_days") * choices.length)];
            lines.add(Csv.line(code, r.required("name", "procedures-sample.csv"), field, level, unit,
                    eligible.contains(code), online.get(code), portal.contains(code), ux.contains(code),
                    fee.contains(code), paper.contains(code), simplified.contains(code), days));
        }
        return String.join("\n", lines) + "\n";
    }

    public static void main(String[] args) throws IOException {
        Path raw = Path.of(args.length > 0 ? args[0] : "reference-data/hanoi");
        Path resources = Path.of(args.length > 1 ? args[1] : "ingestion/src/main/resources/reference-data");
        if (!Files.isRegularFile(raw.resolve("hanoi-units-2025.csv"))) {
            System.err.println("no raw reference data in " + raw.toAbsolutePath()
                    + "; run from the repository root or pass the folder as the first argument");
            System.exit(2);
        }
        Map<String, String> files = build(raw);
        Files.createDirectories(resources);
        for (Map.Entry<String, String> e : files.entrySet()) {
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            write(raw.resolve(e.getKey()), bytes);
            write(resources.resolve(e.getKey()), bytes);
            long rows = e.getValue().chars().filter(ch -> ch == '\n').count() - 1;
            System.out.printf("%-15s %5d rows → %s and %s%n", e.getKey(), rows, raw.resolve(e.getKey()),
                    resources.resolve(e.getKey()));
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
