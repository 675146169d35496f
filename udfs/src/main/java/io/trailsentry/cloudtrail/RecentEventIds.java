package io.trailsentry.cloudtrail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The last {@code capacity} event ids a principal produced, as 64-bit hashes in a ring: CloudTrail
 * can deliver an event twice, and a duplicate within that many events of the same principal is
 * recognised. Fixed space (8 bytes an id); a Flink POJO kept in keyed state.
 */
public class RecentEventIds {
    public long[] hashes = new long[0];
    public int next;

    public RecentEventIds() {}

    /** Returns true when {@code eventId} was seen; otherwise remembers it and returns false. */
    public boolean seenBefore(String eventId, int capacity) {
        long h = hash(eventId);
        for (long x : hashes) {
            if (x == h) {
                return true;
            }
        }
        if (hashes.length < capacity) {
            hashes = Arrays.copyOf(hashes, hashes.length + 1);
            hashes[hashes.length - 1] = h;
        } else {
            hashes[next] = h;
            next = (next + 1) % hashes.length;
        }
        return false;
    }

    /** 64-bit FNV-1a: collisions among a thousand ids are vanishingly rare. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }
}
