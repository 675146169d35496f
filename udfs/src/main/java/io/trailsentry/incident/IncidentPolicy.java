package io.trailsentry.incident;

import io.trailsentry.detect.Severity;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** When incidents speak and close, and which principals policy suppresses or never acts on. */
public final class IncidentPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The most hops {@link #lineageHops} may ask for. */
    public static final int MAX_LINEAGE_HOPS = 6;

    /** Categories count towards one incident's severity while they are this close in time. */
    public final long incidentWindowMs;

    /** An incident with no new signal for this long (event time) closes and its state is freed. */
    public final long incidentIdleCloseMs;

    /**
     * A principal's closed incident is remembered this long: the next incident's severity counts
     * its categories, one step lower (reconnaissance in the evening, impact the next morning).
     */
    public final long campaignMemoryMs;

    /**
     * A hand-off (a role assumed, a user created or given a key) joins the identity's later signals
     * to the incident of the principal that handed it access for this long; 0 turns identity
     * lineage off.
     */
    public final long lineageMemoryMs;

    /**
     * How many hand-offs lineage follows back: 1 joins an identity to its direct parent's incident
     * only; 3 (the default) also to its parent's parent and one more (a stolen user key assuming a
     * role that assumes another). Each hop past the first is one more keyed operator.
     */
    public final int lineageHops;

    /**
     * A reported incident that gains evidence or response targets is re-emitted at most this often
     * (event time), so responders reach resources created after the last escalation.
     */
    public final long updateIntervalMs;

    /**
     * Findings below this severity ({@link Severity#id}) are not emitted; their incident keeps
     * collecting evidence and speaks once it escalates past it.
     */
    public final int minFindingSeverity;

    /** ARN patterns whose incidents are recorded as suppressed. */
    public final List<String> allowlistedPrincipals;

    /** ARN patterns a responder must never act on (break-glass, TrailSentry's own roles). */
    public final List<String> neverActPrincipals;

    /** Planned-change windows during which a principal's incidents are suppressed. */
    public final List<ChangeWindow> changeWindows;

    private IncidentPolicy(Builder b) {
        this.incidentWindowMs = b.incidentWindowMs;
        this.incidentIdleCloseMs = b.incidentIdleCloseMs;
        this.campaignMemoryMs = b.campaignMemoryMs;
        this.lineageMemoryMs = b.lineageMemoryMs;
        this.lineageHops = b.lineageHops;
        this.updateIntervalMs = b.updateIntervalMs;
        this.minFindingSeverity = b.minFindingSeverity;
        this.allowlistedPrincipals = List.copyOf(Arrays.asList(b.allowlistedPrincipals));
        this.neverActPrincipals = List.copyOf(Arrays.asList(b.neverActPrincipals));
        this.changeWindows = List.copyOf(Arrays.asList(b.changeWindows));
    }

    public static IncidentPolicy defaults() {
        return new Builder().build();
    }

    /** The knobs, with their defaults; JSON policy documents bind to these names. */
    public static final class Builder {
        public long incidentWindowMs = Duration.ofMinutes(15).toMillis();
        public long incidentIdleCloseMs = Duration.ofHours(2).toMillis();
        public long campaignMemoryMs = Duration.ofHours(24).toMillis();
        public long lineageMemoryMs = Duration.ofHours(24).toMillis();
        public int lineageHops = 3;
        public long updateIntervalMs = Duration.ofMinutes(1).toMillis();
        public int minFindingSeverity = Severity.MEDIUM.id;
        public String[] allowlistedPrincipals = new String[0];
        public String[] neverActPrincipals = new String[0];
        public ChangeWindow[] changeWindows = new ChangeWindow[0];

        public IncidentPolicy build() {
            if (incidentWindowMs <= 0
                    || incidentIdleCloseMs <= 0
                    || updateIntervalMs < 0
                    || lineageMemoryMs < 0) {
                throw new IllegalArgumentException("incident windows must be positive");
            }
            if (lineageHops < 1 || lineageHops > MAX_LINEAGE_HOPS) {
                throw new IllegalArgumentException(
                        "lineageHops must be 1 to " + MAX_LINEAGE_HOPS + ": " + lineageHops);
            }
            if (minFindingSeverity < Severity.INFO.id
                    || minFindingSeverity > Severity.CRITICAL.id) {
                throw new IllegalArgumentException(
                        "minFindingSeverity must be a severity id, 1 to 5");
            }
            for (ChangeWindow w : changeWindows) {
                try {
                    w.validate();
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "bad change window for " + w.principal + ": " + e.getMessage());
                }
            }
            return new IncidentPolicy(this);
        }
    }
}
