package io.trailsentry.incident;

import io.trailsentry.principal.ArnPattern;
import io.trailsentry.principal.Principal;

/**
 * Policy that lowers or marks findings: allowlisted automation, change windows, never-act lists.
 */
final class Suppression {
    private final IncidentPolicy policy;

    Suppression(IncidentPolicy policy) {
        this.policy = policy;
    }

    /** Why an incident of {@code p} at {@code time} is suppressed, or null. */
    String reason(Principal p, long time) {
        if (matches(policy.allowlistedPrincipals, p)) {
            return "allowlisted automation principal";
        }
        for (ChangeWindow w : policy.changeWindows) {
            if (w.covers(p.arn, time)) {
                return "inside change window"
                        + (w.reason == null || w.reason.isEmpty() ? "" : " (" + w.reason + ")");
            }
        }
        return null;
    }

    boolean neverAct(Principal p) {
        return matches(policy.neverActPrincipals, p);
    }

    private static boolean matches(java.util.List<String> list, Principal p) {
        return ArnPattern.matchesAny(list, p.arn);
    }
}
