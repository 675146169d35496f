package io.trailsentry.flink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * Records waiting for the watermark in operator memory, by key, in event-time then arrival order:
 * for an operator with few keys and many records between watermarks (the organisation's population,
 * the scorer's model shards), where keeping them in keyed state costs a write and a delete per
 * record and, on RocksDB, a seek past every earlier record's delete at each drain. Checkpointed
 * whole into union list state; on restore each subtask takes the records of the keys it now owns,
 * so a rescale moves them with their key. The owner keeps one event-time timer per key at (or
 * before) the earliest waiting time: {@link #add} says when a new timer is needed.
 *
 * <p>Bounded: a key holds at most {@code capacity} records, and the room at most {@code
 * totalCapacity} (many keys). Beyond either (a watermark that stopped advancing, or a backlog far
 * wider than the lateness bound) {@link #takeOverflow} hands the owner the earliest records of the
 * key just added to, to handle at once, out of watermark order, as the orderer's safety valve does
 * for a principal's events: those beyond the key's capacity, and, while the room holds more than
 * its total, as many more as bring it back to the total (or all of the key's). The owner counts
 * them. A restore takes every record of the keys it now owns, beyond either bound (a scale-in
 * gathers several instances' rooms into one); the adds that follow bring it back.
 */
final class WaitingRoom<K, T> {
    private final ToLongFunction<T> timeOf;
    private final int capacity;
    private final int totalCapacity;
    private final Map<K, TreeMap<Long, T>> byKey = new HashMap<>();
    private int seq;
    private int count;

    /** A room for few keys: the capacity per key bounds it. */
    WaitingRoom(ToLongFunction<T> timeOf, int capacity) {
        this(timeOf, capacity, Integer.MAX_VALUE);
    }

    /** A room for many keys: at most {@code capacity} per key and {@code totalCapacity} in all. */
    WaitingRoom(ToLongFunction<T> timeOf, int capacity, int totalCapacity) {
        if (capacity < 1 || totalCapacity < 1) {
            throw new IllegalArgumentException(
                    "capacities must be at least 1: " + capacity + ", " + totalCapacity);
        }
        this.timeOf = timeOf;
        this.capacity = capacity;
        this.totalCapacity = totalCapacity;
    }

    /**
     * Adds {@code value} under {@code key}; true if it is now the key's earliest waiting record, so
     * the caller sets a timer at its time.
     */
    boolean add(K key, T value) {
        long time = clamp(timeOf.applyAsLong(value));
        TreeMap<Long, T> waiting = byKey.computeIfAbsent(key, k -> new TreeMap<>());
        boolean earliest = waiting.isEmpty() || time < EventOrderer.timeOf(waiting.firstKey());
        // the sequence number is shared by every key and wraps after 2^20 adds: a record of the
        // same key and time still waiting under the same number is never overwritten
        while (waiting.putIfAbsent(EventOrderer.entryKey(time, seq), value) != null) {
            seq = (seq + 1) & EventOrderer.SEQ_MASK;
        }
        seq = (seq + 1) & EventOrderer.SEQ_MASK;
        count++;
        return earliest;
    }

    /**
     * Removes and returns the key's records at or before {@code watermark}, in order (a list the
     * caller may change).
     */
    List<T> takeDue(K key, long watermark) {
        TreeMap<Long, T> waiting = byKey.get(key);
        if (waiting == null) {
            return new ArrayList<>();
        }
        NavigableMap<Long, T> due =
                waiting.headMap(
                        EventOrderer.entryKey(clamp(watermark), EventOrderer.SEQ_MASK), true);
        List<T> out = new ArrayList<>(due.values());
        due.clear();
        count -= out.size();
        if (waiting.isEmpty()) {
            byKey.remove(key);
        }
        return out;
    }

    /**
     * Removes and returns, in order, the key's earliest records beyond its capacity and, while the
     * room holds more than its total, as many more as bring it back to the total (usually none):
     * the caller handles them now instead of at the watermark.
     */
    List<T> takeOverflow(K key) {
        TreeMap<Long, T> waiting = byKey.get(key);
        if (waiting == null) {
            return List.of();
        }
        int keep = capacity;
        if (count > totalCapacity) {
            keep =
                    (int)
                            Math.max(
                                    0,
                                    Math.min(
                                            capacity,
                                            (long) waiting.size() - (count - totalCapacity)));
        }
        if (waiting.size() <= keep) {
            return List.of();
        }
        List<T> out = new ArrayList<>(waiting.size() - keep);
        while (waiting.size() > keep) {
            out.add(waiting.pollFirstEntry().getValue());
        }
        count -= out.size();
        if (waiting.isEmpty()) {
            byKey.remove(key);
        }
        return out;
    }

    /** The key's earliest waiting time, or {@link Long#MAX_VALUE} when nothing waits. */
    long earliest(K key) {
        TreeMap<Long, T> waiting = byKey.get(key);
        return waiting == null ? Long.MAX_VALUE : EventOrderer.timeOf(waiting.firstKey());
    }

    /** Records waiting, over every key. */
    int size() {
        return count;
    }

    /** Records waiting under {@code key}. */
    int size(K key) {
        TreeMap<Long, T> waiting = byKey.get(key);
        return waiting == null ? 0 : waiting.size();
    }

    /** Every key with waiting records, and its records in order (read only). */
    void forEach(BiConsumer<K, Collection<T>> action) {
        byKey.forEach((key, waiting) -> action.accept(key, waiting.values()));
    }

    /** Writes every waiting record into {@code state} (a checkpoint). */
    void snapshot(ListState<T> state) throws Exception {
        List<T> all = new ArrayList<>(size());
        for (TreeMap<Long, T> w : byKey.values()) {
            all.addAll(w.values());
        }
        state.update(all);
    }

    /**
     * Takes from {@code state} (union list state: every subtask sees every record) the records of
     * the keys this subtask owns, in their saved order.
     */
    void restore(ListState<T> state, Function<T, K> keyOf, TaskInfo task) throws Exception {
        Iterable<T> saved = state.get();
        if (saved == null) {
            return;
        }
        for (T value : saved) {
            K key = keyOf.apply(value);
            if (owns(key, task)) {
                add(key, value);
            }
        }
    }

    /** Whether {@code key}'s key group belongs to this subtask (operator state has no key). */
    static boolean owns(Object key, TaskInfo task) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(
                        key,
                        task.getMaxNumberOfParallelSubtasks(),
                        task.getNumberOfParallelSubtasks())
                == task.getIndexOfThisSubtask();
    }

    /** Times a key of {@link EventOrderer#entryKey} can hold; others wait at the nearest. */
    private static long clamp(long time) {
        return Math.max(0, Math.min(time, EventOrderer.MAX_TIME));
    }
}
