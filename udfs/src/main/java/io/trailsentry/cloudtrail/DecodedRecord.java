package io.trailsentry.cloudtrail;

/**
 * One thing {@link CloudTrailDecoder} made of a payload, as a source emits it when it decodes
 * inside its deserialization schema (Kinesis): an event, a dead letter, or a marker that a control
 * message or a non-activity record was dropped. The source's watermarks then see each event's time
 * per shard. POJO (public fields, public no-arg constructor) so it never falls back to Kryo.
 */
public class DecodedRecord {
    public static final int EVENT = 0;
    public static final int DEAD_LETTER = 1;
    public static final int CONTROL = 2;
    public static final int SKIPPED = 3;

    /** One of {@link #EVENT}, {@link #DEAD_LETTER}, {@link #CONTROL}, {@link #SKIPPED}. */
    public int kind;

    /** Set for {@link #EVENT}. */
    public CloudTrailEvent event;

    /** Set for {@link #DEAD_LETTER}. */
    public DeadLetter deadLetter;

    /** When the record reached the stream (Kinesis approximate arrival), epoch millis. */
    public long arrivalMillis;

    public DecodedRecord() {}

    private DecodedRecord(int kind, CloudTrailEvent event, DeadLetter d, long arrivalMillis) {
        this.kind = kind;
        this.event = event;
        this.deadLetter = d;
        this.arrivalMillis = arrivalMillis;
    }

    public static DecodedRecord event(CloudTrailEvent e, long arrivalMillis) {
        return new DecodedRecord(EVENT, e, null, arrivalMillis);
    }

    public static DecodedRecord deadLetter(DeadLetter d, long arrivalMillis) {
        return new DecodedRecord(DEAD_LETTER, null, d, arrivalMillis);
    }

    public static DecodedRecord marker(int kind, long arrivalMillis) {
        return new DecodedRecord(kind, null, null, arrivalMillis);
    }

    public boolean isEvent() {
        return kind == EVENT;
    }
}
