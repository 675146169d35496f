package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.EventKeys;
import io.trailsentry.profile.HourSummary;
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
        observe(profile, e, out, before, null);
    }

    /**
     * As {@link #observe(Profile, CloudTrailEvent, Consumer, BeforeLearning)}, and folds the event
     * into the principal's running hour: its summaries for the population (a closed hour, an
     * immature principal's probe, a principal's first event) go to {@code population}.
     */
    public void observe(
            Profile profile,
            CloudTrailEvent e,
            Consumer<Signal> out,
            BeforeLearning before,
            Consumer<HourSummary> population) {
        RuleContext c = context;
        c.start(profile, e);
        for (Rule rule : RuleCatalogue.ALL) {
            rule.evaluate(c);
        }
        if (before != null) {
            before.observe(profile, e, c.keys);
        }
        if (population != null) {
            tally(c, population);
        }
        learner.learn(profile, e, c.keys);
        for (Signal s : c.pending) {
            out.accept(s);
        }
        c.pending.clear();
    }

    private static void tally(RuleContext c, Consumer<HourSummary> population) {
        Profile p = c.profile;
        CloudTrailEvent e = c.event;
        boolean mature = c.mature();
        if (p.events == 0) {
            HourSummary first = new HourSummary();
            first.kind = HourSummary.FIRST;
            first.principal = e.principal;
            first.eventTime = e.eventTime;
            first.eventId = e.eventId;
            first.region = e.awsRegion;
            first.deliveredBy = e.recipientAccountId;
            population.accept(first);
        }
        int[] before = p.hour.counts();
        // the closing hour's compute: the principal's largest window of that day, if it is today's
        boolean sameDay =
                p.computeDay == Math.floorDiv(p.hour.hour() * 3_600_000L, ProfileLearner.DAY_MS);
        HourSummary closed =
                p.hour.add(
                        e,
                        c.keys,
                        ActionClass.of(e),
                        mature,
                        p.arn == null ? e.principal : p.principal(),
                        sameDay ? Math.round(p.computeTodayVcpus) : 0,
                        sameDay ? Math.round(p.computeTodayGpus) : 0);
        if (closed != null) {
            before = new int[4];
            population.accept(closed);
        }
        if (c.provisioning() && !c.acceleratedTypes().isEmpty()) {
            p.hour.show(ActionClass.ACCELERATED);
        }
        if ("ConsoleLogin".equals(e.eventName)
                && "Success".equals(c.facts().loginResult)
                && Boolean.TRUE.equals(c.facts().mfaUsed)) {
            p.hour.mfaSignIn();
        }
        for (Signal s : c.pending) {
            if (s.counted() && s.severity >= Severity.MEDIUM.id) {
                p.hour.flag();
            }
        }
        if (!mature) {
            HourSummary probe = p.hour.probe(e.principal, e, before);
            if (probe != null) {
                population.accept(probe);
            }
        }
    }
}
