package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.population.PopulationRecord;
import io.trailsentry.detect.rules.Rules;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.EventKeys;
import io.trailsentry.profile.HourSummary;
import io.trailsentry.profile.Profile;
import io.trailsentry.scorer.FeatureExtractor;
import io.trailsentry.scorer.FeatureVector;
import io.trailsentry.scorer.FeatureWindow;
import io.trailsentry.scorer.ScorerPolicy;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each principal's rolling baseline and runs every per-event rule against it (see {@link
 * Rules}); with the scorer on, folds each event into the principal's feature window (against the
 * same baseline) and sends closed windows to the {@link Descriptors#FEATURES} output; hour
 * summaries and the signals the rules leave to the population (cold start) go to {@link
 * Descriptors#POPULATION}. Input arrives in event-time order per principal from {@link
 * EventOrderer}.
 */
public class ProfilerFunction extends KeyedProcessFunction<String, CloudTrailEvent, Signal> {
    private static final long serialVersionUID = 1L;

    private final RulePolicy rulePolicy;
    private final BaselinePolicy baseline;
    private final ScorerPolicy scorer;
    private final Duration idleTtl;
    private final boolean features;

    private transient Rules rules;
    private transient FeatureExtractor extractor;
    private transient ValueState<Profile> profiles;
    private transient ValueState<FeatureWindow> windows;
    private transient Counter signals;
    private transient Collector<Signal> out;
    private transient Context context;
    private transient FeatureWindow window;

    public ProfilerFunction(
            RulePolicy rules,
            BaselinePolicy baseline,
            ScorerPolicy scorer,
            Duration idleTtl,
            boolean features) {
        this.rulePolicy = rules;
        this.baseline = baseline;
        this.scorer = scorer;
        this.idleTtl = idleTtl;
        this.features = features;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new Rules(rulePolicy, baseline);
        extractor = new FeatureExtractor(scorer, baseline);
        profiles = getRuntimeContext().getState(Descriptors.profile(idleTtl));
        windows = getRuntimeContext().getState(Descriptors.featureWindow(idleTtl));
        signals = getRuntimeContext().getMetricGroup().addGroup("trailsentry").counter("signals");
    }

    @Override
    public void processElement(CloudTrailEvent e, Context ctx, Collector<Signal> collector)
            throws Exception {
        Profile p = profiles.value();
        if (p == null) {
            p = new Profile();
        }
        out = collector;
        context = ctx;
        if (!features) {
            rules.observe(p, e, this::emit, null, this::summarise);
            profiles.update(p);
            return;
        }
        FeatureWindow w = windows.value();
        window = w == null ? new FeatureWindow() : w;
        long openBefore = window.start;
        rules.observe(p, e, this::emit, this::addToWindow, this::summarise);
        if (window.start != 0 && window.start != openBefore) {
            ctx.timerService().registerEventTimeTimer(window.start + extractor.windowMs());
        }
        profiles.update(p);
        windows.update(window);
    }

    /** Folds the event into the open window, against the baseline before the event. */
    private void addToWindow(Profile p, CloudTrailEvent e, EventKeys keys) {
        FeatureVector closed = extractor.add(p, window, e, keys);
        if (closed != null) {
            if (closed.principal == null) {
                closed.principal = e.principal;
            }
            context.output(Descriptors.FEATURES, closed);
        }
    }

    /** A quiet principal's window closes when the watermark passes its end. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> collector)
            throws Exception {
        FeatureWindow w = windows.value();
        if (w == null || w.start == 0 || w.start + extractor.windowMs() > timestamp) {
            return;
        }
        Profile p = profiles.value();
        FeatureVector v = p == null ? null : extractor.close(p, w);
        windows.update(w);
        if (v != null && p.principal != null) {
            if (v.principal == null) {
                v.principal = p.principal;
            }
            ctx.output(Descriptors.FEATURES, v);
        }
    }

    private void emit(Signal s) {
        signals.inc();
        if (s.population != null) {
            // a cold-start question: the population operator answers it and releases the signal
            context.output(Descriptors.POPULATION, PopulationRecord.held(s));
            return;
        }
        out.collect(s);
    }

    /** A principal's hour summary, for its population. */
    private void summarise(HourSummary s) {
        context.output(Descriptors.POPULATION, PopulationRecord.of(s));
    }
}
