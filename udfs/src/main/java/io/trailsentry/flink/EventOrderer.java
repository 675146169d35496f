package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DeadLetterReason;
import io.trailsentry.cloudtrail.RecentEventIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>Laid out for RocksDB, where every state access is a lookup and a (de)serialisation: each
 * buffered event is its own map entry, written without a read; a principal has one event-time
 * timer, at the earliest buffered time; when it fires, every buffered event the watermark has
 * passed is released at once, as one batch in event-time order, and the de-duplication ids are read
 * and written once per batch. The profiler takes the batch whole.
 *
 * <p>A savepoint of an earlier release (a timer per distinct event time, the count in its own
 * state) restores: its timers drain the buffer the same way, and the first drain of such a
 * principal recounts the buffer and clears the old count.
 */
public class EventOrderer
        extends KeyedProcessFunction<String, CloudTrailEvent, List<CloudTrailEvent>> {
    private static final long serialVersionUID = 2L;

    /** Event time, then (ties) event id and name: the order events are released in. */
    private static final Comparator<CloudTrailEvent> ORDER =
            Comparator.comparingLong((CloudTrailEvent e) -> e.eventTime)
                    .thenComparing(e -> e.eventId)
                    .thenComparing(e -> e.eventName);

    private static final int SEQ_BITS = 20;
    static final int SEQ_MASK = (1 << SEQ_BITS) - 1;

    /** Buffered events a principal's status holds itself before the buffer map is used. */
    static final int INLINE = 4;

    /** Event times a buffer key can hold (until the year 2248); others are released at once. */
    static final long MAX_TIME = (1L << (63 - SEQ_BITS)) - 1;

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
        if (e.eventTime < 0 || e.eventTime > MAX_TIME) {
            release(List.of(e), out); // not a CloudTrail time: nothing to order it against
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
        int inlined = s.inline == null ? 0 : s.inline.length;
        if (inlined == s.buffered && inlined < INLINE) {
            CloudTrailEvent[] more = new CloudTrailEvent[inlined + 1];
            if (inlined > 0) {
                System.arraycopy(s.inline, 0, more, 0, inlined);
            }
            more[inlined] = e; // nothing in the buffer map yet: the event rides in the status
            s.inline = more;
        } else {
            List<CloudTrailEvent> one = new ArrayList<>(1);
            one.add(e);
            buffer.put(entryKey(e.eventTime, s.seq), one); // a write, no read
            s.seq = (s.seq + 1) & SEQ_MASK;
        }
        s.buffered++;
        status.update(s);
    }

    /**
     * A buffer key of this release: one entry per event, {@code eventTime << 20 | seq} with the
     * sign bit set, so always negative, and in RocksDB's byte order (big-endian, unsigned) sorted
     * by time after any key of an earlier release, which keyed its entries by the event time itself
     * (never negative), one list per time: those are read as they are.
     */
    static long entryKey(long eventTime, int seq) {
        return Long.MIN_VALUE | (eventTime << SEQ_BITS) | seq;
    }

    /** The event time of a buffer key of either layout. */
    static long timeOf(long key) {
        return key >= 0 ? key : (key & Long.MAX_VALUE) >>> SEQ_BITS;
    }

    /** Releases every buffered event the watermark has passed, and re-arms at the earliest left. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<List<CloudTrailEvent>> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        OrderingStatus s = status.value();
        List<Map.Entry<Long, List<CloudTrailEvent>>> due = new ArrayList<>();
        int counted = 0;
        long earliest = Long.MAX_VALUE;
        boolean legacy = false;
        // the inline events arrived before any in the map: they lead the batch
        List<CloudTrailEvent> batch = new ArrayList<>();
        List<CloudTrailEvent> inlineLeft = new ArrayList<>(0);
        int inlined = s == null || s.inline == null ? 0 : s.inline.length;
        for (int i = 0; i < inlined; i++) {
            CloudTrailEvent e = s.inline[i];
            if (e.eventTime <= watermark) {
                batch.add(e);
            } else {
                earliest = Math.min(earliest, e.eventTime);
                inlineLeft.add(e);
            }
        }
        // the map holds events only beyond the inline ones (or a status of an earlier release):
        // on RocksDB iterating it is a seek, past the deletes of every earlier drain
        Iterable<Map.Entry<Long, List<CloudTrailEvent>>> spilled =
                s != null && s.buffered == inlined ? List.of() : buffer.entries();
        for (Map.Entry<Long, List<CloudTrailEvent>> entry : spilled) {
            long key = entry.getKey();
            legacy |= key >= 0;
            long time = timeOf(key);
            if (time <= watermark) {
                due.add(Map.entry(key, entry.getValue()));
            } else {
                earliest = Math.min(earliest, time);
                if (s == null) {
                    counted += entry.getValue().size(); // the old count is not trusted
                }
            }
        }
        // arrival order (time, then sequence number) first, so that full ties keep it below
        due.sort(
                Comparator.comparingLong(
                                (Map.Entry<Long, List<CloudTrailEvent>> d) -> timeOf(d.getKey()))
                        .thenComparingLong(d -> d.getKey() >= 0 ? 0 : d.getKey() & SEQ_MASK));
        for (Map.Entry<Long, List<CloudTrailEvent>> d : due) {
            buffer.remove(d.getKey()); // after the iteration: the heap backend then frees it
            batch.addAll(d.getValue());
        }
        if (s == null || legacy) {
            legacyCount.clear(); // a principal restored from an earlier release's savepoint
        }
        if (earliest == Long.MAX_VALUE) {
            status.clear();
        } else {
            if (s == null || s.earliest != earliest) {
                ctx.timerService().registerEventTimeTimer(earliest);
            }
            int left =
                    s == null
                            ? counted
                            : Math.max(Math.max(1, inlineLeft.size()), s.buffered - batch.size());
            OrderingStatus next = new OrderingStatus(left, earliest);
            next.seq = s == null ? 0 : s.seq;
            next.inline = inlineLeft.isEmpty() ? null : inlineLeft.toArray(new CloudTrailEvent[0]);
            status.update(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        batch.sort(ORDER); // stable
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
