package io.trailsentry.incident;

import io.trailsentry.detect.Provenance;
import io.trailsentry.detect.ResourceType;
import java.util.Objects;

/**
 * A resource the evidence ties to a principal: what it is, its id, where, and how it is tied
 * ({@link Provenance}). Identity is type, id and region.
 */
public class ResourceRef {
    /** A {@link ResourceType#key}: instance, autoscaling-group, ecs-cluster, ecs-task... */
    public String type;

    public String id;
    public String region;

    /**
     * {@link Provenance#CREATED} or {@link Provenance#MODIFIED}; null in state written before
     * provenance existed, which counts as modified.
     */
    public String provenance;

    /** The CloudTrail event that tied it (for created: the creating call) and its time. */
    public String event;

    public long time;

    /** The ECS cluster name of an ECS service or task, else null. */
    public String parent;

    public ResourceRef() {}

    public ResourceRef(ResourceType type, String id, String region) {
        this.type = type.key;
        this.id = id;
        this.region = region;
    }

    public ResourceRef(
            ResourceType type,
            String id,
            String region,
            String provenance,
            String event,
            long time) {
        this(type, id, region);
        this.provenance = provenance;
        this.event = event;
        this.time = time;
    }

    public ResourceType type() {
        return ResourceType.ofKey(type);
    }

    /** Whether the principal created it: the only resources eradication may touch. */
    public boolean created() {
        return Provenance.CREATED.equals(provenance);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ResourceRef)) {
            return false;
        }
        ResourceRef r = (ResourceRef) o;
        return Objects.equals(type, r.type)
                && Objects.equals(id, r.id)
                && Objects.equals(region, r.region);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, region);
    }

    @Override
    public String toString() {
        return type
                + ":"
                + id
                + (region == null ? "" : "@" + region)
                + (provenance == null ? "" : " (" + provenance + ")");
    }
}
