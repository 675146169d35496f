package io.trailsentry.responder;

/**
 * ECS identifiers in every form a finding may carry them, reduced to names. Cluster: {@code NAME}
 * or {@code arn:aws:ecs:REGION:ACCOUNT:cluster/NAME}. Service: {@code
 * arn:...:service/CLUSTER/NAME}, the old {@code arn:...:service/NAME}, {@code CLUSTER/NAME} where
 * CLUSTER may itself be a cluster ARN, or {@code NAME}. Task: {@code arn:...:task/CLUSTER/ID}, the
 * old {@code arn:...:task/ID}, or {@code ID}. Task definition: {@code
 * arn:...:task-definition/FAMILY:REVISION} or {@code FAMILY:REVISION}. Cluster, service and task
 * names cannot contain {@code /}, so the last {@code /} separates a service from its cluster.
 */
final class EcsIds {
    /** A parsed id: cluster and name (cluster null when the form does not carry it). */
    static final class Ref {
        final String region;
        final String account;
        final String cluster;
        final String name;

        Ref(String region, String account, String cluster, String name) {
            this.region = region;
            this.account = account;
            this.cluster = cluster;
            this.name = name;
        }
    }

    private EcsIds() {}

    static Ref cluster(String id) {
        Arn a = Arn.parse(id);
        if (a == null) {
            return new Ref(null, null, null, plain(id, "cluster"));
        }
        String name = a.after("cluster/");
        return new Ref(a.region, a.account, null, plain(name, "cluster"));
    }

    static Ref service(String id) {
        Arn a = Arn.parse(id);
        if (a != null && a.resource.startsWith("service/")) {
            return inCluster(a, "service");
        }
        int slash = id.lastIndexOf('/');
        if (slash < 0) {
            return new Ref(null, null, null, plain(id, "service"));
        }
        Ref c = cluster(id.substring(0, slash));
        return new Ref(c.region, c.account, c.name, plain(id.substring(slash + 1), "service"));
    }

    /**
     * A {@code KIND/NAME} (old format) or {@code KIND/CLUSTER/NAME} (new format) ARN resource, the
     * cluster named where the ARN names it.
     */
    private static Ref inCluster(Arn a, String kind) {
        String rest = a.after(kind + "/");
        int slash = rest.indexOf('/');
        return slash < 0
                ? new Ref(a.region, a.account, null, plain(rest, kind))
                : new Ref(
                        a.region,
                        a.account,
                        plain(rest.substring(0, slash), "cluster"),
                        plain(rest.substring(slash + 1), kind));
    }

    static Ref task(String id) {
        Arn a = Arn.parse(id);
        if (a == null) {
            return new Ref(null, null, null, plain(id, "task"));
        }
        return inCluster(a, "task");
    }

    static Ref taskDefinition(String id) {
        Arn a = Arn.parse(id);
        String name = a == null ? id : a.after("task-definition/");
        return new Ref(
                a == null ? null : a.region,
                a == null ? null : a.account,
                null,
                plain(name, "task definition"));
    }

    /** The id as the evidence compares it: names for ECS types, the id itself otherwise. */
    static String canonical(String type, String id) {
        try {
            switch (type) {
                case "AWS::ECS::Cluster":
                    return cluster(id).name;
                case "AWS::ECS::Service":
                    Ref s = service(id);
                    return (s.cluster == null ? "" : s.cluster) + "/" + s.name;
                case "AWS::ECS::Task":
                    Ref t = task(id);
                    return (t.cluster == null ? "" : t.cluster) + "/" + t.name;
                case "AWS::ECS::TaskDefinition":
                    return taskDefinition(id).name;
                default:
                    return id;
            }
        } catch (IllegalArgumentException e) {
            return "\u0000invalid:" + id;
        }
    }

    private static String plain(String s, String what) {
        boolean colonAllowed = what.equals("task definition");
        if (s == null
                || s.isEmpty()
                || s.indexOf('/') >= 0
                || (!colonAllowed && s.indexOf(':') >= 0)) {
            throw new IllegalArgumentException("not an ECS " + what + " name: " + s);
        }
        return s;
    }

    /** arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, for ECS ARNs only. */
    private static final class Arn {
        final String region;
        final String account;
        final String resource;

        private Arn(String region, String account, String resource) {
            this.region = region;
            this.account = account;
            this.resource = resource;
        }

        static Arn parse(String id) {
            if (id == null || !id.startsWith("arn:")) {
                return null;
            }
            String[] p = id.split(":", 6);
            if (p.length != 6 || !p[2].equals("ecs")) {
                throw new IllegalArgumentException("not an ECS ARN: " + id);
            }
            return new Arn(p[3], p[4], p[5]);
        }

        String after(String prefix) {
            if (!resource.startsWith(prefix)) {
                throw new IllegalArgumentException(
                        "ECS ARN of another resource type: expected "
                                + prefix
                                + ", got "
                                + resource);
            }
            return resource.substring(prefix.length());
        }
    }
}
