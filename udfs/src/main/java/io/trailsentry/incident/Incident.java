package io.trailsentry.incident;

import io.trailsentry.detect.Category;
import io.trailsentry.principal.Principal;

/**
 * The one open incident of a principal: keyed state of the correlator. Bounded: fixed-size
 * per-category arrays and capped evidence, target, key and region lists. A Flink POJO.
 */
public class Incident {
    public static final int MAX_EVIDENCE = 32;
    public static final int MAX_TARGETS = 256;
    public static final int MAX_KEYS = 8;

    /** At most this many linked identities are kept (and contained) per incident. */
    public static final int MAX_LINKED = 4;

    public String uid;
    public Principal principal;
    public long firstSeen;
    public long lastSeen;

    /** Per category (index = number - 1): event time of its latest counted signal, or 0. */
    public long[] categoryLastSeen = new long[Category.values().length];

    /** Per category: highest severity id a counted signal of it contributed. */
    public int[] categorySeverity = new int[Category.values().length];

    /** Grows the per-category arrays of an incident restored from a release with fewer. */
    void fitCategories() {
        int n = Category.values().length;
        if (categoryLastSeen.length < n) {
            categoryLastSeen = java.util.Arrays.copyOf(categoryLastSeen, n);
        }
        if (categorySeverity.length < n) {
            categorySeverity = java.util.Arrays.copyOf(categorySeverity, n);
        }
    }

    /**
     * Categories of the same principal's previous incident, closed within the campaign memory
     * before this one opened (reconnaissance hours before impact is one campaign), and when that
     * incident was last seen (0: none).
     */
    public int carriedCategories;

    public long carriedLastSeen;

    /** Highest severity id of any counted signal. */
    public int strongest;

    /** Whether the campaign sequence (CEP) matched. */
    public boolean sequence;

    /** Severity id of the last emitted finding, 0 before the first. */
    public int emittedSeverity;

    /** Category bitmask of the last emitted finding. */
    public int emittedCategories;

    /** Finding version of the last emission. */
    public int version;

    /** Event time at which the idle incident closes, or 0. */
    public long closeAt;

    /**
     * Event time of the close timer set for it, at or before {@link #closeAt} (0: none yet). One
     * timer follows the incident: when it fires before the incident's close time, the next is set
     * there, instead of a timer per signal.
     */
    public long closeTimerAt;

    /** Event time of the last emitted finding. */
    public long emittedAt;

    /** Event time of the first emitted finding (the finding's creation time), 0 before it. */
    public long reportedAt;

    /** Evidence or targets changed since the last emitted finding. */
    public boolean dirty;

    /** Set when policy (allowlist, change window) suppresses this incident, with why. */
    public boolean suppressed;

    public String suppressionReason;

    public Evidence[] evidence = new Evidence[0];
    public ResourceRef[] targets = new ResourceRef[0];
    public String[] accessKeyIds = new String[0];
    public String[] regions = new String[0];

    /**
     * Identities the principal handed access to (a role session it assumed, a user it created or
     * gave a key) whose activity joined this incident, or whose hand-off did: contained with it.
     */
    public Principal[] linked = new Principal[0];

    /** Adds {@code p} to {@link #linked} (capped, no duplicates, never the principal itself). */
    public void link(Principal p) {
        if (p == null || p.incidentKey().equals(principal.incidentKey())) {
            return;
        }
        for (Principal l : linked) {
            if (l.incidentKey().equals(p.incidentKey())) {
                if (l.userId == null && p.userId != null) {
                    l.userId = p.userId;
                }
                return;
            }
        }
        if (linked.length < MAX_LINKED) {
            linked = java.util.Arrays.copyOf(linked, linked.length + 1);
            linked[linked.length - 1] = p;
        }
    }

    /** Whether anything counted so far (here or in the carried campaign memory). */
    public boolean counts() {
        return allCategories() != 0 || carriedCategories != 0;
    }

    /** Source IPs of counted signals, capped: who to name when containing a session. */
    public String[] sourceIps = new String[0];

    public Incident() {}

    /** Categories with a counted signal no older than {@code windowMs} before {@code now}. */
    public int activeCategories(long now, long windowMs) {
        int mask = 0;
        for (int i = 0; i < categoryLastSeen.length; i++) {
            if (categoryLastSeen[i] != 0 && categoryLastSeen[i] >= now - windowMs) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /** Every category this incident has counted, as a bitmask. */
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
