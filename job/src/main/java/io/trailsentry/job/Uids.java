package io.trailsentry.job;

/**
 * Stable operator uids, in one place. A savepoint maps state to operators by these strings:
 * renaming one orphans its state, so they never change once released.
 */
public final class Uids {
    public static final String FILE_SOURCE = "cloudtrail-file-source";
    public static final String KINESIS_SOURCE = "cloudtrail-kinesis-source";
    public static final String DECODE = "decode-cloudtrail";
    public static final String WATERMARKS = "event-time-watermarks";
    public static final String DEDUP = "dedup-event-id";
    public static final String SIGNALS = "principal-signals";
    public static final String INCIDENTS = "incident-correlator";
    public static final String FINDINGS_KINESIS_SINK = "findings-kinesis-sink";
    public static final String DEAD_LETTERS_KINESIS_SINK = "dead-letters-kinesis-sink";
    public static final String FINDINGS_PRINT_SINK = "findings-print-sink";
    public static final String DEAD_LETTERS_PRINT_SINK = "dead-letters-print-sink";

    private Uids() {}
}
