package io.trailsentry.cloudtrail;

/**
 * One unit of input before decoding: a Kinesis record's data or a whole CloudTrail log file. The
 * decoder finds out which envelope it is.
 */
public class RawPayload {
    /** Where it came from: a file path or {@code kinesis:<stream>/<shard>/<sequence>}. */
    public String origin;

    public byte[] data;

    public RawPayload() {}

    public RawPayload(String origin, byte[] data) {
        this.origin = origin;
        this.data = data;
    }
}
