package io.trailsentry.responder;

import static io.trailsentry.responder.Calls.params;

import io.trailsentry.responder.Actions.StepRefused;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * ECS services, tasks and task definitions the principal created, each read and verified before it
 * is removed: a service to zero and deleted, a task stopped, a task definition deregistered.
 */
final class ServiceActions {
    static final String STOP_REASON = "TrailSentry response to a stolen-credential finding";

    private ServiceActions() {}

    /** Target "cluster/service" (or a service ARN), with the step's cluster and service. */
    static String deleteService(FindingOrder f, Step s, StepContext c) {
        EcsIds.Ref ref = EcsTargets.service(f, s, c);
        String region = c.region(s);
        EcsClient ecs = c.aws.ecs(region);
        Service svc;
        try {
            List<Service> found =
                    ecs.describeServices(b -> b.cluster(ref.cluster).services(ref.name)).services();
            svc = found.isEmpty() ? null : found.get(0);
        } catch (ClusterNotFoundException e) {
            return "absent";
        }
        if (svc == null || !"ACTIVE".equals(svc.status())) {
            return "absent";
        }
        verify(f, s, svc);
        try {
            removeService(c, region, ref.cluster, ref.name);
        } catch (ClusterNotFoundException
                | ServiceNotFoundException
                | ServiceNotActiveException e) {
            return "absent";
        }
        return "done";
    }

    /** Target a task ARN (or id with the step's cluster): stops that task only. */
    static String stopTask(FindingOrder f, Step s, StepContext c) {
        EcsIds.Ref ref = EcsTargets.task(f, s, c);
        String region = c.region(s);
        EcsClient ecs = c.aws.ecs(region);
        Task task;
        try {
            List<Task> found =
                    ecs.describeTasks(b -> b.cluster(ref.cluster).tasks(ref.name)).tasks();
            task = found.isEmpty() ? null : found.get(0);
        } catch (ClusterNotFoundException e) {
            return "absent";
        }
        if (task == null
                || "STOPPED".equals(task.lastStatus())
                || "STOPPED".equals(task.desiredStatus())) {
            return "absent";
        }
        Provenance.check(s, "task " + ref.name, task.createdAt());
        stop(c, region, ref.cluster, task.taskArn());
        return "done";
    }

    static String deregisterTaskDefinition(FindingOrder f, Step s, StepContext c) {
        String id = EcsTargets.taskDefinition(f, s, c);
        EcsClient ecs = c.aws.ecs(c.region(s));
        TaskDefinition td;
        try {
            td = ecs.describeTaskDefinition(b -> b.taskDefinition(id)).taskDefinition();
        } catch (ClientException e) {
            // ECS answers ClientException "Unable to describe task definition" for an unknown one
            return "absent";
        }
        if (td == null || "INACTIVE".equals(td.statusAsString())) {
            return "absent";
        }
        Provenance.check(s, "task definition " + id, td.registeredAt());
        Provenance.creator("task definition " + id, td.registeredBy(), f.principalArn);
        return c.single(
                s,
                "ecs",
                "DeregisterTaskDefinition",
                params("taskDefinition", id),
                r -> ecs.deregisterTaskDefinition(b -> b.taskDefinition(id)));
    }

    /** The principal's service: created after the bound, by the principal when ECS says who. */
    static void verify(FindingOrder f, Step s, Service svc) {
        String what = "service " + svc.serviceName();
        Provenance.check(s, what, svc.createdAt());
        Provenance.creator(what, svc.createdBy(), f.principalArn);
    }

    static void removeService(StepContext c, String region, String cluster, String service) {
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

    static void stop(StepContext c, String region, String cluster, String task) {
        EcsClient ecs = c.aws.ecs(region);
        c.calls.mutate(
                "ecs",
                "StopTask",
                region,
                params("cluster", cluster, "task", task, "reason", STOP_REASON),
                () -> ecs.stopTask(b -> b.cluster(cluster).task(task).reason(STOP_REASON)));
    }

    /** Refuses unless a cluster is known. */
    static String requireCluster(String cluster, Step s) {
        if (cluster == null) {
            throw new StepRefused("no ECS cluster for " + s.target);
        }
        return cluster;
    }
}
