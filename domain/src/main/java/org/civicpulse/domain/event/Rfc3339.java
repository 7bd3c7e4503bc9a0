package org.civicpulse.domain.event;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Allocation-light RFC 3339 parsing and printing (no regex, no DateTimeFormatter on the hot path).
 *
 * <p>Accepted: {@code YYYY-MM-DD(T|t| )hh:mm[:ss[.f{1,9}]](Z|z|±hh:mm[:ss])}. Seconds may be omitted
 * because Java's {@code OffsetDateTime.toString()} omits zero seconds; an offset with seconds is
 * accepted so that every Java offset round-trips. Printed: {@code YYYY-MM-DDThh:mm:ss[.fff[fff[fff]]](Z|±hh:mm)}.
 */
final class Rfc3339 {

    private Rfc3339() {
    }

    /** The parsed date-time, or null if {@code s} does not have the shape above. */
    static OffsetDateTime parseDateTime(String s) throws DateTimeException {
        int n = s.length();
        if (n < 17) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        char t = s.charAt(10);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0
                || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':'
                || (t != 'T' && t != 't' && t != ' ')) {
            return null;
        }
        int p = 16;
        int second = 0;
        int nano = 0;
        if (s.charAt(p) == ':') {
            second = p + 3 <= n ? digits(s, p + 1, 2) : -1;
            if (second < 0) {
                return null;
            }
            p += 3;
            if (p < n && s.charAt(p) == '.') {
                int start = ++p;
                while (p < n && isDigit(s.charAt(p))) {
                    if (p - start == 9) {
                        return null;
                    }
                    nano = nano * 10 + (s.charAt(p) - '0');
                    p++;
                }
                int k = p - start;
                if (k == 0) {
                    return null;
                }
                for (; k < 9; k++) {
                    nano *= 10;
                }
            }
        }
        if (p >= n) {
            return null;
        }
        ZoneOffset offset;
        char c = s.charAt(p);
        if (c == 'Z' || c == 'z') {
            if (p + 1 != n) {
                return null;
            }
            offset = ZoneOffset.UTC;
        } else if (c == '+' || c == '-') {
            int rest = n - p;
            if (rest != 6 && rest != 9) {
                return null;
            }
            int oh = digits(s, p + 1, 2);
            int om = digits(s, p + 4, 2);
            int os = rest == 9 ? digits(s, p + 7, 2) : 0;
            if (oh < 0 || om < 0 || os < 0 || s.charAt(p + 3) != ':' || (rest == 9 && s.charAt(p + 6) != ':')) {
                return null;
            }
            if (om > 59 || os > 59) {
                throw new DateTimeException("offset minutes/seconds out of range");
            }
            int total = oh * 3600 + om * 60 + os;
            offset = ZoneOffset.ofTotalSeconds(c == '-' ? -total : total); // throws beyond ±18:00
        } else {
            return null;
        }
        return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    }

    /** True if {@code s} is a valid ISO local date-time (no offset): the TIME_WITHOUT_OFFSET case. */
    static boolean isLocalDateTime(String s) {
        if (s.length() < 16) {
            return false;
        }
        String iso = s.charAt(10) == ' ' || s.charAt(10) == 't' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            LocalDateTime.parse(iso);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The parsed {@code YYYY-MM-DD} date, or null if {@code s} does not have that shape. */
    static LocalDate parseDate(String s) throws DateTimeException {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    static String format(OffsetDateTime t) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return t.toString(); // not representable in RFC 3339; never produced by the parser
        }
        StringBuilder sb = new StringBuilder(35);
        pad(sb, year, 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2);
        int nano = t.getNano();
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                pad(sb, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                pad(sb, nano / 1_000, 6);
            } else {
                pad(sb, nano, 9);
            }
        }
        int total = t.getOffset().getTotalSeconds();
        if (total == 0) {
            sb.append('Z');
        } else {
            sb.append(total < 0 ? '-' : '+');
            int abs = Math.abs(total);
            pad(sb, abs / 3600, 2).append(':');
            pad(sb, abs / 60 % 60, 2);
            if (abs % 60 != 0) {
                sb.append(':');
                pad(sb, abs % 60, 2);
            }
        }
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        int bound = 1;
        for (int i = 1; i < width; i++) {
            bound *= 10;
        }
        for (int x = bound; x > 1 && v < x; x /= 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The non-negative number in {@code s[from, from+len)}, or -1 if out of bounds or not all digits. */
    private static int digits(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
