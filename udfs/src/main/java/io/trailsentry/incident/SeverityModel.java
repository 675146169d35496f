package io.trailsentry.incident;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Severity;

/**
 * Severity from time compression. Reconnaissance categories (new source, enumeration, permission
 * validation) followed by impact categories (provisioning, container workload, friction, credential
 * access, exposure) by one principal is the campaign's shape: four such categories within the
 * incident window are CRITICAL, three HIGH, two MEDIUM. Spread over a whole incident (slow
 * campaigns) they count one step less. Impact alone from a known source, or reconnaissance alone,
 * never rises above its strongest signal (three reconnaissance categories at once are MEDIUM). The
 * campaign sequence is at least HIGH. CRITICAL also when a HIGH impact signal comes with a second
 * impact category, or when compute is protected or persisted after reconnaissance.
 */
public final class SeverityModel {
    static final int RECON =
            Category.NEW_OR_RARE.bit()
                    | Category.ENUMERATION.bit()
                    | Category.PERMISSION_VALIDATION.bit();
    static final int IMPACT =
            Category.COMPUTE_PROVISIONING.bit()
                    | Category.CONTAINER_WORKLOAD.bit()
                    | Category.FRICTION_PERSISTENCE.bit()
                    | Category.CREDENTIAL_ACCESS.bit()
                    | Category.EXPOSURE.bit();

    static final int COMPUTE =
            Category.COMPUTE_PROVISIONING.bit() | Category.CONTAINER_WORKLOAD.bit();

    private SeverityModel() {}

    public static Severity severity(Incident inc, int active) {
        Severity s = Severity.ofId(Math.max(Severity.INFO.id, inc.strongest));
        s = max(s, compressed(active, 0));
        s = max(s, compressed(inc.allCategories(), 1));
        if (inc.carriedCategories != 0 && (active & IMPACT) != 0) {
            // the same principal's recent incident and this one: one campaign, spread out
            s = max(s, compressed(inc.allCategories() | inc.carriedCategories, 1));
        }
        if (inc.sequence) {
            s = max(s, Severity.HIGH);
        }
        if (highImpactWithAnother(inc, active) || protectedComputeFromNewGround(active)) {
            s = Severity.CRITICAL;
        }
        return s;
    }

    /**
     * An impact category at HIGH together with a second impact category within the window: e.g.
     * compute at a scale never requested, protected from termination or with new identities.
     */
    static boolean highImpactWithAnother(Incident inc, int active) {
        int impact = active & IMPACT;
        if (Integer.bitCount(impact) < 2) {
            return false;
        }
        for (Category c : Category.values()) {
            if ((impact & c.bit()) != 0
                    && c.number - 1 < inc.categorySeverity.length
                    && inc.categorySeverity[c.number - 1] >= Severity.HIGH.id) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compute (instances, groups, containers) made hard to remove or backed by new persistence
     * (termination or scale-in protection, new users and keys), by a principal acting from
     * somewhere new or after reconnaissance, within the window: the campaign's end state even when
     * each step stays below its own thresholds (a key checked the evening before, small GPU groups,
     * then protection). A known principal deploying protected compute from where it always works
     * has no reconnaissance category and is not raised by this.
     */
    static boolean protectedComputeFromNewGround(int active) {
        return (active & COMPUTE) != 0
                && (active & Category.FRICTION_PERSISTENCE.bit()) != 0
                && (active & RECON) != 0;
    }

    /** Severity of a category mask, {@code steps} lower for spread-out activity. */
    static Severity compressed(int mask, int steps) {
        int n = Integer.bitCount(mask);
        boolean recon = (mask & RECON) != 0;
        boolean impact = (mask & IMPACT) != 0;
        Severity s = Severity.INFO;
        if (recon && impact) {
            s =
                    n >= 4
                            ? Severity.CRITICAL
                            : n == 3 ? Severity.HIGH : n == 2 ? Severity.MEDIUM : Severity.INFO;
        } else if (recon && n >= 3) {
            s = Severity.MEDIUM;
        }
        return Severity.ofId(Math.max(Severity.INFO.id, s.id - steps));
    }

    private static Severity max(Severity a, Severity b) {
        return a.id >= b.id ? a : b;
    }
}
