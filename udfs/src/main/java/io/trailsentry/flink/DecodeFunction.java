package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailDecoder;
import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DeadLetterReason;
import io.trailsentry.cloudtrail.DecodeSink;
import io.trailsentry.cloudtrail.DecoderLimits;
import io.trailsentry.cloudtrail.PrincipalResolver;
import io.trailsentry.cloudtrail.RawPayload;
import io.trailsentry.principal.Principal;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes raw payloads into events with their principal. Bad input goes to the {@link
 * Descriptors#DEAD_LETTERS} side output and its reason's counter; AWS service activity is counted
 * and dropped. Never throws on input.
 */
public class DecodeFunction extends ProcessFunction<RawPayload, CloudTrailEvent> {
    private static final long serialVersionUID = 1L;

    /** Accumulator totals a local run prints in its summary. */
    public static final String EVENTS_ACCUMULATOR = "events-decoded";

    public static final String DEAD_LETTERS_ACCUMULATOR = "dead-letters";

    private final DecoderLimits limits;
    private final long progressIntervalMs;

    private transient CloudTrailDecoder decoder;
    private transient Forwarder forwarder;
    private transient ProgressReport progress;

    /**
     * @param progressIntervalMs how often to report progress on stderr (local runs), 0 for never
     */
    public DecodeFunction(DecoderLimits limits, long progressIntervalMs) {
        this.limits = limits;
        this.progressIntervalMs = progressIntervalMs;
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = new CloudTrailDecoder(limits);
        forwarder = new Forwarder(getRuntimeContext().getMetricGroup().addGroup("trailsentry"));
        getRuntimeContext().addAccumulator(EVENTS_ACCUMULATOR, forwarder.eventTotal);
        getRuntimeContext().addAccumulator(DEAD_LETTERS_ACCUMULATOR, forwarder.deadTotal);
        progress =
                progressIntervalMs > 0
                        ? new ProgressReport(
                                "decoder "
                                        + (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()
                                                + 1),
                                progressIntervalMs)
                        : null;
    }

    @Override
    public void processElement(RawPayload in, Context ctx, Collector<CloudTrailEvent> out) {
        forwarder.ctx = ctx;
        forwarder.out = out;
        long before = forwarder.eventTotal.getLocalValue();
        decoder.decode(in.data, in.origin, forwarder);
        if (progress != null) {
            progress.payloadDone(forwarder.eventTotal.getLocalValue() - before);
        }
    }

    @Override
    public void close() throws Exception {
        if (progress != null) {
            progress.finish();
        }
        super.close();
    }

    /** Routes decoder output to the collector, the side output and the counters. */
    static final class Forwarder implements DecodeSink {
        final Counter events;
        final Counter serviceEvents;
        final Counter controlMessages;
        final Counter skippedRecords;
        final Counter deadLetters;
        final Map<DeadLetterReason, Counter> byReason = new EnumMap<>(DeadLetterReason.class);
        final LongCounter eventTotal = new LongCounter();
        final LongCounter deadTotal = new LongCounter();
        ProcessFunction<?, CloudTrailEvent>.Context ctx;
        Collector<CloudTrailEvent> out;

        Forwarder(MetricGroup group) {
            events = group.counter("eventsDecoded");
            serviceEvents = group.counter("serviceEventsNotProfiled");
            controlMessages = group.counter("controlMessages");
            skippedRecords = group.counter("recordsSkipped");
            deadLetters = group.counter("deadLetters");
            for (DeadLetterReason r : DeadLetterReason.values()) {
                byReason.put(r, group.addGroup("reason", r.name()).counter("deadLetters"));
            }
        }

        @Override
        public void event(CloudTrailEvent e) {
            Principal p = PrincipalResolver.resolve(e);
            if (p == null) {
                serviceEvents.inc();
                return;
            }
            e.principal = p;
            events.inc();
            eventTotal.add(1);
            out.collect(e);
        }

        @Override
        public void deadLetter(DeadLetter d) {
            deadLetters.inc();
            deadTotal.add(1);
            byReason.get(DeadLetterReason.valueOf(d.reason)).inc();
            ctx.output(Descriptors.DEAD_LETTERS, d);
        }

        @Override
        public void control() {
            controlMessages.inc();
        }

        @Override
        public void skipped() {
            skippedRecords.inc();
        }
    }
}
