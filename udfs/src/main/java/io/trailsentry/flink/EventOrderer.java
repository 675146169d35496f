package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DeadLetterReason;
import io.trailsentry.cloudtrail.RecentEventIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Releases each principal's events in event-time order once the watermark passes them, dropping
 * CloudTrail redeliveries, so every decision downstream is the same however delivery shuffled them
 * within the lateness bound. Events behind the watermark are still processed (best effort, out of
 * order) and recorded on the {@link Descriptors#LATE_EVENTS} output with a counter.
 *
 * <p>Laid out for RocksDB, where every state access is a lookup and a (de)serialisation: a
 * principal has one event-time timer, at the earliest buffered time; when it fires, every buffered
 * event the watermark has passed is released at once, as one batch in event-time order, and the
 * de-duplication ids are read and written once per batch. The profiler takes the batch whole.
 *
 * <p>A savepoint of an earlier release (a timer per distinct event time, the count in its own
 * state) restores: its timers drain the buffer the same way, and the first drain of such a
 * principal recounts the buffer and clears the old count.
 */
public class EventOrderer
        extends KeyedProcessFunction<String, CloudTrailEvent, List<CloudTrailEvent>> {
    private static final long serialVersionUID = 2L;
    private static final Comparator<CloudTrailEvent> SAME_TIME_ORDER =
            Comparator.comparing((CloudTrailEvent e) -> e.eventId).thenComparing(e -> e.eventName);

    /** The type of what this function emits: a principal's events in event-time order. */
    public static final TypeInformation<List<CloudTrailEvent>> BATCH =
            Types.LIST(TypeInformation.of(CloudTrailEvent.class));

    private final int dedupCapacity;
    private final int maxBuffered;
    private final Duration idleTtl;

    private transient MapState<Long, List<CloudTrailEvent>> buffer;
    private transient ValueState<OrderingStatus> status;
    private transient ValueState<Integer> legacyCount;
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
        status = getRuntimeContext().getState(Descriptors.orderingStatus());
        legacyCount = getRuntimeContext().getState(Descriptors.bufferedCount());
        recent = getRuntimeContext().getState(Descriptors.recentEventIds(idleTtl));
        var group = getRuntimeContext().getMetricGroup().addGroup("trailsentry");
        duplicates = group.counter("duplicateEvents");
        late = group.counter("lateEvents");
        overflow = group.counter("orderingBufferOverflows");
    }

    @Override
    public void processElement(CloudTrailEvent e, Context ctx, Collector<List<CloudTrailEvent>> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (e.eventTime <= watermark) {
            late.inc();
            ctx.output(Descriptors.LATE_EVENTS, lateRecord(e, watermark));
            release(List.of(e), out);
            return;
        }
        OrderingStatus s = status.value();
        if (s != null && s.buffered >= maxBuffered) {
            // The watermark is not advancing for this key: do not hold an unbounded backlog.
            overflow.inc();
            release(List.of(e), out);
            return;
        }
        if (s == null) {
            s = new OrderingStatus(0, e.eventTime);
            ctx.timerService().registerEventTimeTimer(e.eventTime);
        } else if (e.eventTime < s.earliest) {
            ctx.timerService().deleteEventTimeTimer(s.earliest);
            ctx.timerService().registerEventTimeTimer(e.eventTime);
            s.earliest = e.eventTime;
        }
        List<CloudTrailEvent> at = buffer.get(e.eventTime);
        if (at == null) {
            at = new ArrayList<>(2);
        }
        at.add(e);
        buffer.put(e.eventTime, at);
        s.buffered++;
        status.update(s);
    }

    /** Releases every buffered event the watermark has passed, and re-arms at the earliest left. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<List<CloudTrailEvent>> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        OrderingStatus s = status.value();
        List<Map.Entry<Long, List<CloudTrailEvent>>> due = new ArrayList<>();
        int drained = 0;
        int counted = 0;
        long earliest = Long.MAX_VALUE;
        Iterator<Map.Entry<Long, List<CloudTrailEvent>>> it = buffer.iterator();
        while (it.hasNext()) {
            Map.Entry<Long, List<CloudTrailEvent>> entry = it.next();
            long time = entry.getKey();
            if (time <= watermark) {
                List<CloudTrailEvent> at = entry.getValue();
                due.add(Map.entry(time, at));
                drained += at.size();
            } else {
                earliest = Math.min(earliest, time);
                if (s == null) {
                    counted += entry.getValue().size(); // the old count is not trusted
                }
            }
        }
        for (Map.Entry<Long, List<CloudTrailEvent>> entry : due) {
            buffer.remove(entry.getKey()); // after the iteration: the heap backend then frees it
        }
        if (s == null) {
            legacyCount.clear(); // a principal restored from an earlier release's savepoint
        }
        if (earliest == Long.MAX_VALUE) {
            status.clear();
        } else {
            if (s == null || s.earliest != earliest) {
                ctx.timerService().registerEventTimeTimer(earliest);
            }
            int left = s == null ? counted : Math.max(1, s.buffered - drained);
            status.update(new OrderingStatus(left, earliest));
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(Map.Entry.comparingByKey());
        List<CloudTrailEvent> batch = new ArrayList<>();
        for (Map.Entry<Long, List<CloudTrailEvent>> entry : due) {
            List<CloudTrailEvent> at = entry.getValue();
            at.sort(SAME_TIME_ORDER);
            batch.addAll(at);
        }
        release(batch, out);
    }

    /** De-duplicates a batch against the principal's recent ids: one read, one write. */
    private void release(List<CloudTrailEvent> events, Collector<List<CloudTrailEvent>> out)
            throws Exception {
        RecentEventIds ids = recent.value();
        if (ids == null) {
            ids = new RecentEventIds();
        }
        List<CloudTrailEvent> fresh = new ArrayList<>(events.size());
        for (CloudTrailEvent e : events) {
            if (ids.seenBefore(e.eventId, dedupCapacity)) {
                duplicates.inc();
            } else {
                fresh.add(e);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        recent.update(ids);
        out.collect(fresh);
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
