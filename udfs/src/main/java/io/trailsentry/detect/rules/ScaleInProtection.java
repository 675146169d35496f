package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;

/** TS-FR-002: scale-in protection switched on for an Auto Scaling group or its instances. */
public final class ScaleInProtection extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-FR-002")
                    .title("Scale-in protection enabled")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.LOW)
                    .technique("T1578", "Modify Cloud Compute Infrastructure")
                    .tactic("Defense Evasion")
                    .matches("scale-in protection")
                    .firstCheck(
                            "Clear scale-in protection on the group's instances before scaling it down.")
                    .build();

    ScaleInProtection() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (c.event.failed() || !Boolean.TRUE.equals(c.facts().protectedFromScaleIn)) {
            return;
        }
        String group = RuleContext.orUnknown(c.facts().autoScalingGroupName);
        c.emitFor(
                        ActionClass.SCALE_IN_PROTECTION,
                        DETECTION,
                        c.event.eventName
                                + " protects group '"
                                + group
                                + "' from scale-in"
                                + c.where(),
                        group)
                .on(ResourceType.AUTOSCALING_GROUP);
    }
}
