package io.trailsentry.sequence;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.CreatedResources;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** Conditions and match helpers the sequence detections share. */
final class Matches {
    private Matches() {}

    /** Counted (non-routine) signals of these categories, sequences' own excluded. */
    static SimpleCondition<Signal> counted(Category... categories) {
        Set<Integer> set = new HashSet<>();
        Arrays.stream(categories).forEach(c -> set.add(c.number));
        return SimpleCondition.of(
                s ->
                        s.counted()
                                && set.contains(s.category)
                                && !CampaignSequence.DETECTION.id.equals(s.detectionId));
    }

    /** Counted (non-routine) signals of one detection. */
    static SimpleCondition<Signal> counted(String detectionId) {
        return SimpleCondition.of(s -> detectionId.equals(s.detectionId) && !s.routine);
    }

    /** The observation that the principal created a resource of one of {@code types}. */
    static boolean created(Signal s, ResourceType... types) {
        return CreatedResources.DETECTION.id.equals(s.detectionId)
                && s.resourceType != null
                && Arrays.asList(types).contains(ResourceType.ofKey(s.resourceType));
    }

    static Signal last(Map<String, List<Signal>> match, String stage) {
        List<Signal> l = match.get(stage);
        return l == null || l.isEmpty() ? null : l.get(l.size() - 1);
    }

    static Signal first(Map<String, List<Signal>> match) {
        Signal first = null;
        for (List<Signal> l : match.values()) {
            for (Signal s : l) {
                if (first == null || s.eventTime < first.eventTime) {
                    first = s;
                }
            }
        }
        return first;
    }

    /** "EventName at TIME", for a stage's summary. */
    static String at(Signal s) {
        return s.eventName + " at " + Instant.ofEpochMilli(s.eventTime);
    }

    static String minutes(long from, long to) {
        long s = Math.max(0, to - from) / 1000;
        return s < 120 ? s + " s" : (s / 60) + " min";
    }
}
