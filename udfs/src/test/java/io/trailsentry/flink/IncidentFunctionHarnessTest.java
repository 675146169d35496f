package io.trailsentry.flink;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.signal;
import static io.trailsentry.detect.TestEvents.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.CreatedResources;
import io.trailsentry.detect.rules.DryRunProbe;
import io.trailsentry.detect.rules.EnumerationBurst;
import io.trailsentry.detect.rules.GpuCompute;
import io.trailsentry.detect.rules.MinerMarkers;
import io.trailsentry.detect.rules.NewPrincipal;
import io.trailsentry.detect.rules.NewSource;
import io.trailsentry.detect.rules.TerminationProtection;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.IncidentPolicy;
import io.trailsentry.principal.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class IncidentFunctionHarnessTest {
    private final IncidentPolicy policy = IncidentPolicy.defaults();

    private KeyedOneInputStreamOperatorTestHarness<String, Signal, Finding> harness()
            throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new IncidentFunction(policy, Duration.ofDays(1)),
                        s -> s.principal.key,
                        Types.STRING);
        h.open();
        return h;
    }

    private static StreamRecord<Signal> at(Signal s) {
        return new StreamRecord<>(s, s.eventTime);
    }

    @Test
    void signalsWaitForTheWatermarkAndAreFoldedInEventTimeOrder() throws Exception {
        var h = harness();
        // delivered out of order: the impact first
        h.processElement(
                at(
                        typed(
                                MinerMarkers.DETECTION,
                                T0 + 3_000,
                                "e3",
                                ResourceType.TASK_DEFINITION,
                                "td")));
        h.processElement(at(signal(EnumerationBurst.DETECTION, T0 + 1_000, "e1")));
        h.processElement(at(signal(NewSource.DETECTION, T0, "e0")));
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numKeyedStateEntries()).as("the signals wait in memory").isZero();
        h.processWatermark(T0 + 3_000);
        // folded as new source, enumeration, miner: one HIGH finding, evidence in event-time order
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.severityId).isEqualTo(Severity.HIGH.id);
                            assertThat(f.evidence)
                                    .extracting(e -> e.eventId)
                                    .containsExactly("e0", "e1", "e3");
                        });
        h.close();
    }

    @Test
    void freesAllStateWhenTheIncidentIsIdle() throws Exception {
        var h = harness();
        h.processElement(
                at(typed(MinerMarkers.DETECTION, T0, "e1", ResourceType.TASK_DEFINITION, "td")));
        h.processWatermark(T0);
        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        h.processWatermark(T0 + policy.incidentIdleCloseMs - 1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.processWatermark(T0 + policy.incidentIdleCloseMs);
        // closed: only the campaign memory (categories, times) is left, until it ends
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        h.processWatermark(T0 + policy.campaignMemoryMs);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.extractOutputValues())
                .extracting(f -> f.version, f -> f.closed)
                .containsExactly(tuple(1, false), tuple(2, true));
        h.close();
    }

    @Test
    void reconnaissanceInTheEveningAndImpactNextMorningAreOneCampaign() throws Exception {
        long morning = T0 + 10 * 3_600_000L; // the evening's incident closed hours before
        Signal impact = typed(GpuCompute.DETECTION, morning, "i1", ResourceType.INSTANCE, "i-1");
        Signal protect =
                typed(
                        TerminationProtection.DETECTION,
                        morning + 60_000,
                        "i2",
                        ResourceType.INSTANCE,
                        "i-1");
        // without the evening: impact alone from this principal stays at its strongest signal
        var alone = harness();
        alone.processElement(at(impact));
        alone.processElement(at(protect));
        alone.processWatermark(morning + 120_000);
        assertThat(alone.extractOutputValues())
                .extracting(f -> f.severityId)
                .containsOnly(Severity.MEDIUM.id);
        alone.close();

        var h = harness();
        h.processElement(at(signal(NewSource.DETECTION, T0, "r1")));
        h.processElement(at(signal(EnumerationBurst.DETECTION, T0 + 60_000, "r2")));
        h.processElement(at(signal(DryRunProbe.DETECTION, T0 + 120_000, "r3")));
        h.processElement(at(impact));
        h.processElement(at(protect));
        h.processWatermark(morning + 120_000);
        var out = h.extractOutputValues();
        Finding last = out.get(out.size() - 1);
        assertThat(last.evidence).extracting(e -> e.eventId).containsExactly("i1", "i2");
        assertThat(last.severityId).isEqualTo(Severity.HIGH.id);
        assertThat(last.why).contains("continues this principal's incident last seen at");
        h.close();
    }

    @Test
    void anIncidentNeverReportedClosesInSilence() throws Exception {
        var h = harness();
        h.processElement(at(signal(DryRunProbe.DETECTION, T0, "e1"))); // LOW: below MEDIUM
        h.processWatermark(T0 + policy.incidentIdleCloseMs);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(T0 + policy.campaignMemoryMs);
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void anIncidentWithNothingCountedLeavesNoMemoryWhenItCloses() throws Exception {
        var h = harness();
        Signal first = signal(NewPrincipal.DETECTION, T0, "e1");
        first.routine = true; // as the rule emits it: informational, never counted alone
        h.processElement(at(first));
        h.processWatermark(T0);
        assertThat(h.numKeyedStateEntries()).as("the open incident").isEqualTo(1);
        assertThat(h.numEventTimeTimers()).as("its close").isEqualTo(1);
        h.processWatermark(T0 + policy.incidentIdleCloseMs);
        // a memory without categories would carry nothing into a next incident
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.extractOutputValues()).isEmpty();
        h.close();
    }

    @Test
    void incidentBoundariesFollowEventTimeEvenWhenTheWatermarkJumps() throws Exception {
        var h = harness();
        long nextDay = T0 + 24 * 3_600_000L;
        h.processElement(
                at(typed(MinerMarkers.DETECTION, T0, "e1", ResourceType.TASK_DEFINITION, "a")));
        h.processElement(
                at(
                        typed(
                                MinerMarkers.DETECTION,
                                nextDay,
                                "e2",
                                ResourceType.TASK_DEFINITION,
                                "b")));
        h.processWatermark(nextDay + policy.campaignMemoryMs);
        var out = h.extractOutputValues();
        // the first incident closes (by event time) before the second opens; each ends closed
        assertThat(out)
                .extracting(f -> f.version, f -> f.closed)
                .containsExactly(tuple(1, false), tuple(2, true), tuple(1, false), tuple(2, true));
        assertThat(out.get(1).uid).isEqualTo(out.get(0).uid);
        assertThat(out.get(1).time).isEqualTo(T0 + policy.incidentIdleCloseMs);
        assertThat(out.get(2).uid).isNotEqualTo(out.get(0).uid);
        assertThat(out.get(2).evidence).extracting(e -> e.eventId).containsExactly("e2");
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aSignalSharingTheOldCloseTimeIsNeverLost() throws Exception {
        var h = harness();
        long close = T0 + policy.incidentIdleCloseMs;
        h.processElement(
                at(
                        typed(CreatedResources.DETECTION, T0, "e0", ResourceType.IAM_ROLE, "r")
                                .asRoutine()));
        h.processWatermark(T0); // incident open, close timer at T0 + idle
        // a signal exactly at the old close time arrives, then an earlier one moves the close time
        h.processElement(
                at(
                        typed(
                                MinerMarkers.DETECTION,
                                close - 1,
                                "e2",
                                ResourceType.TASK_DEFINITION,
                                "td")));
        h.processElement(at(signal(NewSource.DETECTION, close - 2, "e1")));
        h.processElement(at(signal(EnumerationBurst.DETECTION, close, "e3")));
        h.processWatermark(close + 1);
        assertThat(h.extractOutputValues())
                .last()
                .satisfies(f -> assertThat(evidence(f)).containsExactly("e1", "e2", "e3"));
        h.close();
    }

    @Test
    void lateSignalsAreFoldedAtOnceNotDropped() throws Exception {
        var h = harness();
        h.processWatermark(T0 + 60_000);
        h.processElement(
                at(typed(MinerMarkers.DETECTION, T0, "late", ResourceType.TASK_DEFINITION, "td")));
        assertThat(h.extractOutputValues()).hasSize(1);
        h.close();
    }

    private static Signal miner(long time, String id) {
        return typed(MinerMarkers.DETECTION, time, id, ResourceType.TASK_DEFINITION, "td");
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Signal, Finding> unopened(
            IncidentFunction f) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(f), s -> s.principal.key, Types.STRING);
    }

    @Test
    void waitingSignalsSurviveASnapshotAndARestore() throws Exception {
        var h = harness();
        h.processElement(at(miner(T0 + 3_000, "e3")));
        h.processElement(at(signal(EnumerationBurst.DETECTION, T0 + 1_000, "e1")));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();
        var restored = unopened(new IncidentFunction(policy, Duration.ofDays(1)));
        restored.initializeState(snapshot);
        restored.open();
        restored.processElement(at(signal(NewSource.DETECTION, T0, "e0")));
        restored.processWatermark(T0 + 3_000);
        assertThat(restored.extractOutputValues())
                .singleElement()
                .satisfies(f -> assertThat(evidence(f)).containsExactly("e0", "e1", "e3"));
        restored.close();
    }

    @Test
    void aKeyedWaitingListOfTheReleaseBeforeIsStillDrained() throws Exception {
        var h = harness();
        Signal waiting = miner(T0 + 2_000, "old");
        @SuppressWarnings("unchecked")
        var op = (KeyedProcessOperator<String, Signal, Finding>) h.getOperator();
        op.setCurrentKey(waiting.principal.key);
        ValueState<List<Signal>> list =
                op.getKeyedStateBackend()
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                Descriptors.waitingSignals());
        list.update(new ArrayList<>(List.of(waiting)));
        op.getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, op)
                .registerEventTimeTimer(VoidNamespace.INSTANCE, waiting.eventTime);
        // as that release's savepoint: keyed state and timers, none of this release's markers
        OperatorSubtaskState keyedOnly =
                OperatorSubtaskState.builder()
                        .setManagedKeyedState(h.snapshot(1, 1).getManagedKeyedState())
                        .build();
        h.close();
        var restored = unopened(new IncidentFunction(policy, Duration.ofDays(1)));
        restored.initializeState(keyedOnly);
        restored.open();
        restored.processElement(at(signal(NewSource.DETECTION, T0, "new")));
        restored.processWatermark(T0 + 5_000);
        assertThat(restored.extractOutputValues())
                .last()
                .satisfies(f -> assertThat(evidence(f)).containsExactly("new", "old"));
        assertThat(restored.numKeyedStateEntries()).as("the open incident only").isEqualTo(1);
        restored.close();
    }

    @Test
    void aStalledWatermarkCannotGrowTheWaitingSignalsBeyondTheirCap() throws Exception {
        var h = unopened(new IncidentFunction(policy, Duration.ofDays(1), 2, 100));
        h.open();
        h.processElement(at(miner(T0 + 3_000, "e3")));
        h.processElement(at(signal(EnumerationBurst.DETECTION, T0 + 2_000, "e2")));
        assertThat(h.extractOutputValues()).isEmpty();
        h.processElement(at(signal(NewSource.DETECTION, T0 + 1_000, "e1")));
        // beyond the cap the earliest is folded at once, out of watermark order
        assertThat(h.extractOutputValues()).isEmpty(); // a new source alone reports nothing
        h.processWatermark(T0 + 3_000);
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(f -> assertThat(evidence(f)).containsExactly("e1", "e2", "e3"));
        h.close();
    }

    @Test
    void aStalledWatermarkCannotGrowTheWaitingSignalsOfManyPrincipalsBeyondTheTotal()
            throws Exception {
        var h = unopened(new IncidentFunction(policy, Duration.ofDays(1), 100, 2));
        h.open();
        h.processElement(at(miner(T0 + 1_000, "a1")));
        h.processElement(at(as("b", miner(T0 + 2_000, "b1"))));
        assertThat(h.extractOutputValues()).as("two wait: the total").isEmpty();
        h.processElement(at(as("c", miner(T0 + 3_000, "c1"))));
        // a third principal's signal beyond the total is folded at once, out of watermark order
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(f -> assertThat(evidence(f)).containsExactly("c1"));
        h.processWatermark(T0 + 3_000);
        assertThat(h.extractOutputValues())
                .extracting(f -> evidence(f).get(0))
                .containsExactlyInAnyOrder("c1", "a1", "b1");
        h.close();
    }

    /** The same signal from another principal. */
    private static Signal as(String user, Signal s) {
        s.principal =
                new Principal(
                        s.principal.accountId,
                        s.principal.arn.replaceAll("[^/:]+$", user),
                        s.principal.type,
                        null);
        return s;
    }

    private static List<String> evidence(Finding f) {
        return Arrays.stream(f.evidence).map(e -> e.eventId).collect(Collectors.toList());
    }
}
