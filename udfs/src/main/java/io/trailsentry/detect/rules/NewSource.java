package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TS-NR-002: a mature principal from a source prefix or user agent it never used; at most one
 * signal per {@code noveltyQuietMs}.
 */
public final class NewSource extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-NR-002")
                    .title("Principal active from a source it never used")
                    .category(Category.NEW_OR_RARE)
                    .severity(Severity.LOW)
                    .technique("T1078.004", "Valid Accounts: Cloud Accounts")
                    .tactic("Initial Access")
                    .matches(
                            "mature principal from a source IP prefix or user-agent family it"
                                    + " never used (with the usual ones)")
                    .firstCheck(
                            "Compare the new source IP prefix, user agent and regions with where"
                                    + " this principal normally works; an unknown source using"
                                    + " long-lived keys suggests stolen credentials.")
                    .build();

    NewSource() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        Profile p = c.profile;
        if (p.events == 0
                || !c.mature()
                || e.eventTime < p.noveltyQuietUntil
                || e.viaService() != null) { // the source is the service, not a network
            return;
        }
        List<String> news = new ArrayList<>();
        String prefix = c.keys.source;
        String ua = c.keys.userAgent;
        if (!p.sources.contains(prefix)) {
            news.add("source " + prefix + " (usual: " + top(p.sources.keys) + ")");
        }
        if (!p.userAgents.contains(ua)) {
            news.add("user agent " + ua + " (usual: " + top(p.userAgents.keys) + ")");
        }
        if (news.isEmpty()) {
            return;
        }
        if (e.awsRegion != null && !p.regions.contains(e.awsRegion)) {
            news.add("region " + e.awsRegion + " (usual: " + top(p.regions.keys) + ")");
        }
        p.noveltyQuietUntil = e.eventTime + c.policy.noveltyQuietMs;
        c.emit(DETECTION, String.join("; ", news), prefix).on(ResourceType.SOURCE);
    }

    private static String top(String[] keys) {
        return keys.length == 0
                ? "none"
                : String.join(", ", Arrays.copyOf(keys, Math.min(3, keys.length)));
    }
}
