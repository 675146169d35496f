package io.trailsentry.responder;

import static io.trailsentry.responder.Calls.params;

import io.trailsentry.responder.Actions.StepContext;
import io.trailsentry.responder.Actions.StepRefused;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

/** ECS: services to zero and deleted, tasks stopped, clusters and task definitions removed. */
final class ContainerActions {
    static final String STOP_REASON = "TrailSentry response to a stolen-credential finding";

    private ContainerActions() {}

    /** Target "cluster/service", as the detector records a created service. */
    static String deleteService(FindingOrder f, FindingOrder.Step s, StepContext c) {
        int slash = s.target.indexOf('/');
        if (slash <= 0 || slash == s.target.length() - 1) {
            throw new StepRefused("service target must be cluster/service: " + s.target);
        }
        String region = c.aws.regionOf(s.region);
        try {
            removeService(c, region, s.target.substring(0, slash), s.target.substring(slash + 1));
        } catch (ClusterNotFoundException e) {
            return "absent";
        }
        return "done";
    }

    /** Every service to zero and deleted, every task stopped, then the cluster deleted. */
    static String deleteCluster(FindingOrder f, FindingOrder.Step s, StepContext c) {
        String region = c.aws.regionOf(s.region);
        EcsClient ecs = c.aws.ecs(region);
        String cluster = s.target;
        List<String> services = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        try {
            // the SDK's paginators follow nextToken; read every page before changing anything
            ecs.listServicesPaginator(b -> b.cluster(cluster)).serviceArns().forEach(services::add);
            ecs.listTasksPaginator(b -> b.cluster(cluster)).taskArns().forEach(tasks::add);
        } catch (ClusterNotFoundException e) {
            return "absent";
        }
        for (String service : services) {
            removeService(c, region, cluster, service);
        }
        for (String task : tasks) {
            c.calls.mutate(
                    "ecs",
                    "StopTask",
                    region,
                    params("cluster", cluster, "task", task, "reason", STOP_REASON),
                    () -> ecs.stopTask(b -> b.cluster(cluster).task(task).reason(STOP_REASON)));
        }
        c.calls.mutate(
                "ecs",
                "DeleteCluster",
                region,
                params("cluster", cluster),
                () -> ecs.deleteCluster(b -> b.cluster(cluster)));
        return "done";
    }

    static String deregisterTaskDefinition(FindingOrder f, FindingOrder.Step s, StepContext c) {
        return c.single(
                s,
                "ecs",
                "DeregisterTaskDefinition",
                params("taskDefinition", s.target),
                r -> c.aws.ecs(r).deregisterTaskDefinition(b -> b.taskDefinition(s.target)));
    }

    /** Gone or draining already counts as removed: a redelivery or a second path got there. */
    private static void removeService(
            StepContext c, String region, String cluster, String service) {
        try {
            scaleAndDelete(c, region, cluster, service);
        } catch (ServiceNotFoundException | ServiceNotActiveException e) {
            // nothing left to remove
        }
    }

    private static void scaleAndDelete(
            StepContext c, String region, String cluster, String service) {
        EcsClient ecs = c.aws.ecs(region);
        c.calls.mutate(
                "ecs",
                "UpdateService",
                region,
                params("cluster", cluster, "service", service, "desiredCount", 0),
                () -> ecs.updateService(b -> b.cluster(cluster).service(service).desiredCount(0)));
        c.calls.mutate(
                "ecs",
                "DeleteService",
                region,
                params("cluster", cluster, "service", service, "force", true),
                () -> ecs.deleteService(b -> b.cluster(cluster).service(service).force(true)));
    }
}
