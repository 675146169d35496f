package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;

/** TS-PV-003: IAM policy simulation, mapping what a credential may do without acting. */
public final class PolicySimulation extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-PV-003")
                    .title("IAM policy simulation of own permissions")
                    .category(Category.PERMISSION_VALIDATION)
                    .severity(Severity.LOW)
                    .technique("T1069.003", "Permission Groups Discovery: Cloud Groups")
                    .tactic("Discovery")
                    .matches("SimulatePrincipalPolicy / SimulateCustomPolicy")
                    .firstCheck(
                            "SimulatePrincipalPolicy maps what a credential may do without"
                                    + " acting; confirm who ran it.")
                    .build();

    PolicySimulation() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if ("SimulatePrincipalPolicy".equals(e.eventName)
                || "SimulateCustomPolicy".equals(e.eventName)) {
            c.emitFor(
                    ActionClass.POLICY_SIMULATION,
                    DETECTION,
                    e.eventName + (e.failed() ? " (" + e.errorCode + ")" : ""));
        }
    }
}
