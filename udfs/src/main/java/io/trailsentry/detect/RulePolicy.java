package io.trailsentry.detect;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Thresholds and lists the per-event detections read. */
public final class RulePolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** An autoscaling request for at least this many instances is large. */
    public final int largeCapacity;

    /** A RunInstances/fleet/spot count or ECS desired/task count this large is large. */
    public final int largeCount;

    /** Distinct read-only APIs and services within the enumeration window that make a burst. */
    public final int enumerationApis;

    public final int enumerationServices;
    public final long enumerationWindowMs;

    /** AccessDenied/Unauthorized errors within the window that make a burst. */
    public final int accessDeniedBurst;

    public final long accessDeniedWindowMs;

    /**
     * After an enumeration or AccessDenied burst is reported, the same burst is quiet this long.
     */
    public final long reconCooldownMs;

    /** After novelty of a principal's source is reported, further novelty is quiet this long. */
    public final long noveltyQuietMs;

    /** Registry prefixes whose images are approved (the account's own ECR always is). */
    public final List<String> approvedRegistries;

    /** Regions the organisation uses; compute elsewhere is suspicious. Empty: use baselines. */
    public final List<String> expectedRegions;

    private RulePolicy(Builder b) {
        this.largeCapacity = b.largeCapacity;
        this.largeCount = b.largeCount;
        this.enumerationApis = b.enumerationApis;
        this.enumerationServices = b.enumerationServices;
        this.enumerationWindowMs = b.enumerationWindowMs;
        this.accessDeniedBurst = b.accessDeniedBurst;
        this.accessDeniedWindowMs = b.accessDeniedWindowMs;
        this.reconCooldownMs = b.reconCooldownMs;
        this.noveltyQuietMs = b.noveltyQuietMs;
        this.approvedRegistries = List.copyOf(Arrays.asList(b.approvedRegistries));
        this.expectedRegions = List.copyOf(Arrays.asList(b.expectedRegions));
    }

    public static RulePolicy defaults() {
        return new Builder().build();
    }

    /** The knobs, with their defaults; JSON policy documents bind to these names. */
    public static final class Builder {
        public int largeCapacity = 20;
        public int largeCount = 10;
        public int enumerationApis = 10;
        public int enumerationServices = 3;
        public long enumerationWindowMs = Duration.ofMinutes(5).toMillis();
        public int accessDeniedBurst = 10;
        public long accessDeniedWindowMs = Duration.ofMinutes(5).toMillis();
        public long reconCooldownMs = Duration.ofMinutes(15).toMillis();
        public long noveltyQuietMs = Duration.ofHours(1).toMillis();
        public String[] approvedRegistries = new String[0];
        public String[] expectedRegions = new String[0];

        public RulePolicy build() {
            if (largeCapacity < 1
                    || largeCount < 1
                    || enumerationApis < 1
                    || accessDeniedBurst < 1) {
                throw new IllegalArgumentException(
                        "largeCapacity, largeCount, enumerationApis and accessDeniedBurst must be"
                                + " at least 1");
            }
            if (enumerationWindowMs <= 0 || accessDeniedWindowMs <= 0) {
                throw new IllegalArgumentException("rule windows must be positive");
            }
            if (reconCooldownMs < 0 || noveltyQuietMs < 0) {
                throw new IllegalArgumentException("quiet periods must not be negative");
            }
            return new RulePolicy(this);
        }
    }
}
