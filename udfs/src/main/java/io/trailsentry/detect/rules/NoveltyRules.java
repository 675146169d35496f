package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.profile.Profile;
import java.util.ArrayList;
import java.util.List;

/** Category 1: a new principal, a new long-lived key, a source the principal never used. */
final class NoveltyRules {

    private NoveltyRules() {}

    static void apply(RuleContext c) {
        CloudTrailEvent e = c.event;
        Profile p = c.profile;
        if (p.events == 0) {
            c.emit(
                            Detections.NEW_PRINCIPAL,
                            "first activity of " + e.principal.arn + " (" + e.eventName + ")")
                    .asRoutine();
            return;
        }
        if (!c.mature()) {
            return;
        }
        String key = e.accessKeyId();
        if (key != null && key.startsWith("AKIA") && !p.accessKeys.contains(key)) {
            c.emit(
                            Detections.NEW_ACCESS_KEY,
                            "access key " + key + " not seen before for this principal",
                            key)
                    .on(ResourceType.ACCESS_KEY);
        }
        if (e.eventTime < p.noveltyQuietUntil) {
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
        c.emit(Detections.NEW_SOURCE, String.join("; ", news), prefix).on(ResourceType.SOURCE);
    }

    private static String top(String[] keys) {
        return keys.length == 0
                ? "none"
                : String.join(", ", java.util.Arrays.copyOf(keys, Math.min(3, keys.length)));
    }
}
