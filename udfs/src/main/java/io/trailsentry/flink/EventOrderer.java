package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DeadLetterReason;
import io.trailsentry.cloudtrail.RecentEventIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Releases each principal's events in event-time order once the watermark passes them, dropping
 * CloudTrail redeliveries, so every decision downstream is the same however delivery shuffled them
 * within the lateness bound. Events behind the watermark are still processed (best effort, out of
 * order) and recorded on the {@link Descriptors#LATE_EVENTS} output with a counter.
 */
public class EventOrderer extends KeyedProcessFunction<String, CloudTrailEvent, CloudTrailEvent> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<CloudTrailEvent> SAME_TIME_ORDER =
            Comparator.comparing((CloudTrailEvent e) -> e.eventId).thenComparing(e -> e.eventName);

    private final int dedupCapacity;
    private final int maxBuffered;
    private final Duration idleTtl;

    private transient MapState<Long, List<CloudTrailEvent>> buffer;
    private transient ValueState<Integer> buffered;
    private transient ValueState<RecentEventIds> recent;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter overflow;

    public EventOrderer(int dedupCapacity, int maxBuffered, Duration idleTtl) {
        this.dedupCapacity = dedupCapacity;
        this.maxBuffered = maxBuffered;
        this.idleTtl = idleTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        buffer = getRuntimeContext().getMapState(Descriptors.orderingBuffer());
        buffered = getRuntimeContext().getState(Descriptors.bufferedCount());
        recent = getRuntimeContext().getState(Descriptors.recentEventIds(idleTtl));
        var group = getRuntimeContext().getMetricGroup().addGroup("trailsentry");
        duplicates = group.counter("duplicateEvents");
        late = group.counter("lateEvents");
        overflow = group.counter("orderingBufferOverflows");
    }

    @Override
    public void processElement(CloudTrailEvent e, Context ctx, Collector<CloudTrailEvent> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (e.eventTime <= watermark) {
            late.inc();
            ctx.output(Descriptors.LATE_EVENTS, lateRecord(e, watermark));
            release(e, out);
            return;
        }
        int n = bufferedCount();
        if (n >= maxBuffered) {
            // The watermark is not advancing for this key: do not hold an unbounded backlog.
            overflow.inc();
            release(e, out);
            return;
        }
        List<CloudTrailEvent> at = buffer.get(e.eventTime);
        if (at == null) {
            at = new ArrayList<>(2);
            ctx.timerService().registerEventTimeTimer(e.eventTime);
        }
        at.add(e);
        buffer.put(e.eventTime, at);
        buffered.update(n + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CloudTrailEvent> out)
            throws Exception {
        List<CloudTrailEvent> at = buffer.get(timestamp);
        if (at == null) {
            return;
        }
        buffer.remove(timestamp);
        int n = bufferedCount() - at.size();
        if (n <= 0) {
            buffered.clear();
        } else {
            buffered.update(n);
        }
        at.sort(SAME_TIME_ORDER);
        for (CloudTrailEvent e : at) {
            release(e, out);
        }
    }

    /** One state read (a RocksDB get and deserialisation), not two. */
    private int bufferedCount() throws Exception {
        Integer n = buffered.value();
        return n == null ? 0 : n;
    }

    private void release(CloudTrailEvent e, Collector<CloudTrailEvent> out) throws Exception {
        RecentEventIds ids = recent.value();
        if (ids == null) {
            ids = new RecentEventIds();
        }
        if (ids.seenBefore(e.eventId, dedupCapacity)) {
            duplicates.inc();
            return;
        }
        recent.update(ids);
        out.collect(e);
    }

    private static DeadLetter lateRecord(CloudTrailEvent e, long watermark) {
        return new DeadLetter(
                DeadLetterReason.LATE_EVENT,
                "event time "
                        + e.eventTime
                        + " is "
                        + (watermark - e.eventTime)
                        + " ms behind the watermark; processed out of order",
                e.origin,
                e.eventName + " " + e.eventId + " by " + e.principalKey(),
                System.currentTimeMillis());
    }
}
