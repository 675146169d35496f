package io.trailsentry.testdata.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Escaping for the report: every value from a finding is attacker-influenced text and goes through
 * {@link #text} (element content and quoted attribute values alike), bounded.
 */
final class Html {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Html() {}

    /**
     * {@code s} at most {@code max} characters, with {@code & < > " '} as entities and control
     * characters as '?': safe as element text and inside a double- or single-quoted attribute.
     */
    static String text(String s, int max) {
        if (s == null) {
            return "";
        }
        boolean cut = s.length() > max;
        String v = cut ? s.substring(0, Math.max(0, max - 1)) : s;
        StringBuilder sb = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                case '\'':
                    sb.append("&#39;");
                    break;
                default:
                    sb.append(
                            Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
            }
        }
        return cut ? sb.append('\u2026').toString() : sb.toString();
    }

    static String text(String s) {
        return text(s, 300);
    }

    static String time(long millis) {
        return millis <= 0 ? "" : TIME.format(Instant.ofEpochMilli(millis));
    }

    static String clock(long millis) {
        return CLOCK.format(Instant.ofEpochMilli(millis));
    }

    /** A CSS class name from a fixed vocabulary, never from input: letters and '-' only. */
    static String cssClass(String s) {
        return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z-]", "");
    }
}
