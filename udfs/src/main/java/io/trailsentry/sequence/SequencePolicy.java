package io.trailsentry.sequence;

import java.io.Serializable;
import java.time.Duration;

/** Windows and counts of the multi-stage sequences (CEP patterns). */
public final class SequencePolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Window of the campaign sequence (enumeration, validation, impact). */
    public final long sequenceWindowMs;

    /** Window of DryRun-then-provision and launch-then-protect. */
    public final long followUpWindowMs;

    /** This many ECS clusters created by one principal within the burst window is a burst. */
    public final int ecsClusterBurst;

    public final long ecsClusterBurstWindowMs;

    private SequencePolicy(Builder b) {
        this.sequenceWindowMs = b.sequenceWindowMs;
        this.followUpWindowMs = b.followUpWindowMs;
        this.ecsClusterBurst = b.ecsClusterBurst;
        this.ecsClusterBurstWindowMs = b.ecsClusterBurstWindowMs;
    }

    public static SequencePolicy defaults() {
        return new Builder().build();
    }

    /** The knobs, with their defaults; JSON policy documents bind to these names. */
    public static final class Builder {
        public long sequenceWindowMs = Duration.ofMinutes(15).toMillis();
        public long followUpWindowMs = Duration.ofMinutes(30).toMillis();
        public int ecsClusterBurst = 5;
        public long ecsClusterBurstWindowMs = Duration.ofMinutes(10).toMillis();

        public SequencePolicy build() {
            if (sequenceWindowMs <= 0 || followUpWindowMs <= 0 || ecsClusterBurstWindowMs <= 0) {
                throw new IllegalArgumentException("sequence windows must be positive");
            }
            if (ecsClusterBurst < 2) {
                throw new IllegalArgumentException("ecsClusterBurst must be at least 2");
            }
            return new SequencePolicy(this);
        }
    }
}
