package org.civicpulse.reporting.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The TTF files of the report font, DejaVu Sans (regular, bold, oblique), embedded in every PDF.
 *
 * <p>Looked up in a font directory ({@code /usr/share/fonts/truetype/dejavu} by default, Debian's
 * {@code fonts-dejavu-core}); any file missing there comes from the copy bundled in this jar
 * ({@code /fonts/}, with its licence), so the jar renders Vietnamese on any machine.
 *
 * @param regular  DejaVuSans.ttf
 * @param bold     DejaVuSans-Bold.ttf
 * @param italic   DejaVuSans-Oblique.ttf
 * @param origin   where they came from, for logs ("/usr/share/fonts/truetype/dejavu", "classpath:/fonts")
 */
public record ReportFonts(byte[] regular, byte[] bold, byte[] italic, String origin) {

    public static final Path SYSTEM_DIR = Path.of("/usr/share/fonts/truetype/dejavu");
    public static final String REGULAR = "DejaVuSans.ttf";
    public static final String BOLD = "DejaVuSans-Bold.ttf";
    public static final String ITALIC = "DejaVuSans-Oblique.ttf";
    private static final String BUNDLED = "/fonts/";

    public ReportFonts {
        Objects.requireNonNull(regular, "regular");
        Objects.requireNonNull(bold, "bold");
        Objects.requireNonNull(italic, "italic");
    }

    /** From the system directory, else the bundled copies. */
    public static ReportFonts load() {
        return load(SYSTEM_DIR);
    }

    /** From {@code dir} (null: bundled only), each missing file from the bundled copies. */
    public static ReportFonts load(Path dir) {
        StringBuilder origin = new StringBuilder();
        byte[] r = read(dir, REGULAR, origin);
        byte[] b = read(dir, BOLD, origin);
        byte[] i = read(dir, ITALIC, origin);
        return new ReportFonts(r, b, i, origin.toString());
    }

    /** The copies bundled in the jar only. */
    public static ReportFonts bundled() {
        return load(null);
    }

    private static byte[] read(Path dir, String name, StringBuilder origin) {
        String from;
        byte[] bytes;
        try {
            if (dir != null && Files.isReadable(dir.resolve(name))) {
                bytes = Files.readAllBytes(dir.resolve(name));
                from = dir.toString();
            } else {
                try (InputStream in = ReportFonts.class.getResourceAsStream(BUNDLED + name)) {
                    if (in == null) {
                        throw new IllegalStateException("font " + name + " is neither in " + dir
                                + " nor bundled at classpath:" + BUNDLED + name);
                    }
                    bytes = in.readAllBytes();
                }
                from = "classpath:" + BUNDLED;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + name, e);
        }
        if (origin.indexOf(from) < 0) {
            origin.append(origin.length() == 0 ? "" : ", ").append(from);
        }
        return bytes;
    }
}
