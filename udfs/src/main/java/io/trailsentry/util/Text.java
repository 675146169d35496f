package io.trailsentry.util;

import java.nio.charset.StandardCharsets;

/** Bounding and sanitising of attacker-controlled text before it reaches findings or logs. */
public final class Text {
    private Text() {}

    /** {@code s} cut to at most {@code max} characters, with a marker when cut; null stays null. */
    public static String cap(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, Math.max(0, max - 1)) + "\u2026";
    }

    /**
     * {@code s} without control characters (each becomes '?'; they could forge lines or terminal
     * sequences in logs and consoles), cut to {@code max} characters. Null stays null.
     */
    public static String printable(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (sb == null) {
                    sb = new StringBuilder(s.length());
                    sb.append(s, 0, i);
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return cap(sb == null ? s : sb.toString(), max);
    }

    /** The first {@code max} bytes as printable ASCII (anything else becomes '.'). */
    public static String excerpt(byte[] data, int max) {
        if (data == null) {
            return "";
        }
        int n = Math.min(data.length, max);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            byte b = data[i];
            out[i] = (b >= 0x20 && b < 0x7f) ? b : (byte) '.';
        }
        String s = new String(out, StandardCharsets.US_ASCII);
        return data.length > max ? s + "..." : s;
    }

    /** A string's excerpt, as {@link #excerpt(byte[], int)}. */
    public static String excerpt(String s, int max) {
        return s == null ? "" : excerpt(s.getBytes(StandardCharsets.UTF_8), max);
    }
}
