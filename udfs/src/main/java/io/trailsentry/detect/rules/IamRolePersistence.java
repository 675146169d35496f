package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import java.util.Set;

/**
 * TS-PE-001: a role created, or a policy attached to a role or user; HIGH for admin-class policies
 * unless routine.
 */
public final class IamRolePersistence extends Rule {
    static final Set<String> PRIVILEGED =
            Set.of(
                    "AdministratorAccess",
                    "IAMFullAccess",
                    "PowerUserAccess",
                    "AmazonEC2FullAccess");

    public static final Detection DETECTION =
            Detection.id("TS-PE-001")
                    .title("IAM role created or privileged policy attached")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.LOW)
                    .technique("T1098.003", "Account Manipulation: Additional Cloud Roles")
                    .tactic("Persistence")
                    .matches(
                            "CreateRole, CreateServiceLinkedRole, Attach/PutRolePolicy,"
                                    + " Attach/PutUserPolicy (HIGH for admin-class policies)")
                    .firstCheck(
                            "Review the role's trust policy and attached policies; delete it if"
                                    + " nobody expects it.")
                    .build();

    IamRolePersistence() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (c.event.failed()) {
            return;
        }
        RequestFacts f = c.facts();
        switch (c.event.eventName) {
            case "CreateRole":
            case "CreateServiceLinkedRole":
                c.emitFor(
                                ActionClass.IAM_ROLE,
                                DETECTION,
                                c.event.eventName + " " + RuleContext.orUnknown(f.roleName),
                                RuleContext.orUnknown(f.roleName))
                        .on(ResourceType.IAM_ROLE);
                break;
            case "AttachRolePolicy":
            case "PutRolePolicy":
            case "AttachUserPolicy":
            case "PutUserPolicy":
                boolean privileged =
                        f.policyArn != null && PRIVILEGED.stream().anyMatch(f.policyArn::endsWith);
                String target = f.roleName != null ? f.roleName : RuleContext.orUnknown(f.userName);
                Signal s =
                        c.emitFor(
                                        ActionClass.of(c.event),
                                        DETECTION,
                                        c.event.eventName
                                                + " "
                                                + (f.policyArn != null
                                                        ? f.policyArn
                                                        : f.policyName != null
                                                                ? "inline policy " + f.policyName
                                                                : "a policy")
                                                + " to "
                                                + target,
                                        target)
                                .on(
                                        f.roleName != null
                                                ? ResourceType.IAM_ROLE
                                                : ResourceType.IAM_USER);
                if (privileged && !s.routine) {
                    s.severity(Severity.HIGH);
                }
                break;
            default:
                break;
        }
    }
}
