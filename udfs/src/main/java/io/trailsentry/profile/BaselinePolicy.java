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

    private BaselinePolicy(Builder b) {
        this.baselineHalfLifeMs = b.baselineHalfLifeMs;
        this.matureDays = b.matureDays;
        this.matureEvents = b.matureEvents;
    }

    public static BaselinePolicy defaults() {
        return new Builder().build();
    }

    /** Whether {@code p} has enough history that novelty against it means something. */
    public boolean matured(Profile p) {
        return p.activeDays >= matureDays && p.events >= matureEvents;
    }

    /** The knobs, with their defaults; JSON policy documents bind to these names. */
    public static final class Builder {
        public long baselineHalfLifeMs = Duration.ofDays(14).toMillis();
        public int matureDays = 2;
        public int matureEvents = 30;

        public BaselinePolicy build() {
            if (baselineHalfLifeMs <= 0 || matureDays < 0 || matureEvents < 0) {
                throw new IllegalArgumentException(
                        "baselineHalfLifeMs must be positive, matureDays and matureEvents not"
                                + " negative");
            }
            return new BaselinePolicy(this);
        }
    }
}
