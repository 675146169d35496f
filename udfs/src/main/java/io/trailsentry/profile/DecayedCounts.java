package io.trailsentry.profile;

import java.util.Arrays;

/**
 * A bounded set of keys with exponentially decayed weights: what a principal usually does, with
 * rarely used entries evicted first when full. Keys are strings (regions, source prefixes, user
 * agent families) or 32-bit hashes rendered as strings by the caller. A Flink POJO.
 */
public class DecayedCounts {
    public String[] keys = new String[0];
    public float[] weights = new float[0];

    /** Event time of the last decay, epoch millis. */
    public long decayedAt;

    public DecayedCounts() {}

    /** Weight of {@code key} (0 when unknown), after decay to {@code now}. */
    public float weight(String key) {
        int i = indexOf(key);
        return i < 0 ? 0f : weights[i];
    }

    public boolean contains(String key) {
        return indexOf(key) >= 0;
    }

    /** Adds one observation of {@code key} at {@code now}, evicting the lightest key when full. */
    public void add(String key, long now, long halfLifeMs, int capacity) {
        decay(now, halfLifeMs);
        int i = indexOf(key);
        if (i >= 0) {
            weights[i] += 1f;
            return;
        }
        if (keys.length < capacity) {
            keys = Arrays.copyOf(keys, keys.length + 1);
            weights = Arrays.copyOf(weights, weights.length + 1);
            i = keys.length - 1;
        } else {
            i = lightest();
        }
        keys[i] = key;
        weights[i] = 1f;
    }

    /**
     * Keeps, of the keys {@code prefix + "@" + day}, only {@code today}'s and the latest earlier
     * day's: "did this on an earlier day" needs no more, and a by-day record of every class would
     * fill the state.
     */
    public void keepLatestDays(String prefix, long today) {
        String head = prefix + "@";
        long latestEarlier = Long.MIN_VALUE;
        for (String k : keys) {
            if (k.startsWith(head)) {
                long d = Long.parseLong(k.substring(head.length()));
                if (d < today && d > latestEarlier) {
                    latestEarlier = d;
                }
            }
        }
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            String k = keys[i];
            boolean drop = false;
            if (k.startsWith(head)) {
                long d = Long.parseLong(k.substring(head.length()));
                drop = d != today && d != latestEarlier;
            }
            if (!drop) {
                keys[n] = k;
                weights[n] = weights[i];
                n++;
            }
        }
        if (n < keys.length) {
            keys = Arrays.copyOf(keys, n);
            weights = Arrays.copyOf(weights, n);
        }
    }

    /** Decays every weight to {@code now}; entries that fall below a floor are dropped. */
    public void decay(long now, long halfLifeMs) {
        if (decayedAt == 0 || now <= decayedAt) {
            decayedAt = Math.max(decayedAt, now);
            return;
        }
        float f = (float) Math.pow(0.5, (now - decayedAt) / (double) halfLifeMs);
        decayedAt = now;
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            float w = weights[i] * f;
            if (w >= 0.01f) {
                keys[n] = keys[i];
                weights[n] = w;
                n++;
            }
        }
        if (n < keys.length) {
            keys = Arrays.copyOf(keys, n);
            weights = Arrays.copyOf(weights, n);
        }
    }

    public int size() {
        return keys.length;
    }

    public float total() {
        float t = 0;
        for (float w : weights) {
            t += w;
        }
        return t;
    }

    private int indexOf(String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private int lightest() {
        int min = 0;
        for (int i = 1; i < weights.length; i++) {
            if (weights[i] < weights[min]) {
                min = i;
            }
        }
        return min;
    }
}
