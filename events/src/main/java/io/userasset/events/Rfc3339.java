package io.userasset.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A strict, allocation-light parser for RFC 3339 timestamps ({@code 2026-11-20T10:00:00Z},
 * {@code 2026-11-20T11:00:00.250+01:00}): seconds required, 0–9 fraction digits, a time-zone
 * offset required ({@code Z} or {@code ±hh:mm}); {@code T}/{@code Z} may be lower case (RFC 3339 §5.6).
 * Leap seconds (:60) are not accepted. {@code java.time} formatters would cost microseconds per event.
 */
final class Rfc3339 {

    private Rfc3339() {}

    /** The instant, or null when s is not such a timestamp. */
    static Instant parseInstant(String s) {
        int n = s.length();
        if (n < 20 || n > 64) return null;
        int year = digits(s, 0, 4);
        if (year < 0 || s.charAt(4) != '-') return null;
        int month = digits(s, 5, 2);
        if (month < 1 || month > 12 || s.charAt(7) != '-') return null;
        int day = digits(s, 8, 2);
        if (day < 1 || day > daysInMonth(year, month)) return null;
        char t = s.charAt(10);
        if (t != 'T' && t != 't') return null;
        int hour = digits(s, 11, 2);
        if (hour < 0 || hour > 23 || s.charAt(13) != ':') return null;
        int minute = digits(s, 14, 2);
        if (minute < 0 || minute > 59 || s.charAt(16) != ':') return null;
        int second = digits(s, 17, 2);
        if (second < 0 || second > 59) return null;
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 9) nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0) return null;
            for (int k = count; k < 9; k++) nanos *= 10;
        }
        if (i >= n) return null;
        char z = s.charAt(i);
        int offsetSeconds;
        if (z == 'Z' || z == 'z') {
            if (i + 1 != n) return null;
            offsetSeconds = 0;
        } else if (z == '+' || z == '-') {
            if (i + 6 != n) return null;
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 23 || s.charAt(i + 3) != ':' || om < 0 || om > 59) return null;
            offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The date of a YYYY-MM-DD string, or null. */
    static LocalDate parseDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return null;
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        if (year < 0 || month < 1 || month > 12) return null;
        int day = digits(s, 8, 2);
        if (day < 1 || day > daysInMonth(year, month)) return null;
        return LocalDate.of(year, month, day);
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) return -1;
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
