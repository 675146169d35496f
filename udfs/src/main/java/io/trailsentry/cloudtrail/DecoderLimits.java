package io.trailsentry.cloudtrail;

import java.io.Serializable;

/** Size bounds the decoder enforces; anything beyond them is dead-lettered, never processed. */
public class DecoderLimits implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Largest input accepted, compressed or not (a CloudTrail log file rarely exceeds 50 MiB). */
    public int maxPayloadBytes = 128 * 1024 * 1024;

    /** Largest input after gunzip: guards against decompression bombs. */
    public int maxInflatedBytes = 256 * 1024 * 1024;

    /** Largest single record (CloudTrail caps a record at 256 KiB). */
    public int maxRecordBytes = 256 * 1024;

    /** Deepest JSON nesting accepted. */
    public int maxNestingDepth = 64;

    /** Most records taken from one payload. */
    public int maxRecordsPerPayload = 1_000_000;

    public static DecoderLimits defaults() {
        return new DecoderLimits();
    }
}
