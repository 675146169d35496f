package io.trailsentry.incident;

import io.trailsentry.detect.Category;
import io.trailsentry.principal.Principal;

/**
 * The one open incident of a principal: keyed state of the correlator. Bounded: fixed-size
 * per-category arrays and capped evidence, key and region lists. A Flink POJO.
 */
public class Incident {
    public static final int MAX_EVIDENCE = 32;
    public static final int MAX_KEYS = 8;

    public String uid;
    public Principal principal;
    public long firstSeen;
    public long lastSeen;

    /** Per category (index = number - 1): event time of its latest signal, or 0. */
    public long[] categoryLastSeen = new long[Category.values().length];

    /** Per category: highest severity id a signal of it contributed. */
    public int[] categorySeverity = new int[Category.values().length];

    /** Severity id of the last emitted finding, 0 before the first. */
    public int emittedSeverity;

    /** Category bitmask of the last emitted finding. */
    public int emittedCategories;

    /** Finding version of the last emission. */
    public int version;

    /** Event time at which the idle incident closes (the registered timer), or 0. */
    public long closeAt;

    public Evidence[] evidence = new Evidence[0];
    public String[] accessKeyIds = new String[0];
    public String[] regions = new String[0];

    public Incident() {}

    /** Categories with a signal no older than {@code windowMs} before {@code now}, as a bitmask. */
    public int activeCategories(long now, long windowMs) {
        int mask = 0;
        for (int i = 0; i < categoryLastSeen.length; i++) {
            if (categoryLastSeen[i] != 0 && categoryLastSeen[i] >= now - windowMs) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /** Every category this incident has seen, as a bitmask. */
    public int allCategories() {
        int mask = 0;
        for (int i = 0; i < categoryLastSeen.length; i++) {
            if (categoryLastSeen[i] != 0) {
                mask |= 1 << i;
            }
        }
        return mask;
    }
}
