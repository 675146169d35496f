package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.principal.Principal;

/**
 * TS-LM-003: the principal handed its access on to another identity: it assumed a role (the new
 * session), created a user, or made a key, password or federation token for one. Evidence only: it
 * names the identity ({@link Signal#linked}) so that, while the principal is in an incident, what
 * that identity does joins the incident and the plan contains it too (identity lineage).
 */
public final class IdentityHandOff extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-LM-003")
                    .title("Access handed on to another identity")
                    .category(Category.CREDENTIAL_ACCESS)
                    .severity(Severity.INFO)
                    .technique("T1078.004", "Valid Accounts: Cloud Accounts")
                    .tactic("Privilege Escalation")
                    .matches(
                            "successful AssumeRole (the new session), CreateUser, GetFederationToken,"
                                    + " and CreateAccessKey or Create/UpdateLoginProfile for"
                                    + " another user; evidence that links the identity to the"
                                    + " caller's incident")
                    .firstCheck(
                            "Contain the linked identity with the caller: deny the session or"
                                    + " quarantine the user it handed access to.")
                    .build();

    IdentityHandOff() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed() || e.principal == null) {
            return;
        }
        Principal linked = linked(e, c.facts());
        if (linked == null || linked.incidentKey().equals(e.principal.incidentKey())) {
            return;
        }
        String how =
                "AssumedRole".equals(linked.type)
                        ? "assumed " + linked.shortName() + " as session " + linked.sessionName
                        : e.eventName + " for " + linked.shortName();
        Signal s = c.emit(DETECTION, how, linked.arn);
        s.linked = linked;
        s.routine = true;
    }

    /** The identity the call handed access to, or null. */
    static Principal linked(CloudTrailEvent e, RequestFacts f) {
        switch (e.eventName) {
            case "AssumeRole":
                if (f.roleArn == null
                        || f.roleSessionName == null
                        || !f.roleArn.contains(":role/")) {
                    return null;
                }
                Principal session =
                        new Principal(
                                accountOf(f.roleArn, e),
                                f.roleArn,
                                "AssumedRole",
                                f.roleSessionName);
                session.userId = f.assumedRoleId;
                return session;
            case "CreateUser":
            case "GetFederationToken":
                if (f.createdUserArn == null) {
                    return null;
                }
                return new Principal(
                        accountOf(f.createdUserArn, e),
                        f.createdUserArn,
                        "CreateUser".equals(e.eventName) ? "IAMUser" : "FederatedUser",
                        "GetFederationToken".equals(e.eventName)
                                ? lastPart(f.createdUserArn)
                                : null);
            case "CreateAccessKey":
            case "CreateLoginProfile":
            case "UpdateLoginProfile":
                if (f.userName == null) {
                    return null;
                }
                String account = e.principal.accountId;
                return new Principal(
                        account,
                        "arn:aws:iam::" + account + ":user/" + f.userName,
                        "IAMUser",
                        null);
            default:
                return null;
        }
    }

    private static String accountOf(String arn, CloudTrailEvent e) {
        String[] parts = arn.split(":", 6);
        return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : e.principal.accountId;
    }

    private static String lastPart(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
