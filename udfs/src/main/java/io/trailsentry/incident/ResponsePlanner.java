package io.trailsentry.incident;

import io.trailsentry.principal.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an incident's evidence and targets into the ordered response plan of the threat model:
 * contain identity and spend, reverse what blocks clean-up, eradicate, rotate.
 *
 * <p>What a plan may touch is decided by provenance: only resources the principal <em>created</em>
 * are eradicated; a resource it only <em>modified</em> is reverted exactly where the evidence holds
 * the change (the template version it added) and otherwise left to people with a review step. A
 * role is contained per session: older sessions revoked and the thief's session denied for a while,
 * never a permanent role-wide deny, so the workloads sharing the role keep working.
 */
public final class ResponsePlanner {
    /**
     * Eradication in order: what re-creates compute first (groups, services, tasks), then clusters,
     * task definitions, the instances themselves and the templates they came from. Each row: target
     * type, action, description with the target id as {@code %s}.
     */
    private static final String[][] ERADICATION = {
        {
            "autoscaling-group",
            "delete-autoscaling-group",
            "Scale Auto Scaling group %s to zero, then delete it"
        },
        {"ecs-service", "delete-ecs-service", "Scale ECS service %s to zero, then delete it"},
        {"ecs-task", "stop-ecs-task", "Stop ECS task %s"},
        {"ecs-cluster", "delete-ecs-cluster", "Stop the tasks of ECS cluster %s and delete it"},
        {"task-definition", "deregister-task-definition", "Deregister task definition %s"},
        {"instance", "terminate-instance", "Terminate instance %s"},
        {"launch-template", "delete-launch-template", "Delete launch template %s"},
    };

    /** Types a principal may have modified without creating, each reviewed by people. */
    private static final String[] REVIEWED = {
        "autoscaling-group",
        "ecs-service",
        "ecs-cluster",
        "instance",
        "launch-template",
        "iam-role",
        "iam-user",
        "lambda-function"
    };

    private ResponsePlanner() {}

    public static ResponseStep[] plan(Incident inc) {
        Plan p = new Plan();
        contain(p, inc);
        reverse(p, inc);
        eradicate(p, inc);
        String arn = inc.principal.arn;
        if (isUser(arn) || isRole(arn) || arn != null && arn.endsWith(":root")) {
            p.add(
                    ResponseStep.ERADICATE,
                    "rotate-credentials",
                    arn,
                    null,
                    "Rotate the principal's credentials once its resources are gone");
        }
        return p.steps.toArray(new ResponseStep[0]);
    }

    private static void contain(Plan p, Incident inc) {
        for (String key : inc.accessKeyIds) {
            if (key.startsWith("AKIA")) {
                p.add(
                        ResponseStep.CONTAIN,
                        "deactivate-access-key",
                        key,
                        null,
                        "Deactivate access key " + key + " used in the evidence");
            }
        }
        for (ResourceRef k : targets(inc, "access-key", true)) {
            p.add(
                            ResponseStep.CONTAIN,
                            "deactivate-access-key",
                            k.id,
                            null,
                            "Deactivate access key " + k.id + " the principal created")
                    .on(k);
        }
        Principal who = inc.principal;
        if (isRole(who.arn)) {
            p.add(
                    ResponseStep.CONTAIN,
                    "revoke-role-sessions",
                    who.arn,
                    null,
                    "Deny every session of this role issued before now (aws:TokenIssueTime);"
                            + " workloads that share the role assume it again");
            if (who.userId != null && who.userId.indexOf(':') > 0) {
                ResponseStep deny =
                        p.add(
                                ResponseStep.CONTAIN,
                                "deny-session",
                                who.arn,
                                null,
                                "Deny everything, for a limited time, to the session "
                                        + who.userId
                                        + " (aws:userid), should it be assumed again");
                deny.userIds = new String[] {who.userId};
            }
        } else if (isUser(who.arn)) {
            p.add(
                    ResponseStep.CONTAIN,
                    "quarantine-principal",
                    who.arn,
                    null,
                    "Attach an explicit deny-all policy to the user");
            p.add(
                    ResponseStep.CONTAIN,
                    "deny-compute-creation",
                    who.arn,
                    null,
                    "Deny RunInstances, Auto Scaling create/update and ECS cluster/service/task"
                            + " creation to the user");
        }
    }

    private static void reverse(Plan p, Incident inc) {
        // Every instance the plan terminates, not only those the (capped) evidence shows protected.
        for (ResourceRef i : targets(inc, "instance", true)) {
            p.add(
                            ResponseStep.REVERSE,
                            "enable-instance-termination",
                            i.id,
                            i.region,
                            "Set DisableApiTermination=false on " + i.id + " before terminating it")
                    .on(i);
        }
        for (ResourceRef g : targets(inc, "autoscaling-group", true)) {
            p.add(
                            ResponseStep.REVERSE,
                            "clear-scale-in-protection",
                            g.id,
                            g.region,
                            "Clear scale-in protection of group " + g.id + " and its instances")
                    .on(g);
        }
        Set<String> createdTemplates = ids(targets(inc, "launch-template", true));
        for (ResourceRef v : targets(inc, "launch-template-version", false)) {
            int colon = v.id.lastIndexOf(':');
            String template = colon < 0 ? v.id : v.id.substring(0, colon);
            if (colon > 0 && !createdTemplates.contains(template)) {
                ResponseStep s =
                        p.add(
                                        ResponseStep.REVERSE,
                                        "delete-launch-template-version",
                                        v.id,
                                        v.region,
                                        "Delete version "
                                                + v.id.substring(colon + 1)
                                                + " the principal added to launch template "
                                                + template)
                                .on(v);
                s.template = template;
                s.version = v.id.substring(colon + 1);
            }
        }
        for (String type : new String[] {"iam-role", "iam-user", "lambda-function"}) {
            for (ResourceRef r : targets(inc, type, true)) {
                p.add(
                                ResponseStep.REVERSE,
                                "review-created-" + type,
                                r.id,
                                r.region,
                                "Review and remove " + type + " " + r.id + " the principal created")
                        .on(r);
            }
        }
        for (String type : REVIEWED) {
            for (ResourceRef r : targets(inc, type, false)) {
                p.add(
                                ResponseStep.REVERSE,
                                "review-modified-" + type,
                                r.id,
                                r.region,
                                "Review "
                                        + type
                                        + " "
                                        + r.id
                                        + ": the principal changed it ("
                                        + r.event
                                        + "); it existed before, so it is not deleted")
                        .on(r);
            }
        }
    }

    private static void eradicate(Plan p, Incident inc) {
        Set<String> createdClusters = ids(targets(inc, "ecs-cluster", true));
        for (String[] rule : ERADICATION) {
            for (ResourceRef r : targets(inc, rule[0], true)) {
                if ("ecs-task".equals(r.type) && createdClusters.contains(r.parent)) {
                    continue; // deleting its cluster stops it
                }
                ResponseStep s =
                        p.add(
                                        ResponseStep.ERADICATE,
                                        rule[1],
                                        r.id,
                                        r.region,
                                        String.format(rule[2], r.id))
                                .on(r);
                if ("ecs-service".equals(r.type)) {
                    s.service = r.id.substring(r.id.indexOf('/') + 1);
                }
            }
        }
    }

    static boolean isRole(String arn) {
        return arn != null && arn.startsWith("arn:") && arn.contains(":role/");
    }

    static boolean isUser(String arn) {
        return arn != null && arn.startsWith("arn:") && arn.contains(":user/");
    }

    /** Targets of {@code type}: the created ones, or the ones only modified. */
    private static List<ResourceRef> targets(Incident inc, String type, boolean created) {
        List<ResourceRef> out = new ArrayList<>();
        for (ResourceRef r : inc.targets) {
            if (type.equals(r.type) && r.created() == created) {
                out.add(r);
            }
        }
        return out;
    }

    private static Set<String> ids(List<ResourceRef> refs) {
        Set<String> out = new LinkedHashSet<>();
        for (ResourceRef r : refs) {
            out.add(r.id);
        }
        return out;
    }

    private static final class Plan {
        final List<ResponseStep> steps = new ArrayList<>();
        final Set<String> seen = new LinkedHashSet<>();

        /** Adds the step, or returns a detached one when the same step is already planned. */
        ResponseStep add(
                String phase, String action, String target, String region, String description) {
            ResponseStep s =
                    new ResponseStep(steps.size() + 1, phase, action, target, region, description);
            if (seen.add(action + "|" + target + "|" + region)) {
                steps.add(s);
            }
            return s;
        }
    }
}
