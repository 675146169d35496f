package io.trailsentry.responder;

import io.trailsentry.responder.Actions.StepRefused;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * An ECS cluster the principal created, removed with what runs in it. ECS keeps no creation time
 * for a cluster, and CreateCluster with an existing name answers 200 with the existing cluster, so
 * the cluster is judged by its contents: every service and task in it must have been created after
 * the principal's CreateCluster (less the tolerance) and no container instance may be registered.
 * Otherwise it was an existing cluster and is refused whole; the plan's own {@code stop-ecs-task}
 * steps stop only the tasks the finding lists.
 */
final class ClusterActions {
    /** DescribeServices takes 10 services per call, DescribeTasks 100 tasks. */
    static final int SERVICES_PER_DESCRIBE = 10;

    static final int TASKS_PER_DESCRIBE = 100;

    private ClusterActions() {}

    static String deleteCluster(FindingOrder f, Step s, StepContext c) {
        String cluster = EcsTargets.cluster(f, s, c).name;
        String region = c.region(s);
        EcsClient ecs = c.aws.ecs(region);
        List<Service> services = new ArrayList<>();
        List<Task> tasks = new ArrayList<>();
        try {
            List<Cluster> found = ecs.describeClusters(b -> b.clusters(cluster)).clusters();
            if (found.isEmpty() || !"ACTIVE".equals(found.get(0).status())) {
                return "absent";
            }
            if (found.get(0).registeredContainerInstancesCount() != null
                    && found.get(0).registeredContainerInstancesCount() > 0) {
                throw new StepRefused(
                        Provenance.NOT_CREATED,
                        "cluster "
                                + cluster
                                + " has registered container instances: not a cluster the"
                                + " principal created");
            }
            // every page read, and every service and task verified, before anything changes
            List<String> arns = new ArrayList<>();
            ecs.listServicesPaginator(b -> b.cluster(cluster)).serviceArns().forEach(arns::add);
            for (List<String> batch : batches(arns, SERVICES_PER_DESCRIBE)) {
                services.addAll(
                        ecs.describeServices(b -> b.cluster(cluster).services(batch)).services());
            }
            arns.clear();
            ecs.listTasksPaginator(b -> b.cluster(cluster)).taskArns().forEach(arns::add);
            for (List<String> batch : batches(arns, TASKS_PER_DESCRIBE)) {
                tasks.addAll(ecs.describeTasks(b -> b.cluster(cluster).tasks(batch)).tasks());
            }
        } catch (ClusterNotFoundException e) {
            return "absent";
        }
        for (Service svc : services) {
            ServiceActions.verify(f, s, svc);
        }
        for (Task t : tasks) {
            Provenance.check(s, "task " + t.taskArn() + " in cluster " + cluster, t.createdAt());
        }
        for (Service svc : services) {
            if ("ACTIVE".equals(svc.status())) {
                try {
                    ServiceActions.removeService(c, region, cluster, svc.serviceName());
                } catch (ServiceNotFoundException | ServiceNotActiveException e) {
                    // removed meanwhile: nothing left to do for it
                }
            }
        }
        for (Task t : tasks) {
            // a service's tasks stop with the service; standalone tasks are stopped one by one
            boolean ofService = t.group() != null && t.group().startsWith("service:");
            if (!ofService && !"STOPPED".equals(t.desiredStatus())) {
                ServiceActions.stop(c, region, cluster, t.taskArn());
            }
        }
        c.calls.mutate(
                "ecs",
                "DeleteCluster",
                region,
                Calls.params("cluster", cluster),
                () -> ecs.deleteCluster(b -> b.cluster(cluster)));
        return "done";
    }

    static <T> List<List<T>> batches(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            out.add(List.copyOf(all.subList(from, Math.min(all.size(), from + size))));
        }
        return out;
    }
}
