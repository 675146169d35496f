package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;

/**
 * TS-PV-001: EC2 calls answered DryRunOperation, or a change (not a read) answered
 * UnauthorizedOperation: how a credential learns what it may launch. A denied Describe is not a
 * probe (bursts of those are TS-PV-002's). MEDIUM when a real launch of accelerated (GPU) types was
 * denied; a DryRun of them stays LOW (a developer's test looks the same).
 */
public final class DryRunProbe extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-PV-001")
                    .title("EC2 DryRun permission probing")
                    .category(Category.PERMISSION_VALIDATION)
                    .severity(Severity.LOW)
                    .technique("T1580", "Cloud Infrastructure Discovery")
                    .tactic("Discovery")
                    .matches(
                            "`Client.DryRunOperation` on EC2, or `Client.UnauthorizedOperation` on"
                                    + " an EC2 change (not a read); MEDIUM for a denied GPU launch")
                    .firstCheck(
                            "Check whether the principal normally validates permissions with"
                                    + " DryRun; if not, review what it did next.")
                    .build();

    DryRunProbe() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        boolean allowed = "Client.DryRunOperation".equals(e.errorCode);
        if (allowed
                || ("Client.UnauthorizedOperation".equals(e.errorCode)
                        && "ec2".equals(e.service())
                        && !e.readOnly)) {
            Signal s =
                    c.emitFor(
                            ActionClass.DRY_RUN,
                            DETECTION,
                            e.eventName
                                    + (allowed
                                            ? " DryRun allowed"
                                            : " denied (UnauthorizedOperation)")
                                    + c.instanceTypes()
                                    + c.where());
            if (!allowed && !s.routine && !c.acceleratedTypes().isEmpty()) {
                // a real (not DryRun) launch of GPU capacity, denied: more than a developer's test
                s.severity(Severity.MEDIUM);
            }
        }
    }
}
