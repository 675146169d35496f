package io.trailsentry.detect.rules;

import io.trailsentry.detect.Detections;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.scorer.Attribution;
import io.trailsentry.scorer.FeatureVector;
import io.trailsentry.scorer.ScorerPolicy;
import java.io.Serializable;
import java.util.Locale;

/**
 * When a scored feature window becomes a signal (TS-AN-001): never while the model is warming up,
 * evidence from {@code scorerThreshold}, counted from {@code scorerCountThreshold} and MEDIUM from
 * {@code scorerAlertThreshold}; a window of a principal whose baseline is still immature is
 * evidence only (its novelty features are high because it has no past).
 */
public final class AnomalyRule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ScorerPolicy policy;

    public AnomalyRule(ScorerPolicy policy) {
        this.policy = policy;
    }

    /**
     * The signal for window {@code v} scored {@code score} by a model of {@code modelSize} windows,
     * whose strongest features {@code high}/{@code low} were attributed; null when it is not one.
     */
    public Signal signal(
            FeatureVector v, double score, int modelSize, double[] high, double[] low) {
        if (modelSize < policy.scorerMinPoints || score < policy.scorerThreshold) {
            return null;
        }
        Signal s =
                Signal.detection(
                        Detections.ANOMALOUS_WINDOW,
                        v.principal,
                        String.format(
                                Locale.ROOT,
                                "anomaly score %.2f over %d windows; %s%s",
                                score,
                                modelSize,
                                Attribution.describe(FeatureVector.NAMES, high, low, 3),
                                v.baselineMature ? "" : " (baseline still immature)"));
        s.eventTime = v.windowEnd;
        s.eventId = v.eventId;
        s.eventName = "feature window";
        s.region = v.region;
        s.accessKeyId = v.accessKeyId;
        s.severity = (score >= policy.scorerAlertThreshold ? Severity.MEDIUM : Severity.LOW).id;
        s.routine = score < policy.scorerCountThreshold || !v.baselineMature;
        return s;
    }
}
