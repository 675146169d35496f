package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;

/**
 * TS-PE-006: a Lambda function's code replaced or layers attached (code that runs with the
 * function's role on every invocation); routine for a principal that deploys functions on other
 * days.
 */
public final class FunctionCodeChanged extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-PE-006")
                    .title("Lambda function code or layers replaced")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.HIGH)
                    .technique("T1525", "Implant Internal Image")
                    .tactic("Persistence")
                    .matches(
                            "UpdateFunctionCode, UpdateFunctionConfiguration naming layers (any"
                                    + " API version)")
                    .firstCheck(
                            "Compare the function's code and layers with the last deployment and"
                                    + " roll back; review what the function's role can reach.")
                    .build();

    FunctionCodeChanged() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed() || !"lambda".equals(e.service())) {
            return;
        }
        String what;
        if (e.eventName.startsWith("UpdateFunctionCode")) {
            what = "replaces the code of ";
        } else if (e.eventName.startsWith("UpdateFunctionConfiguration")
                && c.facts().layers != null) {
            what = "attaches layers " + String.join(", ", c.facts().layers) + " to ";
        } else {
            return;
        }
        String function = RuleContext.orUnknown(c.facts().functionName);
        c.emitFor(
                        ActionClass.FUNCTION_CHANGE,
                        DETECTION,
                        e.eventName + " " + what + function,
                        function)
                .on(ResourceType.LAMBDA_FUNCTION);
    }
}
