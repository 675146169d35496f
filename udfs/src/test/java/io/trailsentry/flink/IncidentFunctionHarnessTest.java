package io.trailsentry.flink;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.DetectionPolicy;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.Signal;
import io.trailsentry.finding.Finding;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class IncidentFunctionHarnessTest {
    private final DetectionPolicy policy = DetectionPolicy.defaults();

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
    void emitsOnOpenAndEscalationAndFreesStateWhenIdle() throws Exception {
        var h = harness();
        h.processElement(at(signal(Detections.DRYRUN_PROBE, T0, "e1")));
        h.processElement(at(signal(Detections.ECS_CLUSTER_BURST, T0 + 1_000, "e2", "c1")));
        h.processElement(at(signal(Detections.TERMINATION_PROTECTION, T0 + 2_000, "e3", "i-1")));
        assertThat(h.extractOutputValues())
                .extracting(f -> f.version, f -> f.severityId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 3),
                        org.assertj.core.groups.Tuple.tuple(2, 4));
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);

        h.processWatermark(T0 + 2_000 + policy.incidentIdleCloseMs - 1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.processWatermark(T0 + 2_000 + policy.incidentIdleCloseMs);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void incidentBoundariesFollowEventTimeEvenWhenTheWatermarkStalls() throws Exception {
        var h = harness();
        h.processElement(at(signal(Detections.TERMINATION_PROTECTION, T0, "e1", "i-1")));
        long nextDay = T0 + 24 * 3_600_000L;
        h.processElement(at(signal(Detections.TERMINATION_PROTECTION, nextDay, "e2", "i-2")));
        var out = h.extractOutputValues();
        assertThat(out).extracting(f -> f.version).containsExactly(1, 1);
        assertThat(out.get(1).uid).isNotEqualTo(out.get(0).uid);
        assertThat(out.get(1).evidence).extracting(e -> e.eventId).containsExactly("e2");
        h.processWatermark(nextDay + policy.incidentIdleCloseMs);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void activityAfterCloseOpensANewIncident() throws Exception {
        var h = harness();
        h.processElement(at(signal(Detections.TERMINATION_PROTECTION, T0, "e1", "i-1")));
        h.processWatermark(T0 + policy.incidentIdleCloseMs);
        long later = T0 + policy.incidentIdleCloseMs + 1;
        h.processElement(at(signal(Detections.TERMINATION_PROTECTION, later, "e9", "i-2")));
        var out = h.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).uid).isNotEqualTo(out.get(0).uid);
        assertThat(out.get(1).version).isEqualTo(1);
        h.close();
    }
}
