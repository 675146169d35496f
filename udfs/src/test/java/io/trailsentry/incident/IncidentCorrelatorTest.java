package io.trailsentry.incident;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.created;
import static io.trailsentry.detect.TestEvents.signal;
import static io.trailsentry.detect.TestEvents.typed;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.TestEvents;
import io.trailsentry.detect.rules.CreatedResources;
import io.trailsentry.detect.rules.DryRunProbe;
import io.trailsentry.detect.rules.EnumerationBurst;
import io.trailsentry.detect.rules.GpuCompute;
import io.trailsentry.detect.rules.LargeAutoScalingGroup;
import io.trailsentry.detect.rules.MinerMarkers;
import io.trailsentry.detect.rules.NewSource;
import io.trailsentry.detect.rules.TerminationProtection;
import io.trailsentry.sequence.CampaignSequence;
import io.trailsentry.sequence.ClusterFanOut;
import io.trailsentry.sequence.ProtectOwnLaunch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentCorrelatorTest {
    private final IncidentPolicy.Builder policy = new IncidentPolicy.Builder();

    private List<Finding> play(Signal... signals) {
        IncidentCorrelator c = new IncidentCorrelator(policy.build());
        Incident inc = IncidentCorrelator.open(signals[0]);
        List<Finding> out = new ArrayList<>();
        for (Signal s : signals) {
            Finding f = c.add(inc, s);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void aLoneLowSignalStaysBelowTheEmitThreshold() {
        assertThat(play(signal(DryRunProbe.DETECTION, T0, "e1"))).isEmpty();
    }

    @Test
    void aReportedIncidentClosesWithACloseFindingHoldingEverything() {
        IncidentCorrelator c = new IncidentCorrelator(policy.build());
        Signal first =
                typed(MinerMarkers.DETECTION, T0, "e1", ResourceType.TASK_DEFINITION, "td:1");
        Incident inc = IncidentCorrelator.open(first);
        Finding opened = c.add(inc, first);
        // a resource created after the last finding: only the closing finding carries it
        assertThat(c.add(inc, created(T0 + 5_000, "e2", ResourceType.ECS_CLUSTER, "c1"))).isNull();
        Finding closed = c.closing(inc);
        assertThat(closed.closed).isTrue();
        assertThat(closed.uid).isEqualTo(opened.uid);
        assertThat(closed.version).isEqualTo(opened.version + 1);
        assertThat(closed.time).isEqualTo(T0 + 5_000 + policy.incidentIdleCloseMs);
        assertThat(closed.createdTime).isEqualTo(opened.createdTime).isEqualTo(T0);
        assertThat(closed.severityId).isEqualTo(opened.severityId);
        assertThat(closed.targets).extracting(t -> t.id).contains("td:1", "c1");
        assertThat(closed.idleCloseMs).isEqualTo(policy.incidentIdleCloseMs);
    }

    @Test
    void anUnreportedIncidentClosesInSilence() {
        IncidentCorrelator c = new IncidentCorrelator(policy.build());
        Signal low = signal(DryRunProbe.DETECTION, T0, "e1");
        Incident inc = IncidentCorrelator.open(low);
        assertThat(c.add(inc, low)).isNull();
        assertThat(c.closing(inc)).isNull();
    }

    @Test
    void theCampaignEscalatesToCriticalWithTheSameUid() {
        List<Finding> out =
                play(
                        signal(NewSource.DETECTION, T0, "e1"),
                        signal(EnumerationBurst.DETECTION, T0 + 20_000, "e2"),
                        signal(DryRunProbe.DETECTION, T0 + 50_000, "e3"),
                        // what the principal created (routine observations, never counted),
                        // before the first finding so that no rate-limited update interleaves
                        created(T0 + 30_000, "e3a", ResourceType.ECS_CLUSTER, "c1"),
                        created(T0 + 31_000, "e3b", ResourceType.ECS_CLUSTER, "c2"),
                        created(T0 + 32_000, "e3c", ResourceType.TASK_DEFINITION, "td:1"),
                        created(T0 + 33_000, "e3d", ResourceType.INSTANCE, "i-1"),
                        typed(
                                ClusterFanOut.DETECTION,
                                T0 + 80_000,
                                "e5",
                                ResourceType.ECS_CLUSTER,
                                "c1",
                                "c2"),
                        typed(
                                MinerMarkers.DETECTION,
                                T0 + 90_000,
                                "e6",
                                ResourceType.TASK_DEFINITION,
                                "td:1"),
                        typed(
                                TerminationProtection.DETECTION,
                                T0 + 200_000,
                                "e7",
                                ResourceType.INSTANCE,
                                "i-1"));
        assertThat(out)
                .extracting(f -> f.version, f -> f.severityId)
                .containsExactly(
                        // three reconnaissance categories: MEDIUM; the fan-out makes four:
                        // CRITICAL;
                        // then each new category (workload, friction) is a new version
                        org.assertj.core.groups.Tuple.tuple(1, Severity.MEDIUM.id),
                        org.assertj.core.groups.Tuple.tuple(2, Severity.CRITICAL.id),
                        org.assertj.core.groups.Tuple.tuple(3, Severity.CRITICAL.id),
                        org.assertj.core.groups.Tuple.tuple(4, Severity.CRITICAL.id));
        assertThat(out).extracting(f -> f.uid).containsOnly(out.get(0).uid);
        Finding last = out.get(out.size() - 1);
        assertThat(last.categories).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(last.time).isEqualTo(T0 + 200_000);
        assertThat(last.spanMs).isEqualTo(200_000);
        assertThat(last.why).contains("[1] new or rare", "[6] response friction");
        assertThat(last.responsePlan)
                .extracting(s -> s.phase + ":" + s.action + ":" + s.target)
                .containsExactly(
                        "contain:deactivate-access-key:AKIASTOLEN",
                        "contain:quarantine-principal:" + TestEvents.ATTACKER.arn,
                        "contain:deny-compute-creation:" + TestEvents.ATTACKER.arn,
                        "reverse:enable-instance-termination:i-1",
                        "eradicate:delete-ecs-cluster:c1",
                        "eradicate:delete-ecs-cluster:c2",
                        "eradicate:deregister-task-definition:td:1",
                        "eradicate:terminate-instance:i-1",
                        "eradicate:rotate-credentials:" + TestEvents.ATTACKER.arn);
    }

    @Test
    void impactWithoutReconnaissanceStaysAtItsStrongestSignal() {
        List<Finding> out =
                play(
                        typed(
                                LargeAutoScalingGroup.DETECTION,
                                T0,
                                "e1",
                                ResourceType.AUTOSCALING_GROUP,
                                "web"),
                        typed(
                                TerminationProtection.DETECTION,
                                T0 + 2_000,
                                "e2",
                                ResourceType.INSTANCE,
                                "i-1"),
                        typed(
                                ProtectOwnLaunch.DETECTION,
                                T0 + 3_000,
                                "e3",
                                ResourceType.INSTANCE,
                                "i-1"));
        assertThat(out).isEmpty(); // LOW, below the MEDIUM emit threshold
        policy.minFindingSeverity = Severity.INFO.id;
        assertThat(
                        play(
                                typed(
                                        LargeAutoScalingGroup.DETECTION,
                                        T0,
                                        "e1",
                                        ResourceType.AUTOSCALING_GROUP,
                                        "web"),
                                typed(
                                        TerminationProtection.DETECTION,
                                        T0 + 2_000,
                                        "e2",
                                        ResourceType.INSTANCE,
                                        "i-1")))
                .extracting(f -> f.severityId)
                .containsOnly(Severity.LOW.id);
    }

    @Test
    void protectedComputeFromANewSourceIsCriticalEvenWhenEachStepIsSmall() {
        // a key used from an address that is new to it: small GPU request, then protection
        Signal fresh = signal(NewSource.DETECTION, T0, "e0");
        Signal gpu = typed(GpuCompute.DETECTION, T0 + 60_000, "e1", ResourceType.INSTANCE, "i-1");
        Signal protect =
                typed(
                        TerminationProtection.DETECTION,
                        T0 + 90_000,
                        "e2",
                        ResourceType.INSTANCE,
                        "i-1");
        assertThat(play(fresh, gpu, protect))
                .last()
                .satisfies(f -> assertThat(f.severityId).isEqualTo(Severity.CRITICAL.id));
        // the same without the new source (a known deployer) is not raised by it
        assertThat(play(gpu, protect))
                .allSatisfy(f -> assertThat(f.severityId).isLessThan(Severity.CRITICAL.id));
    }

    @Test
    void routineSignalsAreEvidenceButDoNotCount() {
        Signal routineEnum = signal(EnumerationBurst.DETECTION, T0, "e1").asRoutine();
        List<Finding> out =
                play(
                        routineEnum,
                        signal(DryRunProbe.DETECTION, T0 + 1_000, "e2"),
                        typed(
                                LargeAutoScalingGroup.DETECTION,
                                T0 + 2_000,
                                "e3",
                                ResourceType.AUTOSCALING_GROUP,
                                "g"));
        // counted: validation + provisioning = MEDIUM; counting the enumeration would make it HIGH
        assertThat(out)
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.severityId).isEqualTo(Severity.MEDIUM.id);
                            assertThat(f.categories).containsExactly(3, 4);
                            assertThat(f.evidence)
                                    .extracting(e -> e.routine)
                                    .containsExactly(true, false, false);
                        });
    }

    @Test
    void slowCampaignsCountOneStepLessAcrossTheIncident() {
        long gap = policy.incidentWindowMs + 60_000;
        List<Finding> out =
                play(
                        signal(NewSource.DETECTION, T0, "e1"),
                        signal(DryRunProbe.DETECTION, T0 + gap, "e2"),
                        typed(
                                GpuCompute.DETECTION,
                                T0 + 2 * gap,
                                "e3",
                                ResourceType.INSTANCE,
                                "i-1"),
                        typed(
                                TerminationProtection.DETECTION,
                                T0 + 3 * gap,
                                "e4",
                                ResourceType.INSTANCE,
                                "i-1"));
        assertThat(out).extracting(f -> f.severityId).last().isEqualTo(Severity.HIGH.id);
        assertThat(out.get(out.size() - 1).activeCategories).containsExactly(6);
    }

    @Test
    void theSequenceIsAtLeastHigh() {
        List<Finding> out = play(signal(CampaignSequence.DETECTION, T0, "e1"));
        assertThat(out)
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.severityId).isEqualTo(Severity.HIGH.id);
                            assertThat(f.sequence).isTrue();
                        });
    }

    @Test
    void allowlistedPrincipalsAreRecordedAsSuppressedAtInfo() {
        policy.allowlistedPrincipals = new String[] {TestEvents.ATTACKER.arn};
        List<Finding> out =
                play(
                        signal(NewSource.DETECTION, T0, "e1"),
                        signal(EnumerationBurst.DETECTION, T0 + 1_000, "e2"),
                        typed(
                                MinerMarkers.DETECTION,
                                T0 + 2_000,
                                "e3",
                                ResourceType.TASK_DEFINITION,
                                "td"));
        assertThat(out)
                .isNotEmpty()
                .allSatisfy(
                        f -> {
                            assertThat(f.suppressed).isTrue();
                            assertThat(f.severityId).isEqualTo(Severity.INFO.id);
                            assertThat(f.suppressionReason).contains("allowlisted");
                        });
        assertThat(out.get(out.size() - 1).unsuppressedSeverityId).isEqualTo(Severity.HIGH.id);
    }

    @Test
    void changeWindowsSuppressOnlyInsideTheWindow() {
        ChangeWindow w = new ChangeWindow();
        w.principal = TestEvents.ATTACKER.arn;
        w.start = java.time.Instant.ofEpochMilli(T0).toString();
        w.end = java.time.Instant.ofEpochMilli(T0 + 60_000).toString();
        w.reason = "capacity test";
        policy.changeWindows = new ChangeWindow[] {w};
        assertThat(
                        play(
                                typed(
                                        MinerMarkers.DETECTION,
                                        T0 + 1_000,
                                        "e1",
                                        ResourceType.TASK_DEFINITION,
                                        "td")))
                .singleElement()
                .satisfies(f -> assertThat(f.suppressionReason).contains("capacity test"));
        assertThat(
                        play(
                                typed(
                                        MinerMarkers.DETECTION,
                                        T0 + 120_000,
                                        "e1",
                                        ResourceType.TASK_DEFINITION,
                                        "td")))
                .singleElement()
                .satisfies(f -> assertThat(f.suppressed).isFalse());
    }

    @Test
    void neverActPrincipalsAreMarked() {
        policy.neverActPrincipals = new String[] {"arn:aws:iam::111122223333:user/*"};
        assertThat(
                        play(
                                typed(
                                        MinerMarkers.DETECTION,
                                        T0,
                                        "e1",
                                        ResourceType.TASK_DEFINITION,
                                        "td")))
                .singleElement()
                .satisfies(f -> assertThat(f.neverAct).isTrue());
    }

    @Test
    void uidIsDeterministic() {
        Signal s = signal(DryRunProbe.DETECTION, T0, "e1");
        assertThat(IncidentCorrelator.open(s).uid).isEqualTo(IncidentCorrelator.open(s).uid);
        assertThat(IncidentCorrelator.open(signal(DryRunProbe.DETECTION, T0, "e2")).uid)
                .isNotEqualTo(IncidentCorrelator.open(s).uid);
    }

    @Test
    void evidenceAndTargetsStayBounded() {
        IncidentCorrelator c = new IncidentCorrelator(policy.build());
        Signal first =
                typed(TerminationProtection.DETECTION, T0, "p0", ResourceType.INSTANCE, "i-0");
        Incident inc = IncidentCorrelator.open(first);
        c.add(inc, first);
        for (int i = 1; i < 500; i++) {
            c.add(inc, signal(DryRunProbe.DETECTION, T0 + i, "d" + i));
            c.add(
                    inc,
                    typed(
                            CreatedResources.DETECTION,
                            T0 + i,
                            "c" + i,
                            ResourceType.ECS_CLUSTER,
                            "cluster-" + i));
        }
        assertThat(inc.evidence).hasSize(Incident.MAX_EVIDENCE);
        assertThat(inc.evidence)
                .extracting(e -> e.detectionId)
                .contains(TerminationProtection.DETECTION.id);
        assertThat(inc.targets).hasSize(Incident.MAX_TARGETS);
    }
}
