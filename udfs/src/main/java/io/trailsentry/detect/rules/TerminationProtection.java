package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;

/** TS-FR-001: {@code disableApiTermination=true} set on instances, at launch or after. */
public final class TerminationProtection extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-FR-001")
                    .title("Termination protection enabled on instances")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.LOW)
                    .technique("T1578", "Modify Cloud Compute Infrastructure")
                    .tactic("Defense Evasion")
                    .matches("`disableApiTermination=true` (ModifyInstanceAttribute, RunInstances)")
                    .firstCheck(
                            "Confirm the instances belong to a known deployment; if not, set"
                                    + " DisableApiTermination=false before terminating.")
                    .build();

    TerminationProtection() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed()
                || !Boolean.TRUE.equals(c.facts().disableApiTermination)
                || !("ModifyInstanceAttribute".equals(e.eventName)
                        || "RunInstances".equals(e.eventName))) {
            return;
        }
        String[] ids = c.facts().instanceIds == null ? new String[0] : c.facts().instanceIds;
        c.emitFor(
                        ActionClass.TERMINATION_PROTECTION,
                        DETECTION,
                        e.eventName
                                + " set disableApiTermination=true on "
                                + ids.length
                                + " instance(s)"
                                + c.where(),
                        ids)
                .on(ResourceType.INSTANCE);
    }
}
