package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.Profile;

/**
 * TS-EN-001: many distinct read-only APIs across services within the enumeration window; at most
 * one signal per {@code reconCooldownMs}.
 */
public final class EnumerationBurst extends Rule {
    /** Read-only calls the window remembers. */
    static final int WINDOW_CAPACITY = 32;

    public static final Detection DETECTION =
            Detection.id("TS-EN-001")
                    .title("Rapid enumeration across services")
                    .category(Category.ENUMERATION)
                    .severity(Severity.LOW)
                    .technique("T1580", "Cloud Infrastructure Discovery")
                    .tactic("Discovery")
                    .matches(
                            "`enumerationApis`+ distinct read-only APIs across"
                                    + " `enumerationServices`+ services within"
                                    + " `enumerationWindowMs`")
                    .firstCheck(
                            "Review which services and regions were listed; scripted discovery"
                                    + " right after a new source appears is the first stage of"
                                    + " credential abuse.")
                    .build();

    EnumerationBurst() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (!e.readOnly) {
            return;
        }
        Profile p = c.profile;
        p.reads.add(e.eventTime, e.eventName.hashCode(), e.service().hashCode(), WINDOW_CAPACITY);
        if (e.eventTime < p.reads.quietUntil) {
            return;
        }
        long from = e.eventTime - c.policy.enumerationWindowMs;
        int apis = p.reads.distinct(from);
        int services = p.reads.distinctSecond(from);
        if (apis >= c.policy.enumerationApis && services >= c.policy.enumerationServices) {
            p.reads.quietUntil = e.eventTime + c.policy.reconCooldownMs;
            Signal s =
                    c.emitFor(
                            ActionClass.ENUMERATION,
                            DETECTION,
                            apis
                                    + " distinct read-only APIs across "
                                    + services
                                    + " services within "
                                    + c.policy.enumerationWindowMs / 60_000
                                    + " min");
            if (!c.mature() && !s.routine) {
                // A baseline hours old cannot say whether bursts are this principal's routine.
                s.immature(null);
            }
        }
    }
}
