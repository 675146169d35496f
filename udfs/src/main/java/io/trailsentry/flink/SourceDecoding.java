package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailDecoder;
import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DecodeSink;
import io.trailsentry.cloudtrail.DecodedRecord;
import io.trailsentry.cloudtrail.DecoderLimits;
import java.io.Serializable;
import org.apache.flink.util.Collector;

/**
 * Decoding inside a source's deserialization schema, so that the source's watermark strategy sees
 * each event's time per split (per Kinesis shard). Never throws on input: unusable input comes out
 * as a {@link DecodedRecord#DEAD_LETTER}, which {@link DecodedRouter} sends to the dead-letter
 * output and counts, as {@link DecodeFunction} does for payloads decoded after the source.
 */
public final class SourceDecoding implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DecoderLimits limits;
    private transient CloudTrailDecoder decoder;
    private transient Emitter emitter;

    public SourceDecoding(DecoderLimits limits) {
        this.limits = limits;
    }

    /** Decodes one record's bytes, which reached the stream at {@code arrivalMillis}. */
    public void decode(
            byte[] data, String origin, long arrivalMillis, Collector<DecodedRecord> out) {
        if (decoder == null) {
            decoder = new CloudTrailDecoder(limits);
            emitter = new Emitter();
        }
        emitter.out = out;
        emitter.arrival = arrivalMillis;
        decoder.decode(data, origin, emitter);
    }

    private static final class Emitter implements DecodeSink {
        Collector<DecodedRecord> out;
        long arrival;

        @Override
        public void event(CloudTrailEvent e) {
            out.collect(DecodedRecord.event(e, arrival));
        }

        @Override
        public void deadLetter(DeadLetter d) {
            out.collect(DecodedRecord.deadLetter(d, arrival));
        }

        @Override
        public void control() {
            out.collect(DecodedRecord.marker(DecodedRecord.CONTROL, arrival));
        }

        @Override
        public void skipped() {
            out.collect(DecodedRecord.marker(DecodedRecord.SKIPPED, arrival));
        }
    }
}
