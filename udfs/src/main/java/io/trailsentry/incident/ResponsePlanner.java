package io.trailsentry.incident;

import io.trailsentry.detect.Detections;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an incident's evidence and targets into the ordered response plan of the threat model:
 * contain identity and spend, reverse what blocks clean-up, eradicate, rotate. Targets come only
 * from the evidence, so the plan never names a resource the principal was not seen touching.
 */
public final class ResponsePlanner {
    /**
     * Eradication in order: what re-creates compute first (groups, services), then clusters, task
     * definitions, the instances themselves and the templates they came from. Each row: target
     * type, action, description with the target id as {@code %s}.
     */
    private static final String[][] ERADICATION = {
        {
            "autoscaling-group",
            "delete-autoscaling-group",
            "Scale Auto Scaling group %s to zero, then delete it"
        },
        {"ecs-service", "delete-ecs-service", "Scale ECS service %s to zero, then delete it"},
        {"ecs-cluster", "delete-ecs-cluster", "Stop the tasks of ECS cluster %s and delete it"},
        {"task-definition", "deregister-task-definition", "Deregister task definition %s"},
        {"instance", "terminate-instance", "Terminate instance %s"},
        {"launch-template", "delete-launch-template", "Delete launch template %s"},
    };

    private ResponsePlanner() {}

    public static ResponseStep[] plan(Incident inc) {
        Plan p = new Plan();
        String arn = inc.principal.arn;
        boolean role = arn != null && arn.contains(":role/");
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
        for (ResourceRef k : targets(inc, "access-key")) {
            p.add(
                    ResponseStep.CONTAIN,
                    "deactivate-access-key",
                    k.id,
                    null,
                    "Deactivate access key " + k.id + " the principal created");
        }
        if (role) {
            p.add(
                    ResponseStep.CONTAIN,
                    "revoke-role-sessions",
                    arn,
                    null,
                    "Deny all actions to sessions of this role issued before now (aws:TokenIssueTime)");
        } else {
            p.add(
                    ResponseStep.CONTAIN,
                    "quarantine-principal",
                    arn,
                    null,
                    "Attach an explicit deny-all policy to the principal");
        }
        p.add(
                ResponseStep.CONTAIN,
                "deny-compute-creation",
                arn,
                null,
                "Deny RunInstances, Auto Scaling create/update and ECS cluster/service/task creation to the principal");
        for (ResourceRef i : protectedInstances(inc)) {
            p.add(
                    ResponseStep.REVERSE,
                    "enable-instance-termination",
                    i.id,
                    i.region,
                    "Set DisableApiTermination=false on " + i.id);
        }
        for (ResourceRef g :
                evidenceTargets(inc, "autoscaling-group", Detections.SCALE_IN_PROTECTION.id)) {
            p.add(
                    ResponseStep.REVERSE,
                    "clear-scale-in-protection",
                    g.id,
                    g.region,
                    "Clear scale-in protection of group " + g.id + " and its instances");
        }
        for (String type : new String[] {"iam-role", "iam-user", "lambda-function"}) {
            for (ResourceRef r : targets(inc, type)) {
                p.add(
                        ResponseStep.REVERSE,
                        "review-created-" + type,
                        r.id,
                        r.region,
                        "Review and remove " + type + " " + r.id + " the principal created");
            }
        }
        for (String[] rule : ERADICATION) {
            for (ResourceRef r : targets(inc, rule[0])) {
                p.add(
                        ResponseStep.ERADICATE,
                        rule[1],
                        r.id,
                        r.region,
                        String.format(rule[2], r.id));
            }
        }
        p.add(
                ResponseStep.ERADICATE,
                "rotate-credentials",
                arn,
                null,
                "Rotate the principal's credentials once its resources are gone");
        return p.steps.toArray(new ResponseStep[0]);
    }

    /**
     * Instances with termination protection in the evidence, then any launched ones protected at
     * launch.
     */
    private static List<ResourceRef> protectedInstances(Incident inc) {
        List<ResourceRef> out =
                evidenceTargets(inc, "instance", Detections.TERMINATION_PROTECTION.id);
        for (ResourceRef r : evidenceTargets(inc, "instance", Detections.PROTECT_OWN_LAUNCH.id)) {
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<ResourceRef> evidenceTargets(
            Incident inc, String type, String detectionId) {
        Set<ResourceRef> out = new LinkedHashSet<>();
        for (Evidence e : inc.evidence) {
            if (detectionId.equals(e.detectionId) && e.resources != null) {
                for (String id : e.resources) {
                    out.add(new ResourceRef(type, id, e.region));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static List<ResourceRef> targets(Incident inc, String type) {
        List<ResourceRef> out = new ArrayList<>();
        for (ResourceRef r : inc.targets) {
            if (type.equals(r.type)) {
                out.add(r);
            }
        }
        return out;
    }

    private static final class Plan {
        final List<ResponseStep> steps = new ArrayList<>();
        final Set<String> seen = new LinkedHashSet<>();

        void add(String phase, String action, String target, String region, String description) {
            if (seen.add(action + "|" + target + "|" + region)) {
                steps.add(
                        new ResponseStep(
                                steps.size() + 1, phase, action, target, region, description));
            }
        }
    }
}
