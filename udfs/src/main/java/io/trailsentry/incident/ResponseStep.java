package io.trailsentry.incident;

import io.trailsentry.detect.Provenance;
import io.trailsentry.detect.ResourceType;
import java.util.Arrays;
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

    /**
     * For steps on a resource: {@code created} (only these are eradicated) or {@code modified}
     * (reverted exactly, or left to people). Null for identity steps.
     */
    public String provenance;

    /** For created resources: event time of the creating call, so a responder can verify it. */
    public long createdAt;

    /** ECS steps: the cluster name, and the service name of service steps. */
    public String cluster;

    public String service;

    /** Launch template version steps: the template name and the version the principal added. */
    public String template;

    public String version;

    /** {@code deny-session}: the sessions' {@code aws:userid} values. */
    public String[] userIds;

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

    /** Records how the step's resource is tied to the principal, and where an ECS one lives. */
    public ResponseStep on(ResourceRef r) {
        provenance = r.created() ? Provenance.CREATED : Provenance.MODIFIED;
        createdAt = r.created() ? r.time : 0;
        if (r.type() == ResourceType.ECS_CLUSTER) {
            cluster = r.id;
        } else if (r.parent != null) {
            cluster = r.parent;
        }
        return this;
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
                && Objects.equals(region, s.region)
                && Objects.equals(provenance, s.provenance)
                && createdAt == s.createdAt
                && Objects.equals(cluster, s.cluster)
                && Objects.equals(service, s.service)
                && Objects.equals(template, s.template)
                && Objects.equals(version, s.version)
                && Arrays.equals(userIds, s.userIds);
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
