package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;

/**
 * TS-EX-003: a security group ingress rule from any address (a /0 range); routine for a principal
 * that opens ingress on other days.
 */
public final class SecurityGroupOpened extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-EX-003")
                    .title("Security group opened to the internet")
                    .category(Category.EXPOSURE)
                    .severity(Severity.MEDIUM)
                    .technique("T1562.007", "Impair Defenses: Disable or Modify Cloud Firewall")
                    .tactic("Defense Evasion")
                    .matches("AuthorizeSecurityGroupIngress from a /0 range (any address)")
                    .firstCheck(
                            "Revoke the rule unless the port serves the public (a load balancer),"
                                    + " and check what listens on it.")
                    .build();

    SecurityGroupOpened() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed()
                || !"AuthorizeSecurityGroupIngress".equals(e.eventName)
                || !Boolean.TRUE.equals(c.facts().openToWorld)) {
            return;
        }
        int from = c.facts().fromPort;
        int to = c.facts().toPort;
        String ports =
                from < 0 ? "all ports" : from == to || to < 0 ? "port " + from : from + "-" + to;
        c.emitFor(
                ActionClass.EXPOSURE,
                DETECTION,
                "AuthorizeSecurityGroupIngress opens " + ports + " to any address" + c.where());
    }
}
