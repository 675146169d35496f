package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.DecayedCounts;
import io.trailsentry.profile.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * TS-NR-002: a mature principal from a source prefix or user agent that is not yet its own: never
 * used, or used on too few earlier days or too rarely ({@code sourceKnownDays}, {@code
 * sourceKnownEvents}), so a stolen key checked the evening before from the thief's address is still
 * new there the next day; at most one signal per {@code noveltyQuietMs}.
 */
public final class NewSource extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-NR-002")
                    .title("Principal active from a source new to it")
                    .category(Category.NEW_OR_RARE)
                    .severity(Severity.LOW)
                    .technique("T1078.004", "Valid Accounts: Cloud Accounts")
                    .tactic("Initial Access")
                    .matches(
                            "mature principal from a source IP prefix or user-agent family it"
                                    + " never used, or used on fewer than `sourceKnownDays`"
                                    + " earlier days or fewer than `sourceKnownEvents` times (with"
                                    + " the usual ones)")
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
        if (!c.knownSource()) {
            news.add("source " + prefix + seen(c, p.sources, prefix) + top(c, p.sources));
        }
        if (!c.knownUserAgent()) {
            news.add("user agent " + ua + seen(c, p.userAgents, ua) + top(c, p.userAgents));
        }
        if (news.isEmpty()) {
            return;
        }
        if (e.awsRegion != null && !p.regions.contains(e.awsRegion)) {
            String[] regions = p.regions.keys;
            news.add(
                    "region "
                            + e.awsRegion
                            + " (usual: "
                            + (regions.length == 0
                                    ? "none"
                                    : String.join(
                                            ", ",
                                            Arrays.copyOf(regions, Math.min(3, regions.length))))
                            + ")");
        }
        p.noveltyQuietUntil = e.eventTime + c.policy.noveltyQuietMs;
        c.emit(DETECTION, String.join("; ", news), prefix).on(ResourceType.SOURCE);
    }

    /** " (first seen N earlier day(s) ago, M events)" for a key seen before but not yet known. */
    private static String seen(RuleContext c, DecayedCounts set, String key) {
        if (!set.contains(key)) {
            return "";
        }
        int days = set.earlierDays(key, c.day());
        return String.format(
                Locale.ROOT,
                " (seen before on %d earlier day%s, about %.0f events: not yet established)",
                days,
                days == 1 ? "" : "s",
                set.weight(key));
    }

    /** " (usual: a, b, c)": up to three established keys of {@code set}. */
    private static String top(RuleContext c, DecayedCounts set) {
        List<String> usual = new ArrayList<>();
        for (String k : set.keys) {
            if (usual.size() < 3 && c.baseline.established(c.profile, set, k, c.day())) {
                usual.add(k);
            }
        }
        return " (usual: " + (usual.isEmpty() ? "none" : String.join(", ", usual)) + ")";
    }
}
