package io.trailsentry.flink;

import io.trailsentry.detect.Signal;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * A key's signals waiting for the watermark, kept as one small list in value state with one drain
 * timer at the earliest of them: for the functions that fold signals in event-time order ({@link
 * IncidentFunction}, {@link LineageRelay}). A key waits with a few signals at most (those of the
 * lateness bound), so the list is read and written whole: no map iteration, which on RocksDB seeks
 * past the deleted entries of every earlier drain.
 */
final class WaitingSignals {
    private WaitingSignals() {}

    /**
     * Adds {@code s}, and a drain timer at its time when it is the earliest. A timer is never
     * deleted: timers are unique per time, and a later one may also serve another purpose of the
     * owner (a close, a memory's end), finding nothing to drain if not.
     */
    static void add(ValueState<List<Signal>> state, Signal s, TimerService timers)
            throws Exception {
        List<Signal> list = state.value();
        if (list == null) {
            list = new ArrayList<>(2);
        }
        if (list.isEmpty() || s.eventTime < earliest(list)) {
            timers.registerEventTimeTimer(s.eventTime);
        }
        list.add(s);
        state.update(list);
    }

    /**
     * Removes and returns the signals at or before {@code watermark}, in arrival order, and re-arms
     * at the earliest left.
     */
    static List<Signal> takeDue(ValueState<List<Signal>> state, long watermark, TimerService timers)
            throws Exception {
        List<Signal> list = state.value();
        if (list == null || list.isEmpty()) {
            return new ArrayList<>();
        }
        List<Signal> due = new ArrayList<>();
        List<Signal> later = new ArrayList<>();
        for (Signal s : list) {
            (s.eventTime <= watermark ? due : later).add(s);
        }
        if (later.isEmpty()) {
            state.clear();
        } else if (later.size() < list.size()) {
            state.update(later);
            timers.registerEventTimeTimer(earliest(later));
        }
        return due;
    }

    private static long earliest(List<Signal> list) {
        long t = Long.MAX_VALUE;
        for (Signal s : list) {
            t = Math.min(t, s.eventTime);
        }
        return t;
    }
}
