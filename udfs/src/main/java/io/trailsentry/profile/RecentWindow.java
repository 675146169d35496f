package io.trailsentry.profile;

import java.util.Arrays;

/**
 * The last {@code capacity} occurrences of one kind of call by a principal, as (time, key hash,
 * second key hash) in a ring: enough to count calls and distinct keys (e.g. APIs and their
 * services) within a short window in fixed space, one time per call. A Flink POJO.
 */
public class RecentWindow {
    public long[] times = new long[0];
    public int[] keys = new int[0];

    /** A second key of each call (the service of an API), or empty when only one is kept. */
    public int[] keys2 = new int[0];

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

    /** Adds a call with two keys; a window keeps two keys for all its calls or for none. */
    public void add(long time, int key, int key2, int capacity) {
        if (keys2.length != keys.length) {
            // a ring restored from before it kept second keys: start it again
            times = new long[0];
            keys = new int[0];
            keys2 = new int[0];
            next = 0;
        }
        if (times.length < capacity) {
            keys2 = Arrays.copyOf(keys2, keys2.length + 1);
            keys2[keys2.length - 1] = key2;
        } else {
            keys2[next] = key2;
        }
        add(time, key, capacity);
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
        return distinct(keys, from);
    }

    /** Distinct second keys of the calls since {@code from}. */
    public int distinctSecond(long from) {
        return keys2.length == keys.length ? distinct(keys2, from) : 0;
    }

    private int distinct(int[] keys, long from) {
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
