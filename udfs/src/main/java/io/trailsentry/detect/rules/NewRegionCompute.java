package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;

/**
 * TS-CP-005: compute requested in a region the mature principal never used, or outside the
 * organisation's {@code expectedRegions} when the policy names them.
 */
public final class NewRegionCompute extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-CP-005")
                    .title("Compute provisioned in a region the principal never used")
                    .category(Category.COMPUTE_PROVISIONING)
                    .severity(Severity.MEDIUM)
                    .technique("T1535", "Unused/Unsupported Cloud Regions")
                    .tactic("Defense Evasion")
                    .matches("compute in a region the principal (or organisation) does not use")
                    .firstCheck(
                            "Attackers provision where nobody looks; check every resource the"
                                    + " principal created in that region.")
                    .build();

    NewRegionCompute() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (!c.provisioning() || !c.newRegion()) {
            return;
        }
        c.emit(
                        DETECTION,
                        c.event.eventName
                                + c.where()
                                + " (regions in use: "
                                + String.join(", ", c.usualRegions())
                                + ")",
                        c.provisionedResources())
                .on(c.provisionedType());
    }
}
