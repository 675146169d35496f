package io.trailsentry.responder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a finding ties to its principal: access keys, resources with their provenance, and the
 * sessions of an assumed role. Resource ids of ECS types are compared in canonical form (names, not
 * ARNs) so a service named by ARN in one place and by name in another is the same.
 */
public final class Evidence {
    /** One entry of the finding's {@code resources[]}. */
    public static final class Resource {
        public final String uid;
        public final String type;
        public final String region;

        /** "created" or "modified" (data.provenance), or null when the detector gave none. */
        public final String provenance;

        public final String event;
        public final Long time;

        Resource(
                String uid,
                String type,
                String region,
                String provenance,
                String event,
                Long time) {
            this.uid = uid;
            this.type = type;
            this.region = region;
            this.provenance = provenance;
            this.event = event;
            this.time = time;
        }

        public boolean created() {
            return "created".equals(provenance);
        }
    }

    /** One assumed-role session of the principal. */
    public static final class Session {
        public final String name;
        public final String userId;

        Session(String name, String userId) {
            this.name = name;
            this.userId = userId;
        }
    }

    /**
     * An identity the principal handed access to (a role session it assumed, a user it created or
     * gave a key) that joined the finding: contained with the principal, in the same account only.
     */
    public static final class Linked {
        public final String arn;
        public final String type;
        public final String userId;

        Linked(String arn, String type, String userId) {
            this.arn = arn;
            this.type = type;
            this.userId = userId;
        }
    }

    public final Set<String> accessKeyIds;
    public final List<Resource> resources;
    public final List<Session> sessions;
    public final List<Linked> linked;

    Evidence(
            Set<String> accessKeyIds,
            List<Resource> resources,
            List<Session> sessions,
            List<Linked> linked) {
        this.accessKeyIds = Collections.unmodifiableSet(new LinkedHashSet<>(accessKeyIds));
        this.resources = List.copyOf(resources);
        this.sessions = List.copyOf(sessions);
        this.linked = List.copyOf(linked);
    }

    /** The linked identity whose ARN is {@code arn}, or null. */
    public Linked linked(String arn) {
        for (Linked l : linked) {
            if (l.arn.equals(arn)) {
                return l;
            }
        }
        return null;
    }

    /** The resource of that type and region whose id is {@code id} (canonically), or null. */
    public Resource resource(String type, String id, String region) {
        String want = EcsIds.canonical(type, id);
        for (Resource r : resources) {
            if (r.type.equals(type)
                    && r.region.equals(region == null ? "" : region)
                    && EcsIds.canonical(type, r.uid).equals(want)) {
                return r;
            }
        }
        return null;
    }

    /** True when the finding lists {@code id} as a resource of that type, in any region. */
    public boolean hasResourceId(String type, String id) {
        for (Resource r : resources) {
            if (r.type.equals(type) && r.uid.equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** True when the finding says the principal created {@code id} of that type, in any region. */
    public boolean createdId(String type, String id) {
        for (Resource r : resources) {
            if (r.type.equals(type) && r.uid.equals(id) && r.created()) {
                return true;
            }
        }
        return false;
    }

    /** The {@code aws:userid} values of the principal's sessions. */
    public List<String> sessionUserIds() {
        List<String> out = new ArrayList<>();
        for (Session s : sessions) {
            if (s.userId != null) {
                out.add(s.userId);
            }
        }
        return out;
    }
}
