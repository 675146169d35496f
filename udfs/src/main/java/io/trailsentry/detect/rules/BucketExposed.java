package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import java.util.List;

/**
 * TS-EX-002: an S3 bucket opened: an ACL grant or canned ACL to everyone, a bucket policy allowing
 * "*" or an outside account (HIGH), or Block Public Access switched off or deleted (MEDIUM).
 */
public final class BucketExposed extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-EX-002")
                    .title("S3 bucket opened to everyone or another account")
                    .category(Category.EXPOSURE)
                    .severity(Severity.HIGH)
                    .technique("T1530", "Data from Cloud Storage")
                    .tactic("Collection")
                    .matches(
                            "PutBucketAcl/PutObjectAcl granting AllUsers or AuthenticatedUsers,"
                                    + " PutBucketPolicy allowing `*` or an outside account; MEDIUM"
                                    + " for Block Public Access removed or switched off")
                    .firstCheck(
                            "Restore Block Public Access and the previous policy or ACL, then"
                                    + " review the bucket's access logs for reads since.")
                    .build();

    BucketExposed() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed() || !"s3".equals(e.service())) {
            return;
        }
        String what = null;
        boolean high = true;
        switch (e.eventName) {
            case "PutBucketAcl":
            case "PutObjectAcl":
                if (Boolean.TRUE.equals(c.facts().publicGrant)) {
                    what = "grants everyone access";
                }
                break;
            case "PutBucketPolicy":
                List<String> outsiders = c.outsiders(c.facts().policyPrincipals);
                if (!outsiders.isEmpty()) {
                    what =
                            "policy allows "
                                    + (RuleContext.everyone(outsiders)
                                            ? "everyone"
                                            : String.join(", ", outsiders));
                }
                break;
            case "DeletePublicAccessBlock":
            case "DeleteBucketPublicAccessBlock":
                what = "removes Block Public Access";
                high = false;
                break;
            case "PutPublicAccessBlock":
            case "PutBucketPublicAccessBlock":
                if (Boolean.TRUE.equals(c.facts().publicAccessBlockOff)) {
                    what = "switches Block Public Access off";
                    high = false;
                }
                break;
            default:
                break;
        }
        if (what == null) {
            return;
        }
        Signal s = c.emitFor(ActionClass.EXPOSURE, DETECTION, e.eventName + " " + what + c.where());
        if (!high) {
            s.severity(Severity.MEDIUM);
        }
    }
}
