package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.EventKeys;
import io.trailsentry.profile.Profile;
import io.trailsentry.profile.ProfileLearner;
import java.util.function.Consumer;

/**
 * Runs every rule of {@link RuleCatalogue} on an event, against the principal's baseline before it
 * learns the event (rules keep their own windows in the profile, see {@link RuleContext}); then the
 * baseline learns it. Events must arrive in event-time order per principal.
 */
public final class Rules {
    /** Sees each event against the baseline before it, as the rules do (the scorer's features). */
    public interface BeforeLearning {
        void observe(Profile baseline, CloudTrailEvent e, EventKeys keys);
    }

    private final RuleContext context;
    private final ProfileLearner learner;

    public Rules(RulePolicy rules, BaselinePolicy baseline) {
        this.context = new RuleContext(rules, baseline);
        this.learner = new ProfileLearner(baseline.baselineHalfLifeMs);
    }

    public void observe(Profile profile, CloudTrailEvent e, Consumer<Signal> out) {
        observe(profile, e, out, null);
    }

    /**
     * Runs the rules on {@code e}, then {@code before} (if any), then learns {@code e}; the signals
     * go to {@code out} once every rule has finished with them.
     */
    public void observe(
            Profile profile, CloudTrailEvent e, Consumer<Signal> out, BeforeLearning before) {
        RuleContext c = context;
        c.start(profile, e);
        for (Rule rule : RuleCatalogue.ALL) {
            rule.evaluate(c);
        }
        if (before != null) {
            before.observe(profile, e, c.keys);
        }
        learner.learn(profile, e, c.keys);
        for (Signal s : c.pending) {
            out.accept(s);
        }
        c.pending.clear();
    }
}
