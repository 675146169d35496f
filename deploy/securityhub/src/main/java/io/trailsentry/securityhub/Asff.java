package io.trailsentry.securityhub;

/**
 * The limits of the AWS Security Finding Format and of {@code BatchImportFindings} this forwarder
 * keeps (Security Hub API reference, AwsSecurityFinding and BatchImportFindings), and bounding of
 * text to them.
 */
final class Asff {
    static final String SCHEMA_VERSION = "2018-10-08";

    /** BatchImportFindings: findings per call, bytes per finding, bytes per call. */
    static final int MAX_FINDINGS_PER_CALL = 100;

    static final int MAX_FINDING_BYTES = 240 * 1024;
    static final int MAX_CALL_BYTES = 6 * 1024 * 1024;

    static final int MAX_ID = 512;
    static final int MAX_GENERATOR_ID = 512;
    static final int MAX_TITLE = 256;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_RECOMMENDATION = 512;
    static final int MAX_TYPES = 50;
    static final int MAX_RESOURCES = 32;
    static final int MAX_RESOURCE_ID = 512;
    static final int MAX_PRODUCT_FIELDS = 50;
    static final int MAX_FIELD_KEY = 128;
    static final int MAX_FIELD_VALUE = 2048;

    /** Tighter than ASFF allows for one resource detail value, so a finding stays small. */
    static final int MAX_DETAIL_VALUE = 256;

    private Asff() {}

    /**
     * {@code s} printable (control characters become '?') and at most {@code max} characters, an
     * ellipsis marking a cut; {@code fallback} when {@code s} is blank, as ASFF requires non-blank
     * text.
     */
    static String text(String s, int max, String fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (s.length() > max) {
            sb.setLength(max - 1);
            if (Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
                sb.setLength(sb.length() - 1);
            }
            sb.append('\u2026');
        }
        return sb.toString();
    }
}
