package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;

/**
 * TS-CP-007: foundation-model access switched on (entitlements, use-case forms, agreements): how
 * stolen credentials are turned into paid model invocations (LLM hijacking).
 */
public final class ModelAccessEnabled extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-CP-007")
                    .title("Foundation-model access enabled")
                    .category(Category.COMPUTE_PROVISIONING)
                    .severity(Severity.MEDIUM)
                    .technique("T1496.004", "Resource Hijacking: Cloud Service Hijacking")
                    .tactic("Impact")
                    .matches(
                            "Bedrock PutFoundationModelEntitlement, PutUseCaseForModelAccess,"
                                    + " CreateFoundationModelAgreement")
                    .firstCheck(
                            "Confirm a team asked for model access; if not, remove it and check"
                                    + " Bedrock invocation volume and spend.")
                    .build();

    ModelAccessEnabled() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed() || !"bedrock".equals(e.service())) {
            return;
        }
        switch (e.eventName) {
            case "PutFoundationModelEntitlement":
            case "PutUseCaseForModelAccess":
            case "CreateFoundationModelAgreement":
                c.emitFor(ActionClass.MODEL_ACCESS, DETECTION, e.eventName + c.where());
                break;
            default:
                break;
        }
    }
}
