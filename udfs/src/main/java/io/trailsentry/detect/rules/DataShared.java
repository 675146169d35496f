package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import java.util.List;

/**
 * TS-EX-001: an AMI, EBS snapshot or RDS snapshot shared with everyone or with an account outside
 * this one and the policy's {@code trustedAccounts}: the copy leaves with it. Routine for a
 * principal that shares on other days (a backup job). A share naming only accounts that deliver
 * CloudTrail to this stream (the organisation's own, learned by {@code PopulationModel}) is not
 * outside: evidence only.
 */
public final class DataShared extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-EX-001")
                    .title("Image or snapshot shared outside the organisation")
                    .category(Category.EXPOSURE)
                    .severity(Severity.HIGH)
                    .technique("T1537", "Transfer Data to Cloud Account")
                    .tactic("Exfiltration")
                    .matches(
                            "ModifyImageAttribute, ModifySnapshotAttribute,"
                                    + " ModifyDBSnapshotAttribute, ModifyDBClusterSnapshotAttribute"
                                    + " adding `all` or an account outside `trustedAccounts`")
                    .firstCheck(
                            "Remove the share now, then check whether the other account already"
                                    + " copied the image or snapshot.")
                    .build();

    DataShared() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed()
                || !(e.eventName.equals("ModifyImageAttribute")
                        || e.eventName.equals("ModifySnapshotAttribute")
                        || e.eventName.equals("ModifyDBSnapshotAttribute")
                        || e.eventName.equals("ModifyDBClusterSnapshotAttribute"))) {
            return;
        }
        List<String> outsiders = c.outsiders(c.facts().sharedWith);
        if (outsiders.isEmpty()) {
            return;
        }
        Signal s =
                c.emitFor(
                        ActionClass.SHARE,
                        DETECTION,
                        e.eventName
                                + " shares with "
                                + (RuleContext.everyone(outsiders)
                                        ? "everyone"
                                        : String.join(", ", outsiders))
                                + c.where(),
                        outsiders.toArray(new String[0]));
        if (!RuleContext.everyone(outsiders)) {
            // an account that delivers CloudTrail to this stream is the organisation's own
            c.askPopulation(s, "share:" + String.join(",", c.accounts(outsiders)));
        }
    }
}
