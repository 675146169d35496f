package io.trailsentry.sequence;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.signal;
import static io.trailsentry.detect.TestEvents.typed;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.CreatedResources;
import io.trailsentry.detect.rules.DryRunProbe;
import io.trailsentry.detect.rules.EnumerationBurst;
import io.trailsentry.detect.rules.GpuCompute;
import io.trailsentry.detect.rules.NewSource;
import io.trailsentry.detect.rules.TerminationProtection;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
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

    static List<Signal> run(SequenceDetection sequence, Signal... in) throws Exception {
        return SequenceHarness.run(sequence, POLICY, in);
    }

    @Test
    void campaignSequenceMatchesEnumerationValidationImpact() throws Exception {
        List<Signal> out =
                run(
                        new CampaignSequence(),
                        signal(EnumerationBurst.DETECTION, T0, "e1"),
                        signal(DryRunProbe.DETECTION, T0 + MIN, "e2"),
                        typed(
                                GpuCompute.DETECTION,
                                T0 + 3 * MIN,
                                "e3",
                                ResourceType.INSTANCE,
                                "i-1"));
        assertThat(out)
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.detectionId).isEqualTo(CampaignSequence.DETECTION.id);
                            assertThat(s.eventTime).isEqualTo(T0 + 3 * MIN);
                            assertThat(s.summary).contains("enumeration", "validation", "impact");
                        });
    }

    @Test
    void campaignSequenceNeedsCountedSignalsWithinTheWindow() throws Exception {
        assertThat(
                        run(
                                new CampaignSequence(),
                                signal(EnumerationBurst.DETECTION, T0, "e1").asRoutine(),
                                typed(
                                        GpuCompute.DETECTION,
                                        T0 + MIN,
                                        "e2",
                                        ResourceType.INSTANCE,
                                        "i-1")))
                .isEmpty();
        assertThat(
                        run(
                                new CampaignSequence(),
                                signal(EnumerationBurst.DETECTION, T0, "e1"),
                                typed(
                                        GpuCompute.DETECTION,
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
                        new CampaignSequence(),
                        signal(EnumerationBurst.DETECTION, T0, "e1"),
                        signal(DryRunProbe.DETECTION, T0 + MIN, "e2"),
                        signal(NewSource.DETECTION, T0 + 60 * MIN, "e3"));
        assertThat(out)
                .extracting(s -> s.detectionId)
                .containsExactly(CampaignSequence.RECON_ONLY.id);
    }

    @Test
    void dryRunThenProvisioning() throws Exception {
        assertThat(
                        run(
                                new DryRunThenProvision(),
                                signal(DryRunProbe.DETECTION, T0, "e1"),
                                typed(
                                                CreatedResources.DETECTION,
                                                T0 + 5 * MIN,
                                                "e2",
                                                ResourceType.AUTOSCALING_GROUP,
                                                "asg-1")
                                        .asRoutine()))
                .singleElement()
                .satisfies(s -> assertThat(s.resources).containsExactly("asg-1"));
        assertThat(
                        run(
                                new DryRunThenProvision(),
                                signal(DryRunProbe.DETECTION, T0, "e1"),
                                typed(
                                                CreatedResources.DETECTION,
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
                                    CreatedResources.DETECTION,
                                    T0 + i * 5_000L,
                                    "c" + i,
                                    ResourceType.ECS_CLUSTER,
                                    "cluster-" + i)
                            .asRoutine();
        }
        List<Signal> out = run(new ClusterFanOut(), in);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).resources)
                .containsExactly("cluster-0", "cluster-1", "cluster-2", "cluster-3", "cluster-4");
        Signal[] slow = new Signal[6];
        for (int i = 0; i < slow.length; i++) {
            slow[i] =
                    typed(
                                    CreatedResources.DETECTION,
                                    T0 + i * 5 * MIN,
                                    "c" + i,
                                    ResourceType.ECS_CLUSTER,
                                    "cluster-" + i)
                            .asRoutine();
        }
        assertThat(run(new ClusterFanOut(), slow)).isEmpty();
    }

    @Test
    void protectionOfOwnFreshInstances() throws Exception {
        assertThat(
                        run(
                                new ProtectOwnLaunch(),
                                typed(
                                                CreatedResources.DETECTION,
                                                T0,
                                                "e1",
                                                ResourceType.INSTANCE,
                                                "i-1",
                                                "i-2")
                                        .asRoutine(),
                                typed(
                                        TerminationProtection.DETECTION,
                                        T0 + MIN,
                                        "e2",
                                        ResourceType.INSTANCE,
                                        "i-2")))
                .singleElement()
                .satisfies(s -> assertThat(s.detectionId).isEqualTo(ProtectOwnLaunch.DETECTION.id));
        assertThat(
                        run(
                                new ProtectOwnLaunch(),
                                typed(
                                                CreatedResources.DETECTION,
                                                T0,
                                                "e1",
                                                ResourceType.INSTANCE,
                                                "i-1")
                                        .asRoutine(),
                                typed(
                                        TerminationProtection.DETECTION,
                                        T0 + MIN,
                                        "e2",
                                        ResourceType.INSTANCE,
                                        "i-other")))
                .isEmpty();
    }
}
