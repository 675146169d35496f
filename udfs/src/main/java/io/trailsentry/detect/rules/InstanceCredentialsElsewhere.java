package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.Profile;
import io.trailsentry.profile.RecentWindow;
import java.util.regex.Pattern;

/**
 * TS-CA-003: an instance's role credentials (a role session named after the instance, as EC2 names
 * them) used from a second network within {@code instanceSessionWindowMs}: the instance works from
 * its own addresses, so the same session elsewhere is a copy of its credentials (taken through the
 * metadata service, SSRF or a command). Calls through services and from AWS-internal sources do not
 * count as networks.
 */
public final class InstanceCredentialsElsewhere extends Rule {
    static final int WINDOW_CAPACITY = 8;
    static final long WINDOW_MS = 6 * 3_600_000L;
    static final Pattern INSTANCE_SESSION =
            Pattern.compile("i-[0-9a-f]{8,17}", Pattern.CASE_INSENSITIVE);

    public static final Detection DETECTION =
            Detection.id("TS-CA-003")
                    .title("Instance credentials used from a second network")
                    .category(Category.CREDENTIAL_ACCESS)
                    .severity(Severity.HIGH)
                    .technique("T1552.005", "Unsecured Credentials: Cloud Instance Metadata API")
                    .tactic("Credential Access")
                    .matches(
                            "a role session named after an EC2 instance (i-...) calling from a"
                                    + " second source prefix within 6 h")
                    .firstCheck(
                            "Revoke the role's sessions issued before now, then find how the"
                                    + " instance's credentials left it (IMDSv1, SSRF, a command).")
                    .build();

    InstanceCredentialsElsewhere() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        String session = e.principal == null ? null : e.principal.sessionName;
        if (session == null
                || !session.startsWith("i-")
                || !"AssumedRole".equals(e.principal.type)
                || !INSTANCE_SESSION.matcher(session).matches()
                || c.networkSource() == null) {
            return;
        }
        Profile p = c.profile;
        RecentWindow w = p.instanceSessions;
        int s = session.hashCode();
        int src = c.networkSource().hashCode();
        long from = e.eventTime - WINDOW_MS;
        boolean known = false;
        boolean elsewhere = false;
        for (int i = 0; i < w.times.length; i++) {
            if (w.times[i] >= from && w.keys[i] == s && i < w.keys2.length) {
                known |= w.keys2[i] == src;
                elsewhere |= w.keys2[i] != src;
            }
        }
        if (known) {
            return;
        }
        w.add(e.eventTime, s, src, WINDOW_CAPACITY);
        if (elsewhere) {
            c.emit(
                            DETECTION,
                            "credentials of instance "
                                    + session
                                    + " used from "
                                    + c.keys.source
                                    + " ("
                                    + e.eventName
                                    + "), a second network within 6 h",
                            session)
                    .on(ResourceType.INSTANCE);
        }
    }
}
