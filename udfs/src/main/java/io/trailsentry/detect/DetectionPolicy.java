package io.trailsentry.detect;

import io.trailsentry.profile.Profile;
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

    /** A RunInstances/fleet/spot count or ECS desired/task count this large is large. */
    public int largeCount = 10;

    /** Distinct read-only APIs and services within the enumeration window that make a burst. */
    public int enumerationApis = 10;

    public int enumerationServices = 3;
    public long enumerationWindowMs = Duration.ofMinutes(5).toMillis();

    /** AccessDenied/Unauthorized errors within the window that make a burst. */
    public int accessDeniedBurst = 10;

    public long accessDeniedWindowMs = Duration.ofMinutes(5).toMillis();

    /** A principal is mature (novelty counts) after this many active days and events. */
    public int matureDays = 2;

    public int matureEvents = 30;

    /** Whether {@code p} has enough history that novelty against it means something. */
    public boolean matured(Profile p) {
        return p.activeDays >= matureDays && p.events >= matureEvents;
    }

    /** Half-life of baseline weights. */
    public long baselineHalfLifeMs = Duration.ofDays(14).toMillis();

    /**
     * A reported incident that gains evidence or response targets is re-emitted at most this often
     * (event time), so responders reach resources created after the last escalation.
     */
    public long updateIntervalMs = Duration.ofMinutes(1).toMillis();

    /** Window of the CEP sequences (enumeration, validation, provisioning...). */
    public long sequenceWindowMs = Duration.ofMinutes(15).toMillis();

    /** Window of DryRun-then-provision and launch-then-protect. */
    public long followUpWindowMs = Duration.ofMinutes(30).toMillis();

    /** Feature window of the anomaly scorer. */
    public long scorerWindowMs = Duration.ofMinutes(5).toMillis();

    /** Windows the model must have seen before its scores raise signals (warm-up). */
    public int scorerMinPoints = 1024;

    /**
     * A window scoring at least this is evidence (not counted); at least {@link
     * #scorerCountThreshold} a counted LOW signal; at least {@link #scorerAlertThreshold} MEDIUM.
     * Calibrated on the scenario suite (bench-windows): benign windows p99 0.568, p99.9 0.673, max
     * 0.875 (a capacity test, a first deploy: novel but benign), so the scorer alone counts only
     * beyond anything benign there.
     */
    public double scorerThreshold = 0.67;

    public double scorerCountThreshold = 0.90;
    public double scorerAlertThreshold = 0.95;

    /** Registry prefixes whose images are approved (the account's own ECR always is). */
    public String[] approvedRegistries = new String[0];

    /** Regions the organisation uses; compute elsewhere is suspicious. Empty: use baselines. */
    public String[] expectedRegions = new String[0];

    /** Principal ARNs (or key suffixes) whose incidents are recorded as suppressed. */
    public String[] allowlistedPrincipals = new String[0];

    /** Principal ARNs the responder must never act on (break-glass, TrailSentry's own roles). */
    public String[] neverActPrincipals = new String[0];

    /** Planned-change windows during which a principal's incidents are suppressed. */
    public ChangeWindow[] changeWindows = new ChangeWindow[0];

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
