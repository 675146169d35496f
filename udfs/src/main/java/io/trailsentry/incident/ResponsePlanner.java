package io.trailsentry.incident;

import io.trailsentry.detect.Detections;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an incident's evidence into the ordered response plan of the threat model: stop spend and
 * access first, then reverse what blocks clean-up, then eradicate. Targets come only from the
 * evidence, so the plan never names a resource the principal was not seen touching.
 */
public final class ResponsePlanner {
    private ResponsePlanner() {}

    public static ResponseStep[] plan(Incident inc) {
        List<ResponseStep> steps = new ArrayList<>();
        String principalArn = inc.principal.arn;
        boolean role = principalArn != null && principalArn.contains(":role/");
        for (String key : inc.accessKeyIds) {
            if (key.startsWith("AKIA")) {
                add(
                        steps,
                        ResponseStep.CONTAIN,
                        "deactivate-access-key",
                        key,
                        null,
                        "Deactivate long-lived access key " + key + " used in the evidence");
            }
        }
        if (role) {
            add(
                    steps,
                    ResponseStep.CONTAIN,
                    "revoke-role-sessions",
                    principalArn,
                    null,
                    "Deny all actions to sessions of this role issued before now"
                            + " (aws:TokenIssueTime)");
        } else {
            add(
                    steps,
                    ResponseStep.CONTAIN,
                    "quarantine-principal",
                    principalArn,
                    null,
                    "Attach an explicit deny-all policy to the principal");
        }
        add(
                steps,
                ResponseStep.CONTAIN,
                "deny-compute-creation",
                principalArn,
                null,
                "Deny RunInstances, Auto Scaling create/update and ECS cluster/service/task"
                        + " creation to the principal");
        for (String[] t : targets(inc, Detections.TERMINATION_PROTECTION.id)) {
            add(
                    steps,
                    ResponseStep.REVERSE,
                    "enable-instance-termination",
                    t[0],
                    t[1],
                    "Set DisableApiTermination=false on " + t[0]);
        }
        for (String[] t : targets(inc, Detections.LARGE_AUTOSCALING_GROUP.id)) {
            add(
                    steps,
                    ResponseStep.ERADICATE,
                    "delete-autoscaling-group",
                    t[0],
                    t[1],
                    "Scale Auto Scaling group " + t[0] + " to zero, then delete it");
        }
        for (String[] t : targets(inc, Detections.ECS_CLUSTER_BURST.id)) {
            add(
                    steps,
                    ResponseStep.ERADICATE,
                    "delete-ecs-cluster",
                    t[0],
                    t[1],
                    "Scale services of ECS cluster "
                            + t[0]
                            + " to zero, delete them and the"
                            + " cluster");
        }
        for (String[] t : targets(inc, Detections.TERMINATION_PROTECTION.id)) {
            add(
                    steps,
                    ResponseStep.ERADICATE,
                    "terminate-instance",
                    t[0],
                    t[1],
                    "Terminate instance " + t[0]);
        }
        return steps.toArray(new ResponseStep[0]);
    }

    private static List<String[]> targets(Incident inc, String detectionId) {
        Set<String> seen = new LinkedHashSet<>();
        List<String[]> out = new ArrayList<>();
        for (Evidence e : inc.evidence) {
            if (detectionId.equals(e.detectionId) && e.resources != null) {
                for (String r : e.resources) {
                    if (r != null && seen.add(r + "@" + e.region)) {
                        out.add(new String[] {r, e.region});
                    }
                }
            }
        }
        return out;
    }

    private static void add(
            List<ResponseStep> steps,
            String phase,
            String action,
            String target,
            String region,
            String description) {
        steps.add(new ResponseStep(steps.size() + 1, phase, action, target, region, description));
    }
}
