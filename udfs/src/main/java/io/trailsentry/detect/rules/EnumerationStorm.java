package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.Profile;

/**
 * TS-EN-003: an enumeration storm: {@code stormApis} distinct read-only APIs across {@code
 * stormServices} services within the enumeration window, with an AccessDenied burst or from {@code
 * stormSources} rotating source prefixes. Counted whatever the baseline's maturity: no principal's
 * routine looks like this on its first day, and a stolen key's first hour often does. A read-only
 * security scanner has the breadth but neither denials nor rotating sources.
 */
public final class EnumerationStorm extends Rule {
    static final int SOURCE_CAPACITY = 4;

    public static final Detection DETECTION =
            Detection.id("TS-EN-003")
                    .title("Enumeration storm with denials or rotating sources")
                    .category(Category.ENUMERATION)
                    .severity(Severity.HIGH)
                    .technique("T1580", "Cloud Infrastructure Discovery")
                    .tactic("Discovery")
                    .matches(
                            "`stormApis`+ distinct read-only APIs across `stormServices`+ services"
                                    + " within `enumerationWindowMs`, with an AccessDenied burst or"
                                    + " `stormSources`+ source prefixes; counted even with an"
                                    + " immature baseline")
                    .firstCheck(
                            "A credential is mapping everything it can reach, from several"
                                    + " networks or against denials: deactivate the key and look"
                                    + " for what succeeded.")
                    .build();

    EnumerationStorm() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        Profile p = c.profile;
        // networks only: a call through a service or from "AWS Internal" is not a rotation
        String network = c.networkSource();
        if (network != null) {
            int source = network.hashCode();
            int n = p.sourceChanges.keys.length;
            int last = n == 0 ? 0 : p.sourceChanges.keys[(p.sourceChanges.next + n - 1) % n];
            if (n == 0 || last != source) {
                p.sourceChanges.add(e.eventTime, source, SOURCE_CAPACITY);
            }
        }
        if (!e.readOnly || e.eventTime < p.stormQuietUntil) {
            return;
        }
        long from = e.eventTime - c.policy.enumerationWindowMs;
        if (p.reads.count(from) < c.policy.stormApis // cheap: not even that many reads
                || p.reads.distinct(from) < c.policy.stormApis
                || p.reads.distinctSecond(from) < c.policy.stormServices) {
            return;
        }
        int denials = p.denials.count(from);
        int sources = p.sourceChanges.distinct(from);
        if (denials < c.policy.accessDeniedBurst && sources < c.policy.stormSources) {
            return;
        }
        p.stormQuietUntil = e.eventTime + c.policy.reconCooldownMs;
        c.emitFor(
                ActionClass.ENUMERATION,
                DETECTION,
                p.reads.distinct(from)
                        + " distinct read-only APIs across "
                        + p.reads.distinctSecond(from)
                        + " services within "
                        + c.policy.enumerationWindowMs / 60_000
                        + " min, with "
                        + denials
                        + " AccessDenied errors from "
                        + sources
                        + " source prefix(es)");
    }
}
