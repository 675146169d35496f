package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;

/**
 * TS-CA-002: an instance's Windows password data or user data read (user data often carries
 * bootstrap secrets), allowed or denied; once per {@code reconCooldownMs}.
 */
public final class InstanceSecretRead extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-CA-002")
                    .title("Instance password data or user data read")
                    .category(Category.CREDENTIAL_ACCESS)
                    .severity(Severity.MEDIUM)
                    .technique("T1552", "Unsecured Credentials")
                    .tactic("Credential Access")
                    .matches(
                            "GetPasswordData, DescribeInstanceAttribute of `userData` (allowed or"
                                    + " denied)")
                    .firstCheck(
                            "Check whether the principal administers these instances; if not,"
                                    + " rotate the instances' local passwords and any secret in"
                                    + " their user data.")
                    .build();

    InstanceSecretRead() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        boolean userData = !"GetPasswordData".equals(e.eventName);
        if (!c.instanceSecretRead() || e.eventTime < c.profile.instanceSecretQuietUntil) {
            return;
        }
        c.profile.instanceSecretQuietUntil = e.eventTime + c.policy.reconCooldownMs;
        String[] ids = c.facts().instanceIds == null ? new String[0] : c.facts().instanceIds;
        c.emitFor(
                        ActionClass.CREDENTIAL_READ,
                        DETECTION,
                        e.eventName
                                + (userData ? " userData" : "")
                                + " of "
                                + (ids.length == 0 ? "an instance" : String.join(", ", ids))
                                + (e.failed() ? " (" + e.errorCode + ")" : "")
                                + c.where(),
                        ids)
                .on(ResourceType.INSTANCE);
    }
}
