package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.scorer.Attribution;
import io.trailsentry.scorer.FeatureVector;
import io.trailsentry.scorer.ScorerPolicy;
import io.trailsentry.util.Decimals;
import java.io.Serializable;

/**
 * When a scored feature window becomes a signal (TS-AN-001): never while the model is warming up,
 * evidence from {@code scorerThreshold}, counted from {@code scorerCountThreshold} and MEDIUM from
 * {@code scorerAlertThreshold}; a window of a principal whose baseline is still immature is
 * evidence only (its novelty features are high because it has no past).
 */
public final class AnomalyRule implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Detection DETECTION =
            Detection.id("TS-AN-001")
                    .title("Activity unlike the organisation's usual windows")
                    .category(Category.NEW_OR_RARE)
                    .severity(Severity.LOW)
                    .technique("T1078.004", "Valid Accounts: Cloud Accounts")
                    .tactic("Initial Access")
                    .matches(
                            "isolation-forest score of a 5-minute activity window at or above"
                                    + " `scorerThreshold`: evidence; counted from"
                                    + " `scorerCountThreshold` and only with a mature baseline"
                                    + " (MEDIUM from `scorerAlertThreshold`)")
                    .firstCheck(
                            "The isolation forest found this principal's recent activity rare;"
                                    + " the attribution names the features that made it so.")
                    .build();

    private final ScorerPolicy policy;

    public AnomalyRule(ScorerPolicy policy) {
        this.policy = policy;
    }

    /** Whether a window of this score, from a model of this size, makes a signal. */
    public boolean flags(int modelSize, double score) {
        return modelSize >= policy.scorerMinPoints && score >= policy.scorerThreshold;
    }

    /**
     * The signal for window {@code v} scored {@code score} by a model of {@code modelSize} windows,
     * whose strongest features {@code high}/{@code low} were attributed; null when it is not one.
     */
    public Signal signal(
            FeatureVector v, double score, int modelSize, double[] high, double[] low) {
        if (!flags(modelSize, score)) {
            return null;
        }
        Signal s =
                Signal.detection(
                        DETECTION,
                        v.principal,
                        Decimals.appendTwoPlaces(new StringBuilder("anomaly score "), score)
                                .append(" over ")
                                .append(modelSize)
                                .append(" windows; ")
                                .append(Attribution.describe(FeatureVector.NAMES, high, low, 3))
                                .append(v.baselineMature ? "" : " (baseline still immature)")
                                .toString());
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
