package org.civicpulse.dashboard.export;

import org.civicpulse.dashboard.security.AuditFilter;
import org.civicpulse.dashboard.security.CivicUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exports and refusals of the UI, on the audit logger the API uses ({@value AuditFilter#AUDIT_LOGGER}). */
public final class ExportAudit {

    private static final Logger audit = LoggerFactory.getLogger(AuditFilter.AUDIT_LOGGER);

    private ExportAudit() {
    }

    /** {@code user=… roles=[…] UI EXPORT <what> params=… rows=n}. */
    public static void export(CivicUser user, String what, String params, int rows) {
        audit.info("user={} roles={} UI EXPORT {} params={} rows={}", user.username(), user.roles().stream().sorted().toList(),
                clean(what), clean(params), rows);
    }

    /** A view refused (unit outside the scope, bad parameter). */
    public static void refused(CivicUser user, String view, String params, int status, String reason) {
        audit.info("user={} roles={} UI VIEW {} params={} status={} reason=\"{}\"", user == null ? "-" : user.username(),
                user == null ? "-" : user.roles().stream().sorted().toList(), clean(view), clean(params), status, clean(reason));
    }

    private static String clean(String s) {
        if (s == null) {
            return "-";
        }
        String t = s.length() > 300 ? s.substring(0, 300) + "…" : s;
        return t.replaceAll("\\p{Cntrl}", "?").replace("\"", "'");
    }
}
