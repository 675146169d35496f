package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;

/**
 * TS-PE-008: the account told to leave its organisation (escaping its guardrails, SCPs and central
 * logging), whether or not it was allowed: nobody tries this by accident.
 */
public final class LeaveOrganization extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-PE-008")
                    .title("Attempt to leave the organisation")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.HIGH)
                    .technique("T1562", "Impair Defenses")
                    .tactic("Defense Evasion")
                    .matches("LeaveOrganization (allowed or denied)")
                    .firstCheck(
                            "Contain the principal; if the account left, its SCPs and organisation"
                                    + " trail no longer apply: re-invite it and restore logging.")
                    .build();

    LeaveOrganization() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if ("LeaveOrganization".equals(e.eventName)) {
            c.emit(
                    DETECTION,
                    "LeaveOrganization" + (e.failed() ? " denied (" + e.errorCode + ")" : ""));
        }
    }
}
