package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.DetectionPolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.Profile;
import io.trailsentry.profile.ProfileLearner;
import io.trailsentry.scorer.FeatureExtractor;
import io.trailsentry.scorer.FeatureVector;
import java.util.function.Consumer;

/**
 * Every per-event rule, run against the principal's baseline as it was before the event, after
 * which the baseline learns the event. Events must arrive in event-time order per principal.
 */
public final class Rules {
    private final RuleContext context;
    private final ProfileLearner learner;

    public Rules(DetectionPolicy policy) {
        this.context = new RuleContext(policy);
        this.learner = new ProfileLearner(policy);
    }

    public void observe(Profile profile, CloudTrailEvent e, Consumer<Signal> out) {
        observe(profile, e, out, null, null);
    }

    /**
     * Also folds {@code e} into the principal's feature window (against the baseline before it),
     * handing a closed window's vector to {@code vectors}.
     */
    public void observe(
            Profile profile,
            CloudTrailEvent e,
            Consumer<Signal> out,
            FeatureExtractor features,
            Consumer<FeatureVector> vectors) {
        RuleContext c = context;
        c.event = e;
        c.profile = profile;
        c.keys.of(e);
        c.pending.clear();
        NoveltyRules.apply(c);
        ReconRules.apply(c);
        ProvisioningRules.apply(c);
        ContainerRules.apply(c);
        PersistenceRules.apply(c);
        CreatedResources.apply(c);
        if (features != null) {
            FeatureVector closed = features.add(profile, e, c.keys);
            if (closed != null) {
                closed.principal = e.principal;
                vectors.accept(closed);
            }
        }
        learner.learn(profile, e, c.keys);
        for (Signal s : c.pending) {
            out.accept(s);
        }
        c.pending.clear();
    }
}
