package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;

/** TS-NR-003: a long-lived key the mature principal has not used before. */
public final class NewAccessKey extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-NR-003")
                    .title("Long-lived access key not seen before for this principal")
                    .category(Category.NEW_OR_RARE)
                    .severity(Severity.LOW)
                    .technique("T1078.004", "Valid Accounts: Cloud Accounts")
                    .tactic("Initial Access")
                    .matches("long-lived (AKIA) access key not seen before for the principal")
                    .firstCheck(
                            "Check when and by whom the key was created (CreateAccessKey) and"
                                    + " whether its owner uses it.")
                    .build();

    NewAccessKey() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (c.profile.events == 0 || !c.mature()) {
            return;
        }
        String key = c.event.accessKeyId();
        if (key != null && key.startsWith("AKIA") && !c.profile.accessKeys.contains(key)) {
            c.emit(DETECTION, "access key " + key + " not seen before for this principal", key)
                    .on(ResourceType.ACCESS_KEY);
        }
    }
}
