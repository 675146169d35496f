package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;

/**
 * TS-CP-004: an instance, fleet, spot or ECS count of {@code largeCount} or more (groups are
 * TS-CP-001's); routine for a principal that provisions on other days, unless accelerated.
 */
public final class LargeCount extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-CP-004")
                    .title("Large instance or task count requested")
                    .category(Category.COMPUTE_PROVISIONING)
                    .severity(Severity.LOW)
                    .technique("T1496.001", "Resource Hijacking: Compute Hijacking")
                    .tactic("Impact")
                    .matches("instance/fleet/spot count or ECS desired/task count >= `largeCount`")
                    .firstCheck(
                            "Check whether this count matches a planned workload of the principal.")
                    .build();

    LargeCount() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (!c.provisioning()
                || c.groupRequest()
                || c.facts().instanceCount < c.policy.largeCount) {
            return;
        }
        Signal s =
                c.emit(
                                DETECTION,
                                c.event.eventName
                                        + " count "
                                        + c.facts().instanceCount
                                        + c.instanceTypes()
                                        + c.where(),
                                c.provisionedResources())
                        .on(c.provisionedType());
        if (c.routine(ActionClass.PROVISIONING) && c.acceleratedTypes().isEmpty()) {
            s.asRoutine();
        }
    }
}
