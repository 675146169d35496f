package io.trailsentry.responder;

import static io.trailsentry.responder.Calls.params;

import io.trailsentry.responder.Actions.StepRefused;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Contain identity: keys off; a user quarantined and denied compute; a role's sessions revoked or
 * the thief's sessions denied, never the role as a whole.
 */
final class IdentityActions {
    /** An assumed-role session's aws:userid: the role's unique id, a colon, the session name. */
    static final Pattern USER_ID = Pattern.compile("AROA[A-Z0-9]{8,124}:[\\w+=,.@-]{2,64}");

    /** Session ids in one deny policy: keeps the role's inline policies far below 10,240 chars. */
    static final int MAX_SESSIONS = 50;

    private IdentityActions() {}

    /**
     * Deactivates a key. Its owner is read from IAM (a key the principal created belongs to another
     * user) and must be the principal or a user the finding says it created.
     */
    static String deactivateAccessKey(FindingOrder f, Step s, StepContext c) {
        IamClient iam = c.aws.iam();
        String owner;
        try {
            owner = iam.getAccessKeyLastUsed(b -> b.accessKeyId(s.target)).userName();
        } catch (NoSuchEntityException e) {
            return "absent";
        }
        if (owner == null || owner.isBlank()) {
            throw new StepRefused("IAM reports no user for key " + s.target);
        }
        // the principal's own key, a key of a user it created, or a key it created for any user
        boolean own = isUser(f.principalArn) && owner.equals(Actions.iamName(f.principalArn));
        for (Evidence.Linked l : f.evidence.linked) {
            own |= isUser(l.arn) && owner.equals(Actions.iamName(l.arn));
        }
        boolean tied =
                own
                        || f.evidence.createdId("AWS::IAM::User", owner)
                        || f.evidence.createdId("AWS::IAM::AccessKey", s.target);
        if (!tied) {
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

    static String quarantine(FindingOrder f, Step s, StepContext c) {
        requireUser(s);
        putUserPolicy(c, Actions.iamName(s.target), Policies.QUARANTINE, Policies.denyAll());
        return "done";
    }

    static String denyCompute(FindingOrder f, Step s, StepContext c) {
        requireUser(s);
        putUserPolicy(c, Actions.iamName(s.target), Policies.DENY_COMPUTE, Policies.denyCompute());
        return "done";
    }

    static String revokeSessions(FindingOrder f, Step s, StepContext c) {
        requireRole(s);
        putRolePolicy(
                c,
                Actions.iamName(s.target),
                Policies.REVOKE_SESSIONS,
                Policies.revokeOlderSessions(c.nowMillis));
        return "done";
    }

    /**
     * Denies the thief's sessions (by aws:userid) for a bounded time. Every id must be one of the
     * finding's sessions; ids an earlier version of the finding denied are kept.
     */
    static String denySession(FindingOrder f, Step s, StepContext c) {
        requireRole(s);
        if (s.userIds.isEmpty()) {
            throw new StepRefused("deny-session names no session (user_ids is empty)");
        }
        List<String> known = new java.util.ArrayList<>();
        if (s.target.equals(f.principalArn)) {
            known.addAll(f.evidence.sessionUserIds());
        }
        Evidence.Linked linked = f.evidence.linked(s.target);
        if (linked != null && linked.userId != null) {
            known.add(linked.userId); // a session the principal assumed
        }
        for (String id : s.userIds) {
            if (!USER_ID.matcher(id).matches()) {
                throw new StepRefused("not an assumed-role aws:userid: " + id);
            }
            if (!known.contains(id)) {
                throw new StepRefused("session " + id + " is not among the finding's sessions");
            }
        }
        String role = Actions.iamName(s.target);
        String name = Policies.DENY_SESSION_PREFIX + Step.digest(f.uid);
        Set<String> ids = new LinkedHashSet<>(earlier(c.aws.iam(), role, name));
        ids.addAll(s.userIds);
        boolean capped = ids.size() > MAX_SESSIONS;
        List<String> denied = List.copyOf(ids).subList(0, Math.min(ids.size(), MAX_SESSIONS));
        Instant expires =
                Instant.ofEpochMilli(c.nowMillis).plus(Duration.ofHours(c.sessionDenyHours));
        putRolePolicy(c, role, name, Policies.denySessions(denied, expires));
        return capped ? "capped" : "done";
    }

    private static List<String> earlier(IamClient iam, String role, String name) {
        try {
            return Policies.deniedSessions(
                    iam.getRolePolicy(b -> b.roleName(role).policyName(name)).policyDocument());
        } catch (NoSuchEntityException e) {
            return List.of();
        }
    }

    private static void requireUser(Step s) {
        if (!isUser(s.target)) {
            throw new StepRefused(
                    "a principal-wide deny applies to IAM users only; "
                            + s.target
                            + " is contained by its sessions");
        }
    }

    private static void requireRole(Step s) {
        if (!isRole(s.target)) {
            throw new StepRefused("session containment applies to roles; target is " + s.target);
        }
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
