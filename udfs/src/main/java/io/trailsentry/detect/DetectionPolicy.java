package io.trailsentry.detect;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds and windows every detection reads. One object, loaded from JSON or options, passed to
 * every function, so a deployment tunes detection in one place.
 */
public class DetectionPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** An autoscaling request for at least this many instances is large. */
    public int largeCapacity = 20;

    /** This many ECS clusters created by one principal within the burst window is a burst. */
    public int ecsClusterBurst = 5;

    public long ecsClusterBurstWindowMs = Duration.ofMinutes(10).toMillis();

    /** Categories count towards one incident's severity while they are this close in time. */
    public long incidentWindowMs = Duration.ofMinutes(15).toMillis();

    /** An incident with no new signal for this long (event time) closes and its state is freed. */
    public long incidentIdleCloseMs = Duration.ofHours(2).toMillis();

    /**
     * Findings below this severity ({@link Severity#id}) are not emitted; their incident keeps
     * collecting evidence and speaks once it escalates past it.
     */
    public int minFindingSeverity = Severity.MEDIUM.id;

    public static DetectionPolicy defaults() {
        return new DetectionPolicy();
    }
}
