package io.trailsentry.incident;

import java.util.Objects;

/**
 * One step of a finding's response plan, in the threat model's order: contain identity and spend,
 * reverse persistence blockers, eradicate.
 */
public class ResponseStep {
    public static final String CONTAIN = "contain";
    public static final String REVERSE = "reverse";
    public static final String ERADICATE = "eradicate";

    public int order;

    /** {@link #CONTAIN}, {@link #REVERSE} or {@link #ERADICATE}. */
    public String phase;

    /** A stable action name the responder executes, e.g. {@code deactivate-access-key}. */
    public String action;

    /** What it acts on: an access key id, an ARN, an instance id, a group or cluster name. */
    public String target;

    /** The region the target lives in, when it has one. */
    public String region;

    public String description;

    public ResponseStep() {}

    public ResponseStep(
            int order,
            String phase,
            String action,
            String target,
            String region,
            String description) {
        this.order = order;
        this.phase = phase;
        this.action = action;
        this.target = target;
        this.region = region;
        this.description = description;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ResponseStep)) {
            return false;
        }
        ResponseStep s = (ResponseStep) o;
        return order == s.order
                && Objects.equals(phase, s.phase)
                && Objects.equals(action, s.action)
                && Objects.equals(target, s.target)
                && Objects.equals(region, s.region);
    }

    @Override
    public int hashCode() {
        return Objects.hash(order, action, target);
    }

    @Override
    public String toString() {
        return order + ". " + phase + " " + action + " " + target;
    }
}
