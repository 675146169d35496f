package io.trailsentry.incident;

import java.util.Objects;

/** A resource the evidence ties to a principal: what it is, its id, where. */
public class ResourceRef {
    /** instance, autoscaling-group, ecs-cluster, ecs-service, task-definition, iam-role... */
    public String type;

    public String id;
    public String region;

    public ResourceRef() {}

    public ResourceRef(String type, String id, String region) {
        this.type = type;
        this.id = id;
        this.region = region;
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
        return type + ":" + id + (region == null ? "" : "@" + region);
    }
}
