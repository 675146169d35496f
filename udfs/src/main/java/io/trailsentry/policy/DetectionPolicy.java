package io.trailsentry.policy;

import io.trailsentry.detect.RulePolicy;
import io.trailsentry.incident.IncidentPolicy;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.scorer.ScorerPolicy;
import io.trailsentry.sequence.SequencePolicy;
import java.io.Serializable;
import java.util.List;

/**
 * The detection policy of a deployment: one immutable policy per stage, each owned by its package
 * and handed only to the stage that reads it. A JSON policy document names the knobs flat (their
 * names are the stage builders' field names, each owned by exactly one stage); see {@code
 * docs/policy.md}.
 */
public final class DetectionPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    public final BaselinePolicy baseline;
    public final RulePolicy rules;
    public final ScorerPolicy scorer;
    public final SequencePolicy sequences;
    public final IncidentPolicy incidents;

    private DetectionPolicy(Builder b) {
        this.baseline = b.baseline.build();
        this.rules = b.rules.build();
        this.scorer = b.scorer.build();
        this.sequences = b.sequences.build();
        this.incidents = b.incidents.build();
    }

    public static DetectionPolicy defaults() {
        return new Builder().build();
    }

    /** One builder per stage, holding every knob at its default until set. */
    public static final class Builder {
        public final BaselinePolicy.Builder baseline = new BaselinePolicy.Builder();
        public final RulePolicy.Builder rules = new RulePolicy.Builder();
        public final ScorerPolicy.Builder scorer = new ScorerPolicy.Builder();
        public final SequencePolicy.Builder sequences = new SequencePolicy.Builder();
        public final IncidentPolicy.Builder incidents = new IncidentPolicy.Builder();

        /** The stage builders, whose public fields are the policy document's knobs. */
        public List<Object> stages() {
            return List.of(baseline, rules, scorer, sequences, incidents);
        }

        public DetectionPolicy build() {
            return new DetectionPolicy(this);
        }
    }
}
