package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;

/**
 * TS-PE-002: an IAM user, access key or console password created (MEDIUM); HIGH when the key or
 * password is for another user that this principal did not just create: a backdoor into an existing
 * identity, or an escalation to it.
 */
public final class IamUserPersistence extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-PE-002")
                    .title("IAM user, access key or login profile created")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.MEDIUM)
                    .technique("T1136.003", "Create Account: Cloud Account")
                    .tactic("Persistence")
                    .matches(
                            "CreateUser, CreateAccessKey, Create/UpdateLoginProfile (HIGH for"
                                    + " another existing user's key or password)")
                    .firstCheck(
                            "Deactivate the new keys and delete the new user's login profile"
                                    + " unless its creation is expected.")
                    .build();

    IamUserPersistence() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (c.event.failed()) {
            return;
        }
        RequestFacts f = c.facts();
        Signal s;
        switch (c.event.eventName) {
            case "CreateUser":
                c.profile.rememberCreated("user", f.userName);
                s =
                        c.emitFor(
                                        ActionClass.IAM_USER,
                                        DETECTION,
                                        "CreateUser " + RuleContext.orUnknown(f.userName),
                                        RuleContext.orUnknown(f.userName))
                                .on(ResourceType.IAM_USER);
                mfaSession(c, s);
                return;
            case "CreateLoginProfile":
            case "UpdateLoginProfile":
                s =
                        c.emitFor(
                                        ActionClass.IAM_USER,
                                        DETECTION,
                                        c.event.eventName
                                                + " for "
                                                + RuleContext.orUnknown(f.userName),
                                        RuleContext.orUnknown(f.userName))
                                .on(ResourceType.IAM_USER);
                break;
            case "CreateAccessKey":
                s =
                        c.emitFor(
                                        ActionClass.IAM_USER,
                                        DETECTION,
                                        "CreateAccessKey "
                                                + RuleContext.orUnknown(f.createdAccessKeyId)
                                                + " for "
                                                + RuleContext.orUnknown(f.userName),
                                        RuleContext.orUnknown(f.createdAccessKeyId))
                                .on(ResourceType.ACCESS_KEY);
                break;
            default:
                return;
        }
        if (!s.routine && anotherExistingUser(c, f.userName)) {
            s.severity(Severity.HIGH);
            s.summary += " (another existing user)";
        } else if (!"CreateAccessKey".equals(c.event.eventName)) {
            mfaSession(c, s);
        }
    }

    /**
     * Cold start: without a baseline, a user or console password created in the clock hour of a
     * console sign-in with MFA by the same principal, or the hour after, is an administrator's
     * interactive work, which a stolen access key cannot do; evidence, one step lower. A mature
     * principal is judged by its baseline instead; access keys (programmatic persistence) never.
     */
    static void mfaSession(RuleContext c, Signal s) {
        if (s.routine || c.mature() || !c.profile.hour.mfaSignInNear(c.event.eventTime)) {
            return;
        }
        s.asRoutine();
        s.summary += " (console session signed in with MFA; no baseline yet)";
    }

    /** A user other than the caller that the caller did not create recently. */
    static boolean anotherExistingUser(RuleContext c, String user) {
        if (user == null || c.event.principal == null) {
            return false;
        }
        String arn = c.event.principal.arn;
        String own = arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
        if (user.equals(own)) {
            return false;
        }
        return !c.profile.created("user", user);
    }
}
