package org.civicpulse.reporting.report;

import java.time.Instant;

/**
 * One archived report file and its metadata (a row of {@code report_archive}).
 *
 * @param id          unique id (UUID)
 * @param regime      regime id
 * @param unit        unit code
 * @param unitName    unit name at generation
 * @param period      period code
 * @param version     1, 2, … per (regime, unit, period)
 * @param format      PDF or XLSX
 * @param docNumber   administrative number ("3/BC-STP")
 * @param generatedAt when
 * @param generatedBy the user of a manual run, "scheduler" for a scheduled one
 * @param trigger     SCHEDULE or MANUAL
 * @param sha256      hex SHA-256 of the file
 * @param size        bytes
 * @param path        relative to the archive directory
 */
public record ArchivedFile(String id, String regime, String unit, String unitName, String period, int version,
                           Format format, String docNumber, Instant generatedAt, String generatedBy, Trigger trigger,
                           String sha256, long size, String path) {

    public enum Format {
        PDF("application/pdf", "pdf"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }
    }

    public enum Trigger {
        SCHEDULE,
        MANUAL
    }

    public ReportKey key() {
        return new ReportKey(regime, unit, period);
    }

    /** The file's own name (last path element). */
    public String fileName() {
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }
}
