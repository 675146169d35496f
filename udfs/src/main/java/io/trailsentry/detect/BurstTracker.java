package io.trailsentry.detect;

import java.util.Arrays;

/**
 * Counts one kind of event by one principal in a sliding event-time window, remembering the most
 * recent resource names, in fixed space. Signals when the count reaches the threshold and again
 * each time it doubles, so a fan-out of hundreds yields a handful of signals, not hundreds.
 *
 * <p>A Flink POJO, kept in keyed state.
 */
public class BurstTracker {
    public static final int CAPACITY = 64;

    /** Event times of the most recent occurrences (ring buffer). */
    public long[] times = new long[0];

    /** Resource names of the most recent occurrences (ring buffer, same slots as times). */
    public String[] names = new String[0];

    public int next;

    /** Count at which the next signal fires; reset when the window empties. */
    public int nextSignalAt;

    public BurstTracker() {}

    /**
     * Records one occurrence at {@code time}; returns the number of occurrences within {@code
     * windowMs} when that count warrants a signal, else 0.
     */
    public int record(long time, String name, int threshold, long windowMs) {
        if (times.length < CAPACITY) {
            times = Arrays.copyOf(times, CAPACITY);
            names = Arrays.copyOf(names, CAPACITY);
            Arrays.fill(times, Long.MIN_VALUE);
        }
        times[next] = time;
        names[next] = name;
        next = (next + 1) % CAPACITY;
        int count = countSince(time - windowMs);
        if (count <= 1 || nextSignalAt < threshold) {
            nextSignalAt = threshold;
        }
        if (count >= nextSignalAt) {
            nextSignalAt = count * 2;
            return count;
        }
        return 0;
    }

    public int countSince(long from) {
        int n = 0;
        for (long t : times) {
            if (t >= from && t != Long.MIN_VALUE) {
                n++;
            }
        }
        return n;
    }

    /** The names recorded at or after {@code from}, oldest first, at most {@code max}. */
    public String[] namesSince(long from, int max) {
        String[] out = new String[Math.min(max, CAPACITY)];
        int n = 0;
        for (int i = 0; i < times.length && n < out.length; i++) {
            int slot = (next + i) % times.length;
            if (times[slot] != Long.MIN_VALUE && times[slot] >= from && names[slot] != null) {
                out[n++] = names[slot];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The latest recorded time, or {@code Long.MIN_VALUE}. */
    public long latest() {
        long max = Long.MIN_VALUE;
        for (long t : times) {
            max = Math.max(max, t);
        }
        return max;
    }
}
