package io.trailsentry.profile;

import java.io.Serializable;
import java.time.Duration;

/** How baselines learn and when they are mature enough that novelty against them counts. */
public final class BaselinePolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Half-life of baseline weights. */
    public final long baselineHalfLifeMs;

    /** A principal is mature (novelty counts) after this many active days and events. */
    public final int matureDays;

    public final int matureEvents;

    /**
     * A source (IP prefix, user-agent family) is the principal's own only once seen on this many
     * distinct earlier UTC days (or on every earlier day of a principal younger than that) with
     * this many events (decayed with the baseline's half-life): a source first used the evening
     * before is still new the next day.
     */
    public final int sourceKnownDays;

    public final int sourceKnownEvents;

    private BaselinePolicy(Builder b) {
        this.baselineHalfLifeMs = b.baselineHalfLifeMs;
        this.matureDays = b.matureDays;
        this.matureEvents = b.matureEvents;
        this.sourceKnownDays = b.sourceKnownDays;
        this.sourceKnownEvents = b.sourceKnownEvents;
    }

    public static BaselinePolicy defaults() {
        return new Builder().build();
    }

    /** Whether {@code p} has enough history that novelty against it means something. */
    public boolean matured(Profile p) {
        return p.activeDays >= matureDays && p.events >= matureEvents;
    }

    /**
     * Whether {@code key} of {@code set} (a profile's sources or user agents, which count days) is
     * established for {@code p} on {@code day}: seen on {@code sourceKnownDays} distinct earlier
     * days (fewer when the principal itself has fewer earlier active days) with {@code
     * sourceKnownEvents} events. Keys learnt before days were counted stay established.
     */
    public boolean established(Profile p, DecayedCounts set, String key, long day) {
        int days = set.earlierDays(key, day);
        if (days == DecayedCounts.UNCOUNTED) {
            return true;
        }
        long lastDay = Math.floorDiv(p.lastSeen, ProfileLearner.DAY_MS);
        int earlierActive = p.events == 0 ? 0 : p.activeDays - (lastDay >= day ? 1 : 0);
        int needed = Math.max(1, Math.min(sourceKnownDays, earlierActive));
        return days >= needed && set.weight(key) >= sourceKnownEvents;
    }

    /** The knobs, with their defaults; JSON policy documents bind to these names. */
    public static final class Builder {
        public long baselineHalfLifeMs = Duration.ofDays(14).toMillis();
        public int matureDays = 2;
        public int matureEvents = 30;
        public int sourceKnownDays = 2;
        public int sourceKnownEvents = 3;

        public BaselinePolicy build() {
            if (baselineHalfLifeMs <= 0 || matureDays < 0 || matureEvents < 0) {
                throw new IllegalArgumentException(
                        "baselineHalfLifeMs must be positive, matureDays and matureEvents not"
                                + " negative");
            }
            if (sourceKnownDays < 1 || sourceKnownDays > 126 || sourceKnownEvents < 0) {
                throw new IllegalArgumentException(
                        "sourceKnownDays must be 1 to 126 (the days a baseline counts),"
                                + " sourceKnownEvents not negative");
            }
            return new BaselinePolicy(this);
        }
    }
}
