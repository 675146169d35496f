package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DeadLetterReason;
import io.trailsentry.cloudtrail.RecentEventIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.CheckpointType;
import org.apache.flink.runtime.state.AbstractKeyedStateBackend;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Releases each principal's events in event-time order once the watermark passes them, dropping
 * CloudTrail redeliveries, so every decision downstream is the same however delivery shuffled them
 * within the lateness bound. Events behind the watermark are still processed (best effort, out of
 * order) and recorded on the {@link Descriptors#LATE_EVENTS} output with a counter.
 *
 * <p>Events in flight wait in operator memory ({@link WaitingRoom}, up to {@code memoryBudget} per
 * parallel instance), not in keyed state: on RocksDB every keyed write of an event, the seek past
 * the deletes of earlier drains and the timer per principal cost more than all the detection
 * downstream. At each watermark the principals whose earliest waiting event it passed are released,
 * in the order of those times (a queue of them, as a timer service would fire), each principal's
 * due events as one batch in event-time order; the de-duplication ids are read and written once per
 * batch. At a checkpoint the waiting events are written as raw keyed state, one part per key group,
 * so a rescale hands each principal's events to its new owner.
 *
 * <p>Beyond the budget (a large organisation, or a wide lateness bound), events wait in keyed state
 * as the previous release kept them: each its own map entry written without a read, the first few
 * in the principal's status, one event-time timer per principal at its earliest. Savepoints of
 * earlier releases restore into that same path. When such a timer fires, the principal's events in
 * memory that the watermark passed join its batch, and timers fire before the memory is released at
 * a watermark, so a principal's due events always leave as one batch in order.
 */
public class EventOrderer extends AbstractStreamOperator<List<CloudTrailEvent>>
        implements OneInputStreamOperator<CloudTrailEvent, List<CloudTrailEvent>>,
                Triggerable<String, VoidNamespace> {
    private static final long serialVersionUID = 3L;

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

    /** The layout of this operator's raw keyed state (a key group's waiting events). */
    private static final int RAW_FORMAT = 1;

    /** The type of what this operator emits: a principal's events in event-time order. */
    public static final TypeInformation<List<CloudTrailEvent>> BATCH =
            Types.LIST(TypeInformation.of(CloudTrailEvent.class));

    private final int dedupCapacity;
    private final int maxBuffered;
    private final Duration idleTtl;
    private final int memoryBudget;

    private transient MapState<Long, List<CloudTrailEvent>> buffer;
    private transient ValueState<OrderingStatus> status;
    private transient ValueState<Integer> legacyCount;
    private transient ValueState<RecentEventIds> recent;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter overflow;
    private transient Counter spilled;

    /** Events waiting in memory, by principal. */
    private transient WaitingRoom<String, CloudTrailEvent> waiting;

    /** The principals in memory by their earliest waiting time (stale entries are skipped). */
    private transient PriorityQueue<Due> due;

    private transient TypeSerializer<CloudTrailEvent> eventSerializer;

    /**
     * @param dedupCapacity event ids a principal remembers to drop redeliveries
     * @param maxBuffered events one principal may hold waiting (the safety valve)
     * @param idleTtl how long a quiet principal's de-duplication ids are kept
     * @param memoryBudget events one parallel instance holds in memory; beyond, in keyed state
     */
    public EventOrderer(int dedupCapacity, int maxBuffered, Duration idleTtl, int memoryBudget) {
        if (memoryBudget < 0) {
            throw new IllegalArgumentException("memoryBudget must be 0 or more: " + memoryBudget);
        }
        this.dedupCapacity = dedupCapacity;
        this.maxBuffered = maxBuffered;
        this.idleTtl = idleTtl;
        this.memoryBudget = memoryBudget;
        this.chainingStrategy = ChainingStrategy.ALWAYS;
    }

    @Override
    protected boolean isUsingCustomRawKeyedState() {
        return true; // the waiting events, by key group
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        if (getKeyedStateBackend() instanceof AbstractKeyedStateBackend
                && ((AbstractKeyedStateBackend<?>) getKeyedStateBackend())
                        .requiresLegacySynchronousTimerSnapshots(CheckpointType.CHECKPOINT)) {
            // Flink would fail every checkpoint: refuse at the start, with the fix
            throw new IllegalStateException(
                    "state.backend.rocksdb.timer-service.factory is HEAP: RocksDB with heap timers"
                            + " writes the timers into raw keyed state at every checkpoint, where"
                            + " the orderer keeps its waiting events. Set it to ROCKSDB (Flink's"
                            + " default, and Managed Flink's).");
        }
        waiting = new WaitingRoom<>(e -> e.eventTime, Math.max(1, maxBuffered));
        due = new PriorityQueue<>();
        eventSerializer =
                TypeInformation.of(CloudTrailEvent.class)
                        .createSerializer(getExecutionConfig().getSerializerConfig());
        // the keyed state and timers before the raw state is read: what a restore brings beyond
        // the memory budget (a scale-in gathers several instances' events) waits in keyed state
        buffer = getPartitionedState(Descriptors.orderingBuffer());
        status = getPartitionedState(Descriptors.orderingStatus());
        legacyCount = getPartitionedState(Descriptors.bufferedCount());
        recent = getPartitionedState(Descriptors.recentEventIds(idleTtl));
        // the name and namespace a KeyedProcessFunction's timers had: earlier savepoints' timers
        timers = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
        var group = getMetricGroup().addGroup("trailsentry");
        duplicates = group.counter("duplicateEvents");
        late = group.counter("lateEvents");
        overflow = group.counter("orderingBufferOverflows");
        spilled = group.counter("orderingSpilledEvents");
        group.gauge("orderingEventsInMemory", this::inMemory);
        if (!context.isRestored()) {
            return;
        }
        for (KeyGroupStatePartitionStreamProvider part : context.getRawKeyedStateInputs()) {
            readKeyGroup(new DataInputViewStreamWrapper(part.getStream()));
        }
    }

    /** Events waiting in memory (the gauge {@code orderingEventsInMemory}). */
    int inMemory() {
        return waiting.size();
    }

    @Override
    public void processElement(StreamRecord<CloudTrailEvent> element) throws Exception {
        CloudTrailEvent e = element.getValue();
        String key = (String) getCurrentKey();
        long watermark = timers.currentWatermark();
        if (e.eventTime <= watermark) {
            late.inc();
            output.collect(
                    Descriptors.LATE_EVENTS,
                    new StreamRecord<>(lateRecord(e, watermark), element.getTimestamp()));
            release(List.of(e), element.getTimestamp());
            return;
        }
        if (e.eventTime < 0 || e.eventTime > MAX_TIME) {
            // not a CloudTrail time: nothing to order it against
            release(List.of(e), element.getTimestamp());
            return;
        }
        if (waiting.size() < memoryBudget) {
            if (waiting.size(key) >= maxBuffered) {
                // The watermark is not advancing for this key: do not hold an unbounded backlog.
                overflow.inc();
                release(List.of(e), element.getTimestamp());
            } else {
                hold(key, e);
            }
            return;
        }
        spilled.inc();
        spill(e, element.getTimestamp(), true);
    }

    /** Keeps {@code e} in memory, queueing its principal when {@code e} is now its earliest. */
    private void hold(String key, CloudTrailEvent e) {
        if (waiting.add(key, e)) {
            due.add(new Due(e.eventTime, key));
        }
    }

    /**
     * Keeps {@code e} in the principal's keyed buffer (the memory budget is spent). With {@code
     * valve}, a principal whose keyed buffer is full has the event released at once instead; a
     * restore ({@code valve} false) emits nothing and keeps every event.
     */
    private void spill(CloudTrailEvent e, long timestamp, boolean valve) throws Exception {
        OrderingStatus s = status.value();
        if (valve && s != null && s.buffered >= maxBuffered) {
            overflow.inc();
            release(List.of(e), timestamp);
            return;
        }
        if (s == null) {
            s = new OrderingStatus(0, e.eventTime);
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, e.eventTime);
        } else if (e.eventTime < s.earliest) {
            timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, s.earliest);
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, e.eventTime);
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
     * Timers first (they release the keyed buffers, with the memory's due events of the same
     * principals), then every principal in memory the watermark passed, then the watermark.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (timeServiceManager != null) {
            timeServiceManager.advanceWatermark(mark);
        }
        long watermark = mark.getTimestamp();
        while (!due.isEmpty() && due.peek().time <= watermark) {
            String key = due.poll().key;
            long earliest = waiting.earliest(key);
            if (earliest == Long.MAX_VALUE) {
                continue; // a stale entry: released by its keyed timer
            }
            if (earliest > watermark) {
                due.add(new Due(earliest, key)); // a stale entry: re-armed where it is now
                continue;
            }
            setCurrentKey(key);
            List<CloudTrailEvent> batch = waiting.takeDue(key, watermark);
            long left = waiting.earliest(key);
            if (left != Long.MAX_VALUE) {
                due.add(new Due(left, key));
            }
            batch.sort(ORDER); // stable: arrival order for full ties
            release(batch, batch.get(0).eventTime);
        }
        output.emitWatermark(mark);
    }

    /**
     * A keyed buffer's timer: releases every event of the principal the watermark has passed, from
     * its keyed buffer and from memory, and re-arms at the earliest left.
     */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        long watermark = timers.currentWatermark();
        OrderingStatus s = status.value();
        List<Map.Entry<Long, List<CloudTrailEvent>>> dueEntries = new ArrayList<>();
        int counted = 0;
        long earliest = Long.MAX_VALUE;
        boolean legacy = false;
        // the principal's due events in memory, then the inline ones, which arrived before any in
        // the map (the sort below is stable: this is the order of full ties)
        List<CloudTrailEvent> batch = new ArrayList<>(waiting.takeDue(timer.getKey(), watermark));
        int fromMemory = batch.size();
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
        Iterable<Map.Entry<Long, List<CloudTrailEvent>>> spilledEntries =
                s != null && s.buffered == inlined ? List.of() : buffer.entries();
        for (Map.Entry<Long, List<CloudTrailEvent>> entry : spilledEntries) {
            long key = entry.getKey();
            legacy |= key >= 0;
            long time = timeOf(key);
            if (time <= watermark) {
                dueEntries.add(Map.entry(key, entry.getValue()));
            } else {
                earliest = Math.min(earliest, time);
                if (s == null) {
                    counted += entry.getValue().size(); // the old count is not trusted
                }
            }
        }
        // arrival order (time, then sequence number) first, so that full ties keep it below
        dueEntries.sort(
                Comparator.comparingLong(
                                (Map.Entry<Long, List<CloudTrailEvent>> d) -> timeOf(d.getKey()))
                        .thenComparingLong(d -> d.getKey() >= 0 ? 0 : d.getKey() & SEQ_MASK));
        for (Map.Entry<Long, List<CloudTrailEvent>> d : dueEntries) {
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
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, earliest);
            }
            int fromKeyed = batch.size() - fromMemory;
            int left =
                    s == null
                            ? counted
                            : Math.max(Math.max(1, inlineLeft.size()), s.buffered - fromKeyed);
            OrderingStatus next = new OrderingStatus(left, earliest);
            next.seq = s == null ? 0 : s.seq;
            next.inline = inlineLeft.isEmpty() ? null : inlineLeft.toArray(new CloudTrailEvent[0]);
            status.update(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        batch.sort(ORDER); // stable
        release(batch, timer.getTimestamp());
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
        // none are set
    }

    /** De-duplicates a batch against the principal's recent ids: one read, one write. */
    private void release(List<CloudTrailEvent> events, long timestamp) throws Exception {
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
        output.collect(new StreamRecord<>(fresh, timestamp));
    }

    /**
     * Writes the events waiting in memory, one part per key group of this instance: the key group's
     * principals and their events, after the events' serialiser snapshot, so a later release whose
     * event type changed still reads them.
     */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        int maxParallelism = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
        // one pass over the memory: each principal's events under its key group
        Map<Integer, Map<String, Collection<CloudTrailEvent>>> byGroup = new HashMap<>();
        waiting.forEach(
                (key, events) ->
                        byGroup.computeIfAbsent(
                                        KeyGroupRangeAssignment.assignToKeyGroup(
                                                key, maxParallelism),
                                        g -> new HashMap<>())
                                .put(key, events));
        KeyedStateCheckpointOutputStream out = context.getRawKeyedOperatorStateOutput();
        DataOutputView view = new DataOutputViewStreamWrapper(out);
        for (int group : out.getKeyGroupList()) {
            out.startNewKeyGroup(group);
            Map<String, Collection<CloudTrailEvent>> keys = byGroup.getOrDefault(group, Map.of());
            view.writeInt(RAW_FORMAT);
            view.writeInt(keys.size());
            if (keys.isEmpty()) {
                continue;
            }
            TypeSerializerSnapshot.writeVersionedSnapshot(
                    view, eventSerializer.snapshotConfiguration());
            for (Map.Entry<String, Collection<CloudTrailEvent>> key : keys.entrySet()) {
                StringSerializer.INSTANCE.serialize(key.getKey(), view);
                view.writeInt(key.getValue().size());
                for (CloudTrailEvent e : key.getValue()) {
                    eventSerializer.serialize(e, view);
                }
            }
        }
    }

    /** Reads one key group's waiting events (written by {@link #snapshotState}) into memory. */
    private void readKeyGroup(DataInputView in) throws Exception {
        int format = in.readInt();
        if (format != RAW_FORMAT) {
            throw new IllegalStateException(
                    "the orderer's raw keyed state has layout "
                            + format
                            + " where this release writes "
                            + RAW_FORMAT
                            + ": a checkpoint of an earlier release taken on RocksDB with heap"
                            + " timers (which it wrote there)? Restore from a savepoint of that"
                            + " release instead: savepoints keep timers in keyed state.");
        }
        int keys = in.readInt();
        if (keys == 0) {
            return;
        }
        TypeSerializerSnapshot<CloudTrailEvent> saved =
                TypeSerializerSnapshot.readVersionedSnapshot(in, getUserCodeClassloader());
        TypeSerializer<CloudTrailEvent> reader = saved.restoreSerializer();
        for (int k = 0; k < keys; k++) {
            String key = StringSerializer.INSTANCE.deserialize(in);
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                CloudTrailEvent e = reader.deserialize(in);
                if (waiting.size() >= memoryBudget) {
                    setCurrentKey(key);
                    spilled.inc();
                    spill(e, e.eventTime, false);
                } else {
                    hold(key, e);
                }
            }
        }
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

    /** A principal in memory and the earliest time it waits for. */
    private static final class Due implements Comparable<Due> {
        final long time;
        final String key;

        Due(long time, String key) {
            this.time = time;
            this.key = key;
        }

        @Override
        public int compareTo(Due o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }
}
