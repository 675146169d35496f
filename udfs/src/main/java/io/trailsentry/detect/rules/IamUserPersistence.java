package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;

/** TS-PE-002: an IAM user, access key or console password created. */
public final class IamUserPersistence extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-PE-002")
                    .title("IAM user, access key or login profile created")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.MEDIUM)
                    .technique("T1136.003", "Create Account: Cloud Account")
                    .tactic("Persistence")
                    .matches("CreateUser, CreateAccessKey, Create/UpdateLoginProfile")
                    .firstCheck(
                            "Deactivate the new keys and delete the new user's login profile"
                                    + " unless its creation is expected.")
                    .build();

    IamUserPersistence() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (c.event.failed()) {
            return;
        }
        RequestFacts f = c.facts();
        switch (c.event.eventName) {
            case "CreateUser":
            case "CreateLoginProfile":
            case "UpdateLoginProfile":
                c.emitFor(
                                ActionClass.IAM_USER,
                                DETECTION,
                                c.event.eventName + " " + RuleContext.orUnknown(f.userName),
                                RuleContext.orUnknown(f.userName))
                        .on(ResourceType.IAM_USER);
                break;
            case "CreateAccessKey":
                c.emitFor(
                                ActionClass.IAM_USER,
                                DETECTION,
                                "CreateAccessKey "
                                        + RuleContext.orUnknown(f.createdAccessKeyId)
                                        + " for "
                                        + RuleContext.orUnknown(f.userName),
                                RuleContext.orUnknown(f.createdAccessKeyId))
                        .on(ResourceType.ACCESS_KEY);
                break;
            default:
                break;
        }
    }
}
