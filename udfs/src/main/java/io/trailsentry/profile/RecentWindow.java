package io.trailsentry.profile;

import java.util.Arrays;

/**
 * The last {@code capacity} occurrences of one kind of call by a principal, as (time, key hash)
 * pairs in a ring: enough to count calls and distinct keys within a short window in fixed space. A
 * Flink POJO.
 */
public class RecentWindow {
    public long[] times = new long[0];
    public int[] keys = new int[0];
    public int next;

    /** Event time until which this window stays quiet after it fired (cooldown). */
    public long quietUntil;

    public RecentWindow() {}

    public void add(long time, int key, int capacity) {
        if (times.length < capacity) {
            times = Arrays.copyOf(times, times.length + 1);
            keys = Arrays.copyOf(keys, keys.length + 1);
            times[times.length - 1] = time;
            keys[keys.length - 1] = key;
            return;
        }
        times[next] = time;
        keys[next] = key;
        next = (next + 1) % times.length;
    }

    public int count(long from) {
        int n = 0;
        for (long t : times) {
            if (t >= from) {
                n++;
            }
        }
        return n;
    }

    public int distinct(long from) {
        int[] seen = new int[keys.length];
        int n = 0;
        outer:
        for (int i = 0; i < times.length; i++) {
            if (times[i] < from) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (seen[j] == keys[i]) {
                    continue outer;
                }
            }
            seen[n++] = keys[i];
        }
        return n;
    }
}
