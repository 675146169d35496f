package io.trailsentry.incident;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Severity;

/**
 * Severity from time compression: how many categories one principal touched within the incident
 * window, and whether any of them changes the account (provisioning, container workload, friction)
 * rather than only looks at it. One category alone never rises above its own signals' severity.
 */
public final class SeverityModel {
    private static final int IMPACT =
            Category.COMPUTE_PROVISIONING.bit()
                    | Category.CONTAINER_WORKLOAD.bit()
                    | Category.FRICTION_PERSISTENCE.bit();

    private SeverityModel() {}

    public static Severity severity(Incident inc, int activeMask) {
        int strongest = 0;
        for (int i = 0; i < inc.categorySeverity.length; i++) {
            if ((activeMask & (1 << i)) != 0) {
                strongest = Math.max(strongest, inc.categorySeverity[i]);
            }
        }
        Severity base = Severity.ofId(Math.max(strongest, Severity.INFO.id));
        int n = Integer.bitCount(activeMask);
        boolean impact = (activeMask & IMPACT) != 0;
        Severity compressed;
        if (n >= 4 && impact) {
            compressed = Severity.CRITICAL;
        } else if (n >= 3 && impact) {
            compressed = Severity.HIGH;
        } else if (n >= 2 && impact) {
            compressed = Severity.MEDIUM;
        } else {
            compressed = Severity.INFO;
        }
        return compressed.atLeast(base) ? compressed : base;
    }
}
