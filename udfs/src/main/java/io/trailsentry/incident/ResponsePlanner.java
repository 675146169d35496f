package io.trailsentry.incident;

import io.trailsentry.detect.ResourceType;
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
     * task definitions, the instances themselves and the templates they came from. Each: target
     * type, action, description with the target id as {@code %s}.
     */
    private static final Object[][] ERADICATION = {
        {
            ResourceType.AUTOSCALING_GROUP,
            ResponseAction.DELETE_AUTOSCALING_GROUP,
            "Scale Auto Scaling group %s to zero, then delete it"
        },
        {
            ResourceType.ECS_SERVICE,
            ResponseAction.DELETE_ECS_SERVICE,
            "Scale ECS service %s to zero, then delete it"
        },
        {ResourceType.ECS_TASK, ResponseAction.STOP_ECS_TASK, "Stop ECS task %s"},
        {
            ResourceType.ECS_CLUSTER,
            ResponseAction.DELETE_ECS_CLUSTER,
            "Stop the tasks of ECS cluster %s and delete it"
        },
        {
            ResourceType.TASK_DEFINITION,
            ResponseAction.DEREGISTER_TASK_DEFINITION,
            "Deregister task definition %s"
        },
        {ResourceType.INSTANCE, ResponseAction.TERMINATE_INSTANCE, "Terminate instance %s"},
        {
            ResourceType.LAUNCH_TEMPLATE,
            ResponseAction.DELETE_LAUNCH_TEMPLATE,
            "Delete launch template %s"
        },
    };

    /** Created identities and functions people review (removing them is a decision). */
    private static final Object[][] REVIEW_CREATED = {
        {ResourceType.IAM_ROLE, ResponseAction.REVIEW_CREATED_IAM_ROLE},
        {ResourceType.IAM_USER, ResponseAction.REVIEW_CREATED_IAM_USER},
        {ResourceType.LAMBDA_FUNCTION, ResponseAction.REVIEW_CREATED_LAMBDA_FUNCTION},
    };

    /** Types a principal may have modified without creating, each reviewed by people. */
    private static final Object[][] REVIEW_MODIFIED = {
        {ResourceType.AUTOSCALING_GROUP, ResponseAction.REVIEW_MODIFIED_AUTOSCALING_GROUP},
        {ResourceType.ECS_SERVICE, ResponseAction.REVIEW_MODIFIED_ECS_SERVICE},
        {ResourceType.ECS_CLUSTER, ResponseAction.REVIEW_MODIFIED_ECS_CLUSTER},
        {ResourceType.INSTANCE, ResponseAction.REVIEW_MODIFIED_INSTANCE},
        {ResourceType.LAUNCH_TEMPLATE, ResponseAction.REVIEW_MODIFIED_LAUNCH_TEMPLATE},
        {ResourceType.IAM_ROLE, ResponseAction.REVIEW_MODIFIED_IAM_ROLE},
        {ResourceType.IAM_USER, ResponseAction.REVIEW_MODIFIED_IAM_USER},
        {ResourceType.LAMBDA_FUNCTION, ResponseAction.REVIEW_MODIFIED_LAMBDA_FUNCTION},
    };

    private ResponsePlanner() {}

    public static ResponseStep[] plan(Incident inc) {
        return plan(inc, linked -> true);
    }

    /**
     * The plan, containing only the linked identities {@code mayContain} accepts (the policy's
     * never-act list decides) and that live in the principal's account (a responder acts in one
     * account per finding).
     */
    public static ResponseStep[] plan(
            Incident inc, java.util.function.Predicate<Principal> mayContain) {
        Plan p = new Plan();
        contain(p, inc, mayContain);
        reverse(p, inc);
        eradicate(p, inc);
        String arn = inc.principal.arn;
        if (isUser(arn) || isRole(arn) || arn != null && arn.endsWith(":root")) {
            p.add(
                    ResponseAction.ROTATE_CREDENTIALS,
                    arn,
                    null,
                    "Rotate the principal's credentials once its resources are gone");
        }
        return p.steps.toArray(new ResponseStep[0]);
    }

    private static void contain(
            Plan p, Incident inc, java.util.function.Predicate<Principal> mayContain) {
        for (String key : inc.accessKeyIds) {
            if (key.startsWith("AKIA")) {
                p.add(
                        ResponseAction.DEACTIVATE_ACCESS_KEY,
                        key,
                        null,
                        "Deactivate access key " + key + " used in the evidence");
            }
        }
        for (ResourceRef k : targets(inc, ResourceType.ACCESS_KEY, true)) {
            p.add(
                            ResponseAction.DEACTIVATE_ACCESS_KEY,
                            k.id,
                            null,
                            "Deactivate access key " + k.id + " the principal created")
                    .on(k);
        }
        containIdentity(p, inc.principal, "");
        for (Principal linked : inc.linked) {
            if (java.util.Objects.equals(linked.accountId, inc.principal.accountId)
                    && mayContain.test(linked)) {
                containIdentity(p, linked, " (handed access by the incident's principal)");
            }
        }
    }

    /**
     * Containment of one identity: per session for a role, a deny-all and no new compute for a
     * user; nothing for other identity types.
     */
    private static void containIdentity(Plan p, Principal who, String why) {
        if (isRole(who.arn)) {
            p.add(
                    ResponseAction.REVOKE_ROLE_SESSIONS,
                    who.arn,
                    null,
                    "Deny every session of this role issued before now (aws:TokenIssueTime);"
                            + " workloads that share the role assume it again"
                            + why);
            if (who.userId != null && who.userId.indexOf(':') > 0) {
                ResponseStep deny =
                        p.add(
                                ResponseAction.DENY_SESSION,
                                who.arn,
                                null,
                                "Deny everything, for a limited time, to the session "
                                        + who.userId
                                        + " (aws:userid), should it be assumed again"
                                        + why);
                deny.userIds = new String[] {who.userId};
            }
        } else if (isUser(who.arn)) {
            p.add(
                    ResponseAction.QUARANTINE_PRINCIPAL,
                    who.arn,
                    null,
                    "Attach an explicit deny-all policy to the user" + why);
            p.add(
                    ResponseAction.DENY_COMPUTE_CREATION,
                    who.arn,
                    null,
                    "Deny RunInstances, Auto Scaling create/update and ECS cluster/service/task"
                            + " creation to the user"
                            + why);
        }
    }

    private static void reverse(Plan p, Incident inc) {
        // Every instance the plan terminates, not only those the (capped) evidence shows protected.
        for (ResourceRef i : targets(inc, ResourceType.INSTANCE, true)) {
            p.add(
                            ResponseAction.ENABLE_INSTANCE_TERMINATION,
                            i.id,
                            i.region,
                            "Set DisableApiTermination=false on " + i.id + " before terminating it")
                    .on(i);
        }
        for (ResourceRef g : targets(inc, ResourceType.AUTOSCALING_GROUP, true)) {
            p.add(
                            ResponseAction.CLEAR_SCALE_IN_PROTECTION,
                            g.id,
                            g.region,
                            "Clear scale-in protection of group " + g.id + " and its instances")
                    .on(g);
        }
        Set<String> createdTemplates = ids(targets(inc, ResourceType.LAUNCH_TEMPLATE, true));
        for (ResourceRef v : targets(inc, ResourceType.LAUNCH_TEMPLATE_VERSION, false)) {
            int colon = v.id.lastIndexOf(':');
            String template = colon < 0 ? v.id : v.id.substring(0, colon);
            if (colon > 0 && !createdTemplates.contains(template)) {
                ResponseStep s =
                        p.add(
                                        ResponseAction.DELETE_LAUNCH_TEMPLATE_VERSION,
                                        v.id,
                                        v.region,
                                        "Delete version "
                                                + v.id.substring(colon + 1)
                                                + " the principal added to launch template "
                                                + template)
                                .on(v);
                s.template = template;
                s.version = v.id.substring(colon + 1);
                s.createdAt = v.time; // the version itself is the principal's, made then
            }
        }
        for (Object[] rule : REVIEW_CREATED) {
            ResourceType type = (ResourceType) rule[0];
            for (ResourceRef r : targets(inc, type, true)) {
                p.add(
                                (ResponseAction) rule[1],
                                r.id,
                                r.region,
                                "Review and remove "
                                        + type.key
                                        + " "
                                        + r.id
                                        + " the principal created")
                        .on(r);
            }
        }
        for (Object[] rule : REVIEW_MODIFIED) {
            ResourceType type = (ResourceType) rule[0];
            for (ResourceRef r : targets(inc, type, false)) {
                p.add(
                                (ResponseAction) rule[1],
                                r.id,
                                r.region,
                                "Review "
                                        + type.key
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
        Set<String> createdClusters = ids(targets(inc, ResourceType.ECS_CLUSTER, true));
        for (Object[] rule : ERADICATION) {
            for (ResourceRef r : targets(inc, (ResourceType) rule[0], true)) {
                if (r.type() == ResourceType.ECS_TASK && createdClusters.contains(r.parent)) {
                    continue; // deleting its cluster stops it
                }
                ResponseStep s =
                        p.add(
                                        (ResponseAction) rule[1],
                                        r.id,
                                        r.region,
                                        String.format((String) rule[2], r.id))
                                .on(r);
                if (r.type() == ResourceType.ECS_SERVICE) {
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
    private static List<ResourceRef> targets(Incident inc, ResourceType type, boolean created) {
        List<ResourceRef> out = new ArrayList<>();
        for (ResourceRef r : inc.targets) {
            if (type.key.equals(r.type) && r.created() == created) {
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
        ResponseStep add(ResponseAction action, String target, String region, String description) {
            ResponseStep s =
                    new ResponseStep(
                            steps.size() + 1,
                            action.phase,
                            action.key,
                            target,
                            region,
                            description);
            if (seen.add(action.key + "|" + target + "|" + region)) {
                steps.add(s);
            }
            return s;
        }
    }
}
