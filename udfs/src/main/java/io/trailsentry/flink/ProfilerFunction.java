package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.DetectionPolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.Rules;
import io.trailsentry.profile.Profile;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each principal's rolling baseline and runs every per-event rule against it (see {@link
 * Rules}). Input arrives in event-time order per principal from {@link EventOrderer}.
 */
public class ProfilerFunction extends KeyedProcessFunction<String, CloudTrailEvent, Signal> {
    private static final long serialVersionUID = 1L;

    private final DetectionPolicy policy;
    private final Duration idleTtl;

    private transient Rules rules;
    private transient ValueState<Profile> profiles;
    private transient Counter signals;
    private transient Collector<Signal> out;

    public ProfilerFunction(DetectionPolicy policy, Duration idleTtl) {
        this.policy = policy;
        this.idleTtl = idleTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new Rules(policy);
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
        rules.observe(p, e, this::emit);
        profiles.update(p);
    }

    private void emit(Signal s) {
        signals.inc();
        out.collect(s);
    }
}
