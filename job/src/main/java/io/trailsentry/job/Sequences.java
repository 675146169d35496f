package io.trailsentry.job;

import io.trailsentry.detect.Signal;
import io.trailsentry.sequence.Patterns;
import io.trailsentry.sequence.SequenceFunctions;
import io.trailsentry.sequence.SequencePolicy;
import io.trailsentry.sequence.SignalOrder;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Wires the CEP sequences over a principal's signals, each with its own uid. */
final class Sequences {
    private Sequences() {}

    static DataStream<Signal> attach(KeyedStream<Signal, String> signals, SequencePolicy p) {
        SingleOutputStreamOperator<Signal> campaign =
                match(
                        signals,
                        Patterns.campaign(p),
                        new SequenceFunctions.Campaign(),
                        Uids.CEP_CAMPAIGN,
                        "Campaign sequence");
        return campaign.union(
                campaign.getSideOutput(SequenceFunctions.TIMED_OUT),
                match(
                        signals,
                        Patterns.dryRunThenProvision(p),
                        new SequenceFunctions.DryRunThenProvision(),
                        Uids.CEP_DRYRUN_PROVISION,
                        "DryRun then provisioning"),
                match(
                        signals,
                        Patterns.clusterFanOut(p),
                        new SequenceFunctions.ClusterFanOut(),
                        Uids.CEP_CLUSTER_FANOUT,
                        "ECS cluster fan-out"),
                match(
                        signals,
                        Patterns.protectOwnLaunch(p),
                        new SequenceFunctions.ProtectOwnLaunch(),
                        Uids.CEP_PROTECT_LAUNCH,
                        "Protect own launch"));
    }

    private static SingleOutputStreamOperator<Signal> match(
            KeyedStream<Signal, String> signals,
            Pattern<Signal, Signal> pattern,
            PatternProcessFunction<Signal, Signal> fn,
            String uid,
            String name) {
        return CEP.pattern(signals, pattern, new SignalOrder())
                .inEventTime()
                .process(fn)
                .uid(uid)
                .name(name);
    }
}
