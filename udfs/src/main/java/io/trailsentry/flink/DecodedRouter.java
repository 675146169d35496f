package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DecodedRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The second half of {@link DecodeFunction} for a source that decodes in its deserialization schema
 * ({@link SourceDecoding}): resolves each event's principal, sends dead letters to the {@link
 * Descriptors#DEAD_LETTERS} output, and keeps the same counters and accumulators. Never throws on
 * input.
 */
public class DecodedRouter extends ProcessFunction<DecodedRecord, CloudTrailEvent> {
    private static final long serialVersionUID = 1L;

    private transient DecodeFunction.Forwarder forwarder;

    @Override
    public void open(OpenContext openContext) {
        forwarder =
                new DecodeFunction.Forwarder(
                        getRuntimeContext().getMetricGroup().addGroup("trailsentry"));
        getRuntimeContext().addAccumulator(DecodeFunction.EVENTS_ACCUMULATOR, forwarder.eventTotal);
        getRuntimeContext()
                .addAccumulator(DecodeFunction.DEAD_LETTERS_ACCUMULATOR, forwarder.deadTotal);
    }

    @Override
    public void processElement(DecodedRecord in, Context ctx, Collector<CloudTrailEvent> out) {
        forwarder.ctx = ctx;
        forwarder.out = out;
        switch (in.kind) {
            case DecodedRecord.EVENT:
                forwarder.event(in.event);
                break;
            case DecodedRecord.DEAD_LETTER:
                forwarder.deadLetter(in.deadLetter);
                break;
            case DecodedRecord.CONTROL:
                forwarder.control();
                break;
            default:
                forwarder.skipped();
                break;
        }
    }
}
