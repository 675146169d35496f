package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.Profile;
import java.util.Set;

/** Categories 2 and 3: enumeration bursts, quota reconnaissance, DryRun, denials, simulation. */
final class ReconRules {
    static final int WINDOW_CAPACITY = 32;

    /** EC2 vCPU and GPU/accelerated quota codes (on-demand and spot). */
    static final Set<String> COMPUTE_QUOTAS =
            Set.of(
                    "L-1216C47A",
                    "L-DB2E81BA",
                    "L-417A185B",
                    "L-3819A6DF",
                    "L-7212CCBC",
                    "L-34B43A08",
                    "L-85EED4F7",
                    "L-74FC7D96",
                    "L-2753CF59",
                    "L-88CF9481");

    static final Set<String> DENIED =
            Set.of(
                    "AccessDenied",
                    "AccessDeniedException",
                    "Client.UnauthorizedOperation",
                    "UnauthorizedOperation",
                    "UnauthorizedAccess");

    private ReconRules() {}

    static void apply(RuleContext c) {
        CloudTrailEvent e = c.event;
        Profile p = c.profile;
        if (e.readOnly) {
            enumeration(c, e, p);
        }
        if (e.facts != null
                && e.facts.quotaCode != null
                && COMPUTE_QUOTAS.contains(e.facts.quotaCode)) {
            c.emitFor(
                    ActionClass.QUOTA_READ,
                    Detections.QUOTA_RECON,
                    e.eventName + " " + e.facts.quotaCode + " in " + e.awsRegion);
        }
        if ("Client.DryRunOperation".equals(e.errorCode)
                || ("Client.UnauthorizedOperation".equals(e.errorCode)
                        && "ec2".equals(e.service()))) {
            boolean allowed = "Client.DryRunOperation".equals(e.errorCode);
            String types =
                    e.facts == null || e.facts.instanceTypes == null
                            ? ""
                            : " " + String.join(",", e.facts.instanceTypes);
            c.emitFor(
                    ActionClass.DRY_RUN,
                    Detections.DRYRUN_PROBE,
                    e.eventName
                            + (allowed ? " DryRun allowed" : " denied (UnauthorizedOperation)")
                            + types
                            + " in "
                            + e.awsRegion);
        }
        if (e.errorCode != null && DENIED.contains(e.errorCode)) {
            p.denials.add(e.eventTime, e.eventName.hashCode(), WINDOW_CAPACITY);
            long from = e.eventTime - c.policy.accessDeniedWindowMs;
            int n = p.denials.count(from);
            if (n >= c.policy.accessDeniedBurst && e.eventTime >= p.denials.quietUntil) {
                p.denials.quietUntil = e.eventTime + c.policy.reconCooldownMs;
                c.emitFor(
                        ActionClass.DENIED_BURST,
                        Detections.ACCESS_DENIED_BURST,
                        n
                                + " AccessDenied errors within "
                                + c.policy.accessDeniedWindowMs / 60_000
                                + " min, last on "
                                + e.eventName);
            }
        }
        if ("SimulatePrincipalPolicy".equals(e.eventName)
                || "SimulateCustomPolicy".equals(e.eventName)) {
            c.emitFor(
                    ActionClass.POLICY_SIMULATION,
                    Detections.POLICY_SIMULATION,
                    e.eventName + (e.failed() ? " (" + e.errorCode + ")" : ""));
        }
    }

    private static void enumeration(RuleContext c, CloudTrailEvent e, Profile p) {
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
                            Detections.ENUMERATION_BURST,
                            apis
                                    + " distinct read-only APIs across "
                                    + services
                                    + " services within "
                                    + c.policy.enumerationWindowMs / 60_000
                                    + " min");
            if (!c.mature() && !s.routine) {
                // A baseline hours old cannot say whether bursts are this principal's routine.
                s.asRoutine();
                s.summary += " (baseline still immature)";
            }
        }
    }
}
