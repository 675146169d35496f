package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;

/**
 * TS-IA-001: a successful console sign-in by an IAM user without MFA (LOW: a new employee's first
 * sign-in looks the same; MEDIUM from a source new to a mature principal), or by the root user
 * (HIGH without MFA, MEDIUM with it).
 */
public final class ConsoleSignIn extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-IA-001")
                    .title("Console sign-in without MFA, or as root")
                    .category(Category.NEW_OR_RARE)
                    .severity(Severity.LOW)
                    .technique("T1078.004", "Valid Accounts: Cloud Accounts")
                    .tactic("Initial Access")
                    .matches(
                            "ConsoleLogin Success by an IAM user with MFAUsed No (MEDIUM from a"
                                    + " source new to a mature principal); by root (HIGH"
                                    + " without MFA, else MEDIUM)")
                    .firstCheck(
                            "Confirm the sign-in with the person; require MFA for the user, and"
                                    + " for root lock the credentials away.")
                    .build();

    ConsoleSignIn() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (!"ConsoleLogin".equals(e.eventName)
                || !"Success".equals(c.facts().loginResult)
                || e.principal == null) {
            return;
        }
        boolean mfa = Boolean.TRUE.equals(c.facts().mfaUsed);
        boolean root = "Root".equals(e.principal.type);
        if (!root && (mfa || !"IAMUser".equals(e.principal.type))) {
            return;
        }
        Signal s =
                c.emitFor(
                        ActionClass.CONSOLE_LOGIN,
                        DETECTION,
                        (root ? "root " : "")
                                + "console sign-in "
                                + (mfa ? "with" : "without")
                                + " MFA from "
                                + e.sourceIpAddress);
        if (s.routine) {
            return;
        }
        if (root) {
            s.severity(mfa ? Severity.MEDIUM : Severity.HIGH);
        } else if (c.mature() && !c.knownSource()) {
            s.severity(Severity.MEDIUM);
        }
    }
}
