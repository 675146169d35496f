package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;

/**
 * TS-LM-002: an existing instance's user data replaced (it runs as root at the next start: stop,
 * modify, start is a way to execute on an instance without reaching it).
 */
public final class UserDataReplaced extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-LM-002")
                    .title("Instance user data replaced")
                    .category(Category.CREDENTIAL_ACCESS)
                    .severity(Severity.MEDIUM)
                    .technique("T1059.009", "Command and Scripting Interpreter: Cloud API")
                    .tactic("Execution")
                    .matches("ModifyInstanceAttribute with `userData`")
                    .firstCheck(
                            "Read the instance's new user data before it starts again; restore"
                                    + " the previous version and check the instance's role.")
                    .build();

    UserDataReplaced() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed()
                || !"ModifyInstanceAttribute".equals(e.eventName)
                || !Boolean.TRUE.equals(c.facts().userDataChanged)) {
            return;
        }
        String[] ids = c.facts().instanceIds == null ? new String[0] : c.facts().instanceIds;
        c.emitFor(
                        ActionClass.USER_DATA,
                        DETECTION,
                        "ModifyInstanceAttribute replaces the user data of "
                                + (ids.length == 0 ? "an instance" : String.join(", ", ids))
                                + c.where(),
                        ids)
                .on(ResourceType.INSTANCE);
    }
}
