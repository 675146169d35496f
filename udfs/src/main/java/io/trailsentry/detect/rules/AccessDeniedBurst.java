package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.Profile;
import java.util.Set;

/**
 * TS-PV-002: {@code accessDeniedBurst} denials within {@code accessDeniedWindowMs}; at most one
 * signal per {@code reconCooldownMs}.
 */
public final class AccessDeniedBurst extends Rule {
    static final int WINDOW_CAPACITY = 16;

    static final Set<String> DENIED =
            Set.of(
                    "AccessDenied",
                    "AccessDeniedException",
                    "Client.UnauthorizedOperation",
                    "UnauthorizedOperation",
                    "UnauthorizedAccess");

    public static final Detection DETECTION =
            Detection.id("TS-PV-002")
                    .title("Burst of AccessDenied errors")
                    .category(Category.PERMISSION_VALIDATION)
                    .severity(Severity.LOW)
                    .technique("T1069.003", "Permission Groups Discovery: Cloud Groups")
                    .tactic("Discovery")
                    .matches(
                            "`accessDeniedBurst`+ AccessDenied/Unauthorized errors within"
                                    + " `accessDeniedWindowMs`")
                    .firstCheck(
                            "A misconfigured policy and a permission probe look alike: check the"
                                    + " source and what succeeded after.")
                    .build();

    AccessDeniedBurst() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.errorCode == null || !DENIED.contains(e.errorCode)) {
            return;
        }
        Profile p = c.profile;
        p.denials.add(e.eventTime, e.eventName.hashCode(), WINDOW_CAPACITY);
        long from = e.eventTime - c.policy.accessDeniedWindowMs;
        int n = p.denials.count(from);
        if (n >= c.policy.accessDeniedBurst && e.eventTime >= p.denials.quietUntil) {
            p.denials.quietUntil = e.eventTime + c.policy.reconCooldownMs;
            c.emitFor(
                    ActionClass.DENIED_BURST,
                    DETECTION,
                    n
                            + " AccessDenied errors within "
                            + c.policy.accessDeniedWindowMs / 60_000
                            + " min, last on "
                            + e.eventName);
        }
    }
}
