package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;

/**
 * TS-CP-001: an Auto Scaling group created or updated with a capacity of {@code largeCapacity} or
 * more; MEDIUM with accelerated types or in a new region, routine for a principal that provisions
 * on other days.
 */
public final class LargeAutoScalingGroup extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-CP-001")
                    .title("Auto Scaling group with large capacity")
                    .category(Category.COMPUTE_PROVISIONING)
                    .severity(Severity.LOW)
                    .technique("T1496.001", "Resource Hijacking: Compute Hijacking")
                    .tactic("Impact")
                    .matches(
                            "Auto Scaling group created/updated with min/desired/max >="
                                    + " `largeCapacity` (MEDIUM with GPU or unused region)")
                    .firstCheck(
                            "Check the group's launch template, instance types and region; scale"
                                    + " it to zero if it is not a planned change.")
                    .build();

    LargeAutoScalingGroup() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (!c.provisioning() || !c.groupRequest()) {
            return;
        }
        RequestFacts f = c.facts();
        if (f.requestedCapacity() < c.policy.largeCapacity) {
            return;
        }
        String group = RuleContext.orUnknown(f.autoScalingGroupName);
        Signal s =
                c.emit(
                                DETECTION,
                                c.event.eventName
                                        + " '"
                                        + group
                                        + "' min/desired/max "
                                        + f.minSize
                                        + "/"
                                        + f.desiredCapacity
                                        + "/"
                                        + f.maxSize
                                        + c.instanceTypes()
                                        + c.where(),
                                group)
                        .on(ResourceType.AUTOSCALING_GROUP);
        if (!c.acceleratedTypes().isEmpty() || c.newRegion()) {
            s.severity(Severity.MEDIUM);
        } else if (c.routine(ActionClass.PROVISIONING)) {
            s.asRoutine();
        }
    }
}
