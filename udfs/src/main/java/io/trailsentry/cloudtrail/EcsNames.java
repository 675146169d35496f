package io.trailsentry.cloudtrail;

/**
 * ECS names as responders address them. Requests name clusters and services by name or by ARN
 * ({@code arn:aws:ecs:REGION:ACCOUNT:cluster/NAME}, {@code ...:service/CLUSTER/NAME}, the older
 * {@code ...:service/NAME}); a response plan always carries plain names, so a {@code
 * cluster/service} pair never splits inside an ARN.
 */
public final class EcsNames {
    private EcsNames() {}

    /** The cluster name of a cluster name or ARN. */
    public static String cluster(String nameOrArn) {
        int at = nameOrArn.indexOf(":cluster/");
        return at < 0 ? nameOrArn : nameOrArn.substring(at + ":cluster/".length());
    }

    /** The service name of a service name or ARN (either ARN format). */
    public static String service(String nameOrArn) {
        int at = nameOrArn.indexOf(":service/");
        if (at < 0) {
            return nameOrArn;
        }
        String rest = nameOrArn.substring(at + ":service/".length());
        return rest.substring(rest.lastIndexOf('/') + 1);
    }

    /** The cluster a new-format service ARN names, or null (a name, or an old-format ARN). */
    public static String clusterOfService(String nameOrArn) {
        int at = nameOrArn.indexOf(":service/");
        if (at < 0) {
            return null;
        }
        String rest = nameOrArn.substring(at + ":service/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? null : rest.substring(0, slash);
    }

    /** The cluster a new-format task ARN ({@code ...:task/CLUSTER/ID}) names, or null. */
    public static String clusterOfTask(String taskArn) {
        int at = taskArn.indexOf(":task/");
        if (at < 0) {
            return null;
        }
        String rest = taskArn.substring(at + ":task/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? null : rest.substring(0, slash);
    }
}
