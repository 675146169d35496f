package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import java.util.List;

/**
 * TS-PE-005: a role's trust policy changed (MEDIUM), or a role created or changed to trust everyone
 * or an account outside this one and {@code trustedAccounts} (HIGH): a door in for another account.
 */
public final class RoleTrustBackdoor extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-PE-005")
                    .title("Role trust policy opened to another account")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.MEDIUM)
                    .technique("T1098.003", "Account Manipulation: Additional Cloud Roles")
                    .tactic("Persistence")
                    .matches(
                            "UpdateAssumeRolePolicy; HIGH when it or CreateRole trusts `*` or an"
                                    + " account outside `trustedAccounts`")
                    .firstCheck(
                            "Restore the trust policy, then check the role's sessions for"
                                    + " AssumeRole calls from the named account.")
                    .build();

    RoleTrustBackdoor() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        boolean update = "UpdateAssumeRolePolicy".equals(e.eventName);
        if (e.failed() || !(update || "CreateRole".equals(e.eventName))) {
            return;
        }
        List<String> outsiders = c.outsiders(c.facts().policyPrincipals);
        if (!update && outsiders.isEmpty()) {
            return;
        }
        String role = RuleContext.orUnknown(c.facts().roleName);
        Signal s =
                c.emitFor(
                                ActionClass.TRUST_CHANGE,
                                DETECTION,
                                e.eventName
                                        + " "
                                        + role
                                        + (outsiders.isEmpty()
                                                ? ""
                                                : " trusts " + String.join(", ", outsiders)),
                                role)
                        .on(ResourceType.IAM_ROLE);
        if (!outsiders.isEmpty() && !s.routine) {
            s.severity(Severity.HIGH);
        }
    }
}
