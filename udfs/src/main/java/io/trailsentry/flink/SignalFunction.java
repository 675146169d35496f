package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.BurstTracker;
import io.trailsentry.detect.DetectionPolicy;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.EventRules;
import io.trailsentry.detect.Signal;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per-principal detectors: single-event rules and the ECS cluster fan-out burst. Decisions live in
 * {@link EventRules} and {@link BurstTracker}; this class only owns their state.
 */
public class SignalFunction extends KeyedProcessFunction<String, CloudTrailEvent, Signal> {
    private static final long serialVersionUID = 1L;

    private final DetectionPolicy policy;
    private final Duration idleTtl;

    private transient EventRules rules;
    private transient ValueState<BurstTracker> clusterBurst;

    public SignalFunction(DetectionPolicy policy, Duration idleTtl) {
        this.policy = policy;
        this.idleTtl = idleTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new EventRules(policy);
        clusterBurst = getRuntimeContext().getState(Descriptors.ecsClusterBurst(idleTtl));
    }

    @Override
    public void processElement(CloudTrailEvent e, Context ctx, Collector<Signal> out)
            throws Exception {
        rules.evaluate(e, e.principal, out::collect);
        if ("CreateCluster".equals(e.eventName)
                && "ecs.amazonaws.com".equals(e.eventSource)
                && !e.failed()) {
            onClusterCreated(e, out);
        }
    }

    private void onClusterCreated(CloudTrailEvent e, Collector<Signal> out) throws Exception {
        BurstTracker burst = clusterBurst.value();
        if (burst == null) {
            burst = new BurstTracker();
        }
        String name =
                e.facts == null || e.facts.clusterName == null ? "default" : e.facts.clusterName;
        int count =
                burst.record(
                        e.eventTime, name, policy.ecsClusterBurst, policy.ecsClusterBurstWindowMs);
        clusterBurst.update(burst);
        if (count > 0) {
            long from = e.eventTime - policy.ecsClusterBurstWindowMs;
            out.collect(
                    Signal.of(
                            Detections.ECS_CLUSTER_BURST,
                            e,
                            e.principal,
                            count
                                    + " ECS clusters created within "
                                    + policy.ecsClusterBurstWindowMs / 60_000
                                    + " min in "
                                    + e.awsRegion,
                            burst.namesSince(from, BurstTracker.CAPACITY)));
        }
    }
}
