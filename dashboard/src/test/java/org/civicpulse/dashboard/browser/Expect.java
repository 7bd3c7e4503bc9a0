package org.civicpulse.dashboard.browser;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What the UI should write for an API value, worked out independently of the app's own formatter. */
final class Expect {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Map<String, String> STATUS_VI = Map.of("MET", "Đạt", "ON_TRACK", "Đúng tiến độ", "AT_RISK",
            "Có nguy cơ không đạt", "MISSED", "Không đạt", "NO_DATA", "Chưa có dữ liệu", "NO_TARGET", "Không có mục tiêu");
    static final Map<String, String> STATUS_EN = Map.of("MET", "Met", "ON_TRACK", "On track", "AT_RISK", "At risk",
            "MISSED", "Missed", "NO_DATA", "No data", "NO_TARGET", "No target");

    private Expect() {
    }

    /** {@code 1.234,56} (vi) or {@code 1,234.56} (en), two decimals. */
    static String twoDecimals(BigDecimal v, boolean english) {
        DecimalFormatSymbols s = new DecimalFormatSymbols(Locale.ROOT);
        s.setDecimalSeparator(english ? '.' : ',');
        s.setGroupingSeparator(english ? ',' : '.');
        DecimalFormat f = new DecimalFormat("#,##0.00", s);
        return f.format(v.setScale(2, RoundingMode.HALF_UP));
    }

    /** The tile's big number for an API row. */
    static String value(JsonNode row, boolean english) {
        if (row.path("value").isNull()) {
            return "—";
        }
        String v = twoDecimals(row.path("value").decimalValue(), english);
        return "PERCENT".equals(row.path("measure").asText()) ? v + "%" : v;
    }

    static String time(String instant) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").format(Instant.parse(instant).atZone(HANOI));
    }

    static boolean same(String uiPlain, JsonNode api) {
        if (api == null || api.isNull() || api.isMissingNode()) {
            return uiPlain == null || uiPlain.isEmpty();
        }
        return uiPlain != null && !uiPlain.isEmpty() && new BigDecimal(uiPlain).compareTo(api.decimalValue()) == 0;
    }
}
