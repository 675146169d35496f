package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.Profile;
import io.trailsentry.profile.ProfileLearner;
import java.util.Locale;

/**
 * TS-CP-008: compute at a scale the principal never asked for. Every compute path's request is
 * estimated in vCPUs and accelerators ({@link ComputeEstimate}; Lambda functions and their reserved
 * or provisioned concurrency as vCPU-equivalents) and summed, the sum decaying with {@code
 * computeScaleWindowMs} as its time constant, so ten groups just below "large" add up; it is
 * reported when the window reaches {@code largeScaleVcpus} or {@code largeScaleGpus} and is {@code
 * computeScaleGrowth} times the principal's largest window on earlier days (decayed with the
 * baseline's half-life). No reconnaissance is needed: impact alone is HIGH. A principal that
 * provisions on other days, scaling up its own instance families in its own regions without
 * accelerators (a planned capacity test) is evidence only: change windows are the control for it.
 * With an immature baseline (no earlier peak to compare with) it is MEDIUM.
 */
public final class LargeScaleCompute extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-CP-008")
                    .title("Compute requested at a scale this principal never requested")
                    .category(Category.COMPUTE_PROVISIONING)
                    .severity(Severity.HIGH)
                    .technique("T1496.001", "Resource Hijacking: Compute Hijacking")
                    .tactic("Impact")
                    .matches(
                            "estimated vCPUs or accelerators over every compute path (instances,"
                                    + " fleets, groups, node groups, Batch, SageMaker, ECS, Lambda"
                                    + " memory and concurrency) within"
                                    + " `computeScaleWindowMs` reach `largeScaleVcpus` or"
                                    + " `largeScaleGpus` and `computeScaleGrowth` x the principal's"
                                    + " earlier peak")
                    .firstCheck(
                            "Scale the requested capacity to zero (groups, node groups, compute"
                                    + " environments, jobs, function concurrency) and contain the"
                                    + " identity; then check"
                                    + " the bill's running instances by region.")
                    .build();

    LargeScaleCompute() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        ComputeEstimate est = c.computeEstimate();
        if (est.vcpus == 0 && est.gpus == 0) {
            return;
        }
        CloudTrailEvent e = c.event;
        Profile p = c.profile;
        rollDay(c, p);
        double decay =
                p.computeRecentAt == 0
                        ? 0
                        : Math.exp(
                                -Math.max(0, e.eventTime - p.computeRecentAt)
                                        / (double) c.policy.computeScaleWindowMs);
        p.computeRecentVcpus = (float) (p.computeRecentVcpus * decay + est.vcpus);
        p.computeRecentGpus = (float) (p.computeRecentGpus * decay + est.gpus);
        p.computeRecentAt = e.eventTime;
        long vcpus = Math.round(p.computeRecentVcpus);
        long gpus = Math.round(p.computeRecentGpus);
        p.computeTodayVcpus = Math.max(p.computeTodayVcpus, vcpus);
        p.computeTodayGpus = Math.max(p.computeTodayGpus, gpus);
        int growth = c.policy.computeScaleGrowth;
        boolean largeV = vcpus >= c.policy.largeScaleVcpus && vcpus > growth * p.computePeakVcpus;
        boolean largeG = gpus >= c.policy.largeScaleGpus && gpus > growth * p.computePeakGpus;
        if ((!largeV && !largeG) || e.eventTime < p.computeQuietUntil) {
            return;
        }
        p.computeQuietUntil = e.eventTime + c.policy.computeScaleWindowMs;
        Signal s =
                c.emit(
                                DETECTION,
                                String.format(
                                        Locale.ROOT,
                                        "about %,d vCPUs and %,d accelerators requested within %d min"
                                                + " (last: %s%s%s); earlier peak %,.0f vCPUs, %,.0f"
                                                + " accelerators",
                                        vcpus,
                                        gpus,
                                        c.policy.computeScaleWindowMs / 60_000,
                                        e.eventName,
                                        ComputeEstimate.lambdaApi(e) != null
                                                ? lambdaSize(c)
                                                : c.instanceTypes(),
                                        c.where(),
                                        p.computePeakVcpus,
                                        p.computePeakGpus),
                                c.provisionedResources())
                        .on(c.provisionedType());
        if (!c.mature()) {
            // no earlier peak to compare with (a principal new to TrailSentry, or the first day of
            // a deployment): reported, one step lower
            s.immature(Severity.MEDIUM);
        } else if (gpus == 0
                && c.routine(ActionClass.PROVISIONING)
                && c.knownInstanceFamilies()
                && !c.newRegion()) {
            // a routine provisioner scaling up its own families where it works (a planned
            // capacity test): evidence, not counted; change windows are the control for it
            s.asRoutine();
            s.summary += " (routine provisioner, known families and region)";
        }
        if (!c.mature()) {
            // no earlier peak of its own: its population's largest hour decides
            c.askPopulation(s, "scale:" + vcpus + ":" + gpus);
        }
    }

    /** " 10240 MB" or " 1000 executions" for a Lambda request. */
    private static String lambdaSize(RuleContext c) {
        int mb = c.facts().memorySize;
        int n = c.facts().concurrentExecutions;
        return (mb > 0 ? " " + mb + " MB" : "") + (n > 0 ? " " + n + " executions" : "");
    }

    /** Folds yesterday's largest window into the decayed peak when the day changes. */
    private static void rollDay(RuleContext c, Profile p) {
        long day = c.day();
        if (day == p.computeDay) {
            return;
        }
        double halfLifeDays = c.baseline.baselineHalfLifeMs / (double) ProfileLearner.DAY_MS;
        double decay = p.computeDay == 0 ? 1 : Math.pow(0.5, (day - p.computeDay) / halfLifeDays);
        p.computePeakVcpus = (float) Math.max(p.computePeakVcpus * decay, p.computeTodayVcpus);
        p.computePeakGpus = (float) Math.max(p.computePeakGpus * decay, p.computeTodayGpus);
        p.computeTodayVcpus = 0;
        p.computeTodayGpus = 0;
        p.computeDay = day;
    }
}
