package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.Profile;
import io.trailsentry.profile.RecentWindow;

/**
 * TS-CA-001: secret material read in bulk: {@code credentialReadBurst} distinct secrets, decrypted
 * parameters or instance secrets within {@code credentialReadWindowMs}, or one call that reads many
 * by filter or path. An application reading its own few secrets stays quiet; a credential
 * harvesting everything it can reach does not. Denied attempts count as attempts (MEDIUM).
 */
public final class CredentialBulkRead extends Rule {
    static final int WINDOW_CAPACITY = 16;

    public static final Detection DETECTION =
            Detection.id("TS-CA-001")
                    .title("Secrets or credentials read in bulk")
                    .category(Category.CREDENTIAL_ACCESS)
                    .severity(Severity.HIGH)
                    .technique(
                            "T1555.006",
                            "Credentials from Password Stores: Cloud Secrets Management Stores")
                    .tactic("Credential Access")
                    .matches(
                            "`credentialReadBurst`+ distinct secrets (GetSecretValue,"
                                    + " BatchGetSecretValue), decrypted SSM parameters or instance"
                                    + " secrets within `credentialReadWindowMs`, or a read by"
                                    + " filter or path; MEDIUM when denied")
                    .firstCheck(
                            "Rotate every secret and parameter the principal read, starting with"
                                    + " database and cloud credentials, and check where they were"
                                    + " used next.")
                    .build();

    CredentialBulkRead() {
        super(DETECTION);
    }

    /** How many secrets or decrypted parameters {@code e} reads (0: none; filter or path: all). */
    static int items(CloudTrailEvent e) {
        RequestFacts f = e.facts;
        String[] ids = f == null || f.names == null ? new String[0] : f.names;
        switch (e.eventName) {
            case "GetSecretValue":
                return Math.max(1, ids.length);
            case "BatchGetSecretValue":
                return ids.length == 0 ? Integer.MAX_VALUE : ids.length; // by filter: everything
            case "GetParameter":
            case "GetParameters":
                return f != null && Boolean.TRUE.equals(f.withDecryption)
                        ? Math.max(1, ids.length)
                        : 0;
            case "GetParametersByPath":
                return f != null && Boolean.TRUE.equals(f.withDecryption) ? Integer.MAX_VALUE : 0;
            default:
                return 0;
        }
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        int items = c.instanceSecretRead() ? 1 : items(e);
        if (items == 0) {
            return;
        }
        Profile p = c.profile;
        RecentWindow w = p.credentialReads;
        String[] ids = c.facts().names;
        if (ids == null || ids.length == 0) {
            String one = c.facts().instanceIds != null ? c.facts().instanceIds[0] : e.eventName;
            w.add(e.eventTime, one.hashCode(), WINDOW_CAPACITY);
        } else {
            for (String id : ids) {
                w.add(e.eventTime, id.hashCode(), WINDOW_CAPACITY);
            }
        }
        int distinct = w.distinct(e.eventTime - c.policy.credentialReadWindowMs);
        boolean bulk = items == Integer.MAX_VALUE || distinct >= c.policy.credentialReadBurst;
        if (!bulk || e.eventTime < w.quietUntil) {
            return;
        }
        w.quietUntil = e.eventTime + c.policy.reconCooldownMs;
        Signal s =
                c.emitFor(
                        ActionClass.CREDENTIAL_READ,
                        DETECTION,
                        (items == Integer.MAX_VALUE
                                        ? e.eventName + " reads every match of a filter or path"
                                        : distinct
                                                + " distinct secrets or credentials read within "
                                                + c.policy.credentialReadWindowMs / 60_000
                                                + " min, last by "
                                                + e.eventName)
                                + (e.failed() ? " (" + e.errorCode + ")" : "")
                                + c.where(),
                        ids == null ? new String[0] : ids);
        if (e.failed()) {
            s.severity(Severity.MEDIUM);
        }
    }
}
