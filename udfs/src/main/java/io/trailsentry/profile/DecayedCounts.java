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

    /**
     * For sets that count on how many distinct UTC days each key was seen (source prefixes,
     * user-agent families; see {@link #addDaily}): one byte per key, parallel to {@link #keys},
     * null in sets that do not. The low 7 bits count the days (saturating at 127), the latest
     * included; the high bit says the key was seen on the day of {@link #decayedAt}, the set's
     * latest day (so a second sighting that day is not a second day). One byte instead of a day
     * number per key keeps the baseline within its few KiB.
     */
    public byte[] days;

    /** What {@link #earlierDays} answers for keys learnt before days were counted. */
    public static final int UNCOUNTED = Integer.MAX_VALUE;

    private static final long DAY_MS = 86_400_000L;

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
            if (days != null) {
                seen(i, now);
            }
            return;
        }
        if (keys.length < capacity) {
            keys = Arrays.copyOf(keys, keys.length + 1);
            weights = Arrays.copyOf(weights, weights.length + 1);
            if (days != null) {
                days = Arrays.copyOf(days, keys.length);
            }
            i = keys.length - 1;
        } else {
            i = lightest();
        }
        keys[i] = key;
        weights[i] = 1f;
        if (days != null) {
            days[i] = 0;
            seen(i, now);
        }
    }

    /**
     * As {@link #add}, also counting the distinct UTC days each key is seen on. Keys the set held
     * before it counted days (a baseline restored from an earlier release) stay established: their
     * days are {@link #UNCOUNTED}.
     */
    public void addDaily(String key, long now, long halfLifeMs, int capacity) {
        if (days == null) {
            days = new byte[keys.length];
            Arrays.fill(days, (byte) 0x7f); // learnt before days were counted
        }
        add(key, now, halfLifeMs, capacity);
    }

    /**
     * On how many distinct UTC days before {@code today} {@code key} was seen: 0 for an unknown
     * key, {@link #UNCOUNTED} for one learnt before this set counted days (or in a set that does
     * not).
     */
    public int earlierDays(String key, long today) {
        int i = indexOf(key);
        if (i < 0) {
            return 0;
        }
        if (days == null || i >= days.length || days[i] == 0x7f) {
            return UNCOUNTED;
        }
        int n = days[i] & 0x7f;
        boolean seenToday = (days[i] & 0x80) != 0 && Math.floorDiv(decayedAt, DAY_MS) == today;
        return seenToday ? n - 1 : n;
    }

    /** Marks key {@code i} seen on the day of {@code now} (at most once a day). */
    private void seen(int i, long now) {
        if (Math.floorDiv(now, DAY_MS) < Math.floorDiv(decayedAt, DAY_MS)) {
            return; // a late event of an earlier day: that day may be counted already
        }
        int b = days[i];
        if ((b & 0x80) == 0 && (b & 0x7f) < 0x7f) {
            // 126 at most: 127 stays the mark of a key learnt before days were counted
            days[i] = (byte) (0x80 | Math.min(126, (b & 0x7f) + 1));
        } else if ((b & 0x80) == 0) {
            days[i] = (byte) 0x7f;
        }
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
                if (days != null && i < days.length) {
                    days[n] = days[i];
                }
                n++;
            }
        }
        shrink(n);
    }

    /** Decays every weight to {@code now}; entries that fall below a floor are dropped. */
    public void decay(long now, long halfLifeMs) {
        if (days != null && Math.floorDiv(now, DAY_MS) > Math.floorDiv(decayedAt, DAY_MS)) {
            // a new day: no key has been seen on it yet
            for (int i = 0; i < days.length; i++) {
                days[i] = (byte) (days[i] & 0x7f);
            }
        }
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
                if (days != null && i < days.length) {
                    days[n] = days[i];
                }
                n++;
            }
        }
        shrink(n);
    }

    /** Keeps the first {@code n} entries. */
    private void shrink(int n) {
        if (n < keys.length) {
            keys = Arrays.copyOf(keys, n);
            weights = Arrays.copyOf(weights, n);
            if (days != null) {
                days = Arrays.copyOf(days, Math.min(n, days.length));
            }
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
