package io.trailsentry.responder;

import static io.trailsentry.responder.Calls.params;

import io.trailsentry.responder.Actions.StepContext;
import io.trailsentry.responder.Actions.StepRefused;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Contain identity: keys off, the principal quarantined or its sessions revoked, compute denied.
 */
final class IdentityActions {
    private IdentityActions() {}

    /**
     * Deactivates a key. Its owner is read from IAM (a key the principal created belongs to another
     * user) and must be the principal or a user the finding says it created.
     */
    static String deactivateAccessKey(FindingOrder f, FindingOrder.Step s, StepContext c) {
        IamClient iam = c.aws.iam();
        String owner = iam.getAccessKeyLastUsed(b -> b.accessKeyId(s.target)).userName();
        if (owner == null || owner.isBlank()) {
            throw new StepRefused("IAM reports no user for key " + s.target);
        }
        boolean own = isUser(f.principalArn) && owner.equals(Actions.iamName(f.principalArn));
        if (!own && !f.hasResourceId("AWS::IAM::User", owner)) {
            throw new StepRefused(
                    "key " + s.target + " belongs to " + owner + ", not tied to the principal");
        }
        c.calls.mutate(
                "iam",
                "UpdateAccessKey",
                null,
                params("UserName", owner, "AccessKeyId", s.target, "Status", "Inactive"),
                () ->
                        iam.updateAccessKey(
                                b ->
                                        b.userName(owner)
                                                .accessKeyId(s.target)
                                                .status(StatusType.INACTIVE)));
        return "done";
    }

    static String quarantine(FindingOrder f, FindingOrder.Step s, StepContext c) {
        if (!isUser(f.principalArn)) {
            throw new StepRefused(
                    "quarantine applies to IAM users; principal is " + f.principalArn);
        }
        putUserPolicy(c, Actions.iamName(f.principalArn), Policies.QUARANTINE, Policies.denyAll());
        return "done";
    }

    static String revokeSessions(FindingOrder f, FindingOrder.Step s, StepContext c) {
        if (!isRole(f.principalArn)) {
            throw new StepRefused(
                    "session revocation applies to roles; principal is " + f.principalArn);
        }
        putRolePolicy(
                c,
                Actions.iamName(f.principalArn),
                Policies.REVOKE_SESSIONS,
                Policies.revokeOlderSessions(c.nowMillis));
        return "done";
    }

    static String denyCompute(FindingOrder f, FindingOrder.Step s, StepContext c) {
        String name = Actions.iamName(f.principalArn);
        if (isUser(f.principalArn)) {
            putUserPolicy(c, name, Policies.DENY_COMPUTE, Policies.denyCompute());
        } else if (isRole(f.principalArn)) {
            putRolePolicy(c, name, Policies.DENY_COMPUTE, Policies.denyCompute());
        } else {
            throw new StepRefused("no inline policy can be attached to " + f.principalArn);
        }
        return "done";
    }

    private static void putUserPolicy(StepContext c, String user, String name, String doc) {
        c.calls.mutate(
                "iam",
                "PutUserPolicy",
                null,
                params("UserName", user, "PolicyName", name, "PolicyDocument", doc),
                () ->
                        c.aws.iam()
                                .putUserPolicy(
                                        b ->
                                                b.userName(user)
                                                        .policyName(name)
                                                        .policyDocument(doc)));
    }

    private static void putRolePolicy(StepContext c, String role, String name, String doc) {
        c.calls.mutate(
                "iam",
                "PutRolePolicy",
                null,
                params("RoleName", role, "PolicyName", name, "PolicyDocument", doc),
                () ->
                        c.aws.iam()
                                .putRolePolicy(
                                        b ->
                                                b.roleName(role)
                                                        .policyName(name)
                                                        .policyDocument(doc)));
    }

    static boolean isUser(String arn) {
        return arn.startsWith("arn:aws") && arn.contains(":iam::") && arn.contains(":user/");
    }

    static boolean isRole(String arn) {
        return arn.startsWith("arn:aws") && arn.contains(":iam::") && arn.contains(":role/");
    }
}
