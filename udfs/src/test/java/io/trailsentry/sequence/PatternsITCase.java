package io.trailsentry.sequence;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.signal;
import static io.trailsentry.detect.TestEvents.typed;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.Detections;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CEP sequences on a real MiniCluster, positive and negative examples each. */
class PatternsITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final SequencePolicy POLICY = SequencePolicy.defaults();
    static final long MIN = 60_000L;

    static List<Signal> run(
            Pattern<Signal, Signal> pattern,
            PatternProcessFunction<Signal, Signal> fn,
            Signal... in)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.getConfig().disableGenericTypes();
        DataStream<Signal> signals =
                env.fromData(TypeInformation.of(Signal.class), in)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Signal>forBoundedOutOfOrderness(Duration.ZERO)
                                        .withTimestampAssigner((s, t) -> s.eventTime));
        SingleOutputStreamOperator<Signal> out =
                CEP.pattern(
                                signals.keyBy(s -> s.principal.key, Types.STRING),
                                pattern,
                                new SignalOrder())
                        .inEventTime()
                        .process(fn);
        List<Signal> result = new ArrayList<>();
        try (CloseableIterator<Signal> main = out.collectAsync();
                CloseableIterator<Signal> timedOut =
                        out.getSideOutput(SequenceFunctions.TIMED_OUT).collectAsync()) {
            env.execute();
            main.forEachRemaining(result::add);
            timedOut.forEachRemaining(result::add);
        }
        return result;
    }

    @Test
    void campaignSequenceMatchesEnumerationValidationImpact() throws Exception {
        List<Signal> out =
                run(
                        Patterns.campaign(POLICY),
                        new SequenceFunctions.Campaign(),
                        signal(Detections.ENUMERATION_BURST, T0, "e1"),
                        signal(Detections.DRYRUN_PROBE, T0 + MIN, "e2"),
                        typed(
                                Detections.GPU_COMPUTE,
                                T0 + 3 * MIN,
                                "e3",
                                ResourceType.INSTANCE,
                                "i-1"));
        assertThat(out)
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.detectionId).isEqualTo(Detections.CAMPAIGN_SEQUENCE.id);
                            assertThat(s.eventTime).isEqualTo(T0 + 3 * MIN);
                            assertThat(s.summary).contains("enumeration", "validation", "impact");
                        });
    }

    @Test
    void campaignSequenceNeedsCountedSignalsWithinTheWindow() throws Exception {
        assertThat(
                        run(
                                Patterns.campaign(POLICY),
                                new SequenceFunctions.Campaign(),
                                signal(Detections.ENUMERATION_BURST, T0, "e1").asRoutine(),
                                typed(
                                        Detections.GPU_COMPUTE,
                                        T0 + MIN,
                                        "e2",
                                        ResourceType.INSTANCE,
                                        "i-1")))
                .isEmpty();
        assertThat(
                        run(
                                Patterns.campaign(POLICY),
                                new SequenceFunctions.Campaign(),
                                signal(Detections.ENUMERATION_BURST, T0, "e1"),
                                typed(
                                        Detections.GPU_COMPUTE,
                                        T0 + POLICY.sequenceWindowMs + MIN,
                                        "e2",
                                        ResourceType.INSTANCE,
                                        "i-1")))
                .isEmpty();
    }

    @Test
    void reconnaissanceWithoutFollowThroughIsReportedWhenItTimesOut() throws Exception {
        List<Signal> out =
                run(
                        Patterns.campaign(POLICY),
                        new SequenceFunctions.Campaign(),
                        signal(Detections.ENUMERATION_BURST, T0, "e1"),
                        signal(Detections.DRYRUN_PROBE, T0 + MIN, "e2"),
                        signal(Detections.NEW_SOURCE, T0 + 60 * MIN, "e3"));
        assertThat(out).extracting(s -> s.detectionId).containsExactly(Detections.RECON_ONLY.id);
    }

    @Test
    void dryRunThenProvisioning() throws Exception {
        assertThat(
                        run(
                                Patterns.dryRunThenProvision(POLICY),
                                new SequenceFunctions.DryRunThenProvision(),
                                signal(Detections.DRYRUN_PROBE, T0, "e1"),
                                typed(
                                                Detections.CREATED,
                                                T0 + 5 * MIN,
                                                "e2",
                                                ResourceType.AUTOSCALING_GROUP,
                                                "asg-1")
                                        .asRoutine()))
                .singleElement()
                .satisfies(s -> assertThat(s.resources).containsExactly("asg-1"));
        assertThat(
                        run(
                                Patterns.dryRunThenProvision(POLICY),
                                new SequenceFunctions.DryRunThenProvision(),
                                signal(Detections.DRYRUN_PROBE, T0, "e1"),
                                typed(
                                                Detections.CREATED,
                                                T0 + 5 * MIN,
                                                "e2",
                                                ResourceType.IAM_ROLE,
                                                "r")
                                        .asRoutine()))
                .isEmpty();
    }

    @Test
    void clusterFanOutFiresForEveryFiveClustersWithinTheWindow() throws Exception {
        Signal[] in = new Signal[12];
        for (int i = 0; i < in.length; i++) {
            in[i] =
                    typed(
                                    Detections.CREATED,
                                    T0 + i * 5_000L,
                                    "c" + i,
                                    ResourceType.ECS_CLUSTER,
                                    "cluster-" + i)
                            .asRoutine();
        }
        List<Signal> out =
                run(Patterns.clusterFanOut(POLICY), new SequenceFunctions.ClusterFanOut(), in);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).resources)
                .containsExactly("cluster-0", "cluster-1", "cluster-2", "cluster-3", "cluster-4");
        Signal[] slow = new Signal[6];
        for (int i = 0; i < slow.length; i++) {
            slow[i] =
                    typed(
                                    Detections.CREATED,
                                    T0 + i * 5 * MIN,
                                    "c" + i,
                                    ResourceType.ECS_CLUSTER,
                                    "cluster-" + i)
                            .asRoutine();
        }
        assertThat(run(Patterns.clusterFanOut(POLICY), new SequenceFunctions.ClusterFanOut(), slow))
                .isEmpty();
    }

    @Test
    void protectionOfOwnFreshInstances() throws Exception {
        assertThat(
                        run(
                                Patterns.protectOwnLaunch(POLICY),
                                new SequenceFunctions.ProtectOwnLaunch(),
                                typed(
                                                Detections.CREATED,
                                                T0,
                                                "e1",
                                                ResourceType.INSTANCE,
                                                "i-1",
                                                "i-2")
                                        .asRoutine(),
                                typed(
                                        Detections.TERMINATION_PROTECTION,
                                        T0 + MIN,
                                        "e2",
                                        ResourceType.INSTANCE,
                                        "i-2")))
                .singleElement()
                .satisfies(
                        s -> assertThat(s.detectionId).isEqualTo(Detections.PROTECT_OWN_LAUNCH.id));
        assertThat(
                        run(
                                Patterns.protectOwnLaunch(POLICY),
                                new SequenceFunctions.ProtectOwnLaunch(),
                                typed(Detections.CREATED, T0, "e1", ResourceType.INSTANCE, "i-1")
                                        .asRoutine(),
                                typed(
                                        Detections.TERMINATION_PROTECTION,
                                        T0 + MIN,
                                        "e2",
                                        ResourceType.INSTANCE,
                                        "i-other")))
                .isEmpty();
    }
}
