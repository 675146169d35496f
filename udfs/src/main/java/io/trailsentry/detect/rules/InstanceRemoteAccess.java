package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;

/**
 * TS-LM-001: reaching into instances from the API: SSM commands and sessions (MEDIUM), and SSH keys
 * pushed through EC2 Instance Connect or the serial console, or serial console access enabled
 * (HIGH: a way in that bypasses the network). Routine for principals that do it on other days.
 */
public final class InstanceRemoteAccess extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-LM-001")
                    .title("Commands, sessions or SSH keys sent to instances")
                    .category(Category.CREDENTIAL_ACCESS)
                    .severity(Severity.MEDIUM)
                    .technique("T1021.007", "Remote Services: Cloud Services")
                    .tactic("Lateral Movement")
                    .matches(
                            "SSM SendCommand / StartSession; HIGH for SendSSHPublicKey,"
                                    + " SendSerialConsoleSSHPublicKey, EnableSerialConsoleAccess")
                    .firstCheck(
                            "List the commands and sessions (SSM history) and the instances"
                                    + " reached; terminate sessions and rotate the instance role's"
                                    + " credentials if the principal does not administer them.")
                    .build();

    InstanceRemoteAccess() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed()) {
            return;
        }
        boolean high;
        switch (e.eventName) {
            case "SendCommand":
            case "StartSession":
                high = false;
                if (!"ssm".equals(e.service())) {
                    return;
                }
                break;
            case "SendSSHPublicKey":
            case "SendSerialConsoleSSHPublicKey":
            case "EnableSerialConsoleAccess":
                high = true;
                break;
            default:
                return;
        }
        String[] ids = c.facts().instanceIds == null ? new String[0] : c.facts().instanceIds;
        Signal s =
                c.emitFor(
                                ActionClass.INSTANCE_ACCESS,
                                DETECTION,
                                e.eventName
                                        + (ids.length == 0 ? "" : " to " + String.join(", ", ids))
                                        + c.where(),
                                ids)
                        .on(ResourceType.INSTANCE);
        if (high && !s.routine) {
            s.severity(Severity.HIGH);
        }
    }
}
