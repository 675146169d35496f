package io.trailsentry.responder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small AWS world the stand-in answers from. A resource registered without a creation time is
 * reported as created at {@link #LATE} (after any finding), so it passes the responder's provenance
 * checks; production resources are given their real, older creation time. Mutations the responder
 * sends change the world (a stopped task is no longer listed), as AWS would.
 */
public final class StandInWorld {
    /** The creation time of resources registered without one: later than any test finding. */
    public static final Instant LATE = Instant.parse("2100-01-01T00:00:00Z");

    /** An Auto Scaling group. */
    public static final class Group {
        final Map<String, Boolean> instances;
        final Instant created;
        boolean deleted;

        Group(Map<String, Boolean> instances, Instant created) {
            this.instances = instances;
            this.created = created;
        }
    }

    /**
     * An EC2 instance: when it first ran, its current LaunchTime (later after a restart), and
     * whether termination protection is on (an instance the world does not know is the attacker's
     * launch, protected as in the campaign).
     */
    public static final class Instance {
        final Instant firstRan;
        final Instant launchTime;
        String state = "running";
        boolean protectedFromTermination;

        Instance(Instant firstRan, Instant launchTime) {
            this.firstRan = firstRan;
            this.launchTime = launchTime;
        }
    }

    /** A launch template and its versions (version number to creation time). */
    public static final class Template {
        final Instant created;
        final String createdBy;
        final Map<String, Instant> versions = new ConcurrentHashMap<>();
        String defaultVersion = "1";

        Template(Instant created, String createdBy) {
            this.created = created;
            this.createdBy = createdBy;
        }
    }

    /** An ECS service. */
    public static final class Service {
        final String name;
        final Instant created;
        final String createdBy;
        String status = "ACTIVE";

        Service(String name, Instant created, String createdBy) {
            this.name = name;
            this.created = created;
            this.createdBy = createdBy;
        }
    }

    /** An ECS task. */
    public static final class Task {
        final String arn;
        final Instant created;
        final String group;
        String desiredStatus = "RUNNING";

        Task(String arn, Instant created, String group) {
            this.arn = arn;
            this.created = created;
            this.group = group;
        }
    }

    /** An ECS cluster with its services and tasks. */
    public static final class Cluster {
        final List<Service> services = new ArrayList<>();
        final List<Task> tasks = new ArrayList<>();
        int containerInstances;
        String status = "ACTIVE";

        /** A service by name or ARN; one the world does not know is created at {@link #LATE}. */
        Service service(String name) {
            for (Service s : services) {
                if (s.name.equals(name) || name.endsWith("/" + s.name)) {
                    return s;
                }
            }
            Service made = new Service(name.substring(name.lastIndexOf('/') + 1), LATE, null);
            services.add(made);
            return made;
        }

        Task task(String id) {
            for (Task t : tasks) {
                if (t.arn.equals(id) || t.arn.endsWith("/" + id)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** A task definition. */
    public static final class TaskDefinition {
        final Instant registered;
        final String registeredBy;
        String status = "ACTIVE";

        TaskDefinition(Instant registered, String registeredBy) {
            this.registered = registered;
            this.registeredBy = registeredBy;
        }
    }

    final Map<String, String> keyOwners = new ConcurrentHashMap<>();
    final Map<String, Group> groups = new ConcurrentHashMap<>();
    final Map<String, Instance> instances = new ConcurrentHashMap<>();
    final Map<String, Template> templates = new ConcurrentHashMap<>();
    final Map<String, Cluster> clusters = new ConcurrentHashMap<>();
    final Map<String, TaskDefinition> taskDefinitions = new ConcurrentHashMap<>();
    final Map<String, String> rolePolicies = new ConcurrentHashMap<>();

    /** An instance, registered or (unknown to the world) a new one launched at {@link #LATE}. */
    Instance instance(String id) {
        return instances.computeIfAbsent(
                id,
                k -> {
                    Instance i = new Instance(LATE, LATE);
                    i.protectedFromTermination = true;
                    return i;
                });
    }

    /** A template, registered or (unknown) one created at {@link #LATE}. */
    Template template(String name) {
        return templates.computeIfAbsent(name, k -> new Template(LATE, null));
    }

    /** A task definition, registered or (unknown) one registered at {@link #LATE}. */
    TaskDefinition taskDefinition(String id) {
        String key = id.substring(id.lastIndexOf('/') + 1);
        return taskDefinitions.computeIfAbsent(key, k -> new TaskDefinition(LATE, null));
    }
}
