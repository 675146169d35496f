package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.DetectionPolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.Rules;
import io.trailsentry.profile.Profile;
import io.trailsentry.scorer.FeatureExtractor;
import io.trailsentry.scorer.FeatureVector;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each principal's rolling baseline and runs every per-event rule against it (see {@link
 * Rules}); closed feature windows go to the {@link Descriptors#FEATURES} output for the scorer.
 * Input arrives in event-time order per principal from {@link EventOrderer}.
 */
public class ProfilerFunction extends KeyedProcessFunction<String, CloudTrailEvent, Signal> {
    private static final long serialVersionUID = 1L;

    private final DetectionPolicy policy;
    private final Duration idleTtl;
    private final boolean features;

    private transient Rules rules;
    private transient FeatureExtractor extractor;
    private transient ValueState<Profile> profiles;
    private transient Counter signals;
    private transient Collector<Signal> out;
    private transient Context context;

    public ProfilerFunction(DetectionPolicy policy, Duration idleTtl, boolean features) {
        this.policy = policy;
        this.idleTtl = idleTtl;
        this.features = features;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new Rules(policy);
        extractor = new FeatureExtractor(policy);
        profiles = getRuntimeContext().getState(Descriptors.profile(idleTtl));
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
        long openBefore = p.window.start;
        rules.observe(p, e, this::emit, features ? extractor : null, this::vector);
        if (features && p.window.start != 0 && p.window.start != openBefore) {
            ctx.timerService().registerEventTimeTimer(p.window.start + extractor.windowMs());
        }
        profiles.update(p);
    }

    /** A quiet principal's window closes when the watermark passes its end. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> collector)
            throws Exception {
        Profile p = profiles.value();
        if (p == null || p.window.start == 0 || p.window.start + extractor.windowMs() > timestamp) {
            return;
        }
        FeatureVector v = extractor.close(p);
        profiles.update(p);
        if (v != null && p.principal != null) {
            v.principal = p.principal;
            ctx.output(Descriptors.FEATURES, v);
        }
    }

    private void emit(Signal s) {
        signals.inc();
        out.collect(s);
    }

    private void vector(FeatureVector v) {
        context.output(Descriptors.FEATURES, v);
    }
}
