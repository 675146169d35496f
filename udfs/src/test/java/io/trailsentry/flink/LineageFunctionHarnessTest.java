package io.trailsentry.flink;

import static io.trailsentry.detect.TestEvents.ATTACKER;
import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.signal;
import static io.trailsentry.detect.TestEvents.typed;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.EnumerationBurst;
import io.trailsentry.detect.rules.GpuCompute;
import io.trailsentry.detect.rules.IdentityHandOff;
import io.trailsentry.detect.rules.NewSource;
import io.trailsentry.detect.rules.TerminationProtection;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.IncidentPolicy;
import io.trailsentry.incident.ResponseAction;
import io.trailsentry.principal.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Identity lineage through the two keyed functions the pipeline chains: {@link LineageFunction}
 * keyed by {@link Signal#lineageKey()}, then {@link IncidentFunction} keyed by {@link
 * Signal#incidentKey()}.
 */
class LineageFunctionHarnessTest {
    private static final Principal SESSION = session("AdminRole", "exfil-1");

    private static Principal session(String role, String name) {
        Principal p =
                new Principal(
                        "111122223333",
                        "arn:aws:iam::111122223333:role/" + role,
                        "AssumedRole",
                        name);
        p.userId = "AROAEXAMPLEID:" + name;
        return p;
    }

    private static Signal handOff(long time, Principal to) {
        Signal s = signal(IdentityHandOff.DETECTION, time, "handoff-" + time, to.arn);
        s.eventName = "AssumeRole";
        s.linked = to;
        s.routine = true;
        return s;
    }

    private static Signal by(Principal p, Signal s) {
        s.principal = p;
        s.accessKeyId = "ASIASESSION";
        return s;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Signal, Signal> lineage()
            throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new LineageFunction(Duration.ofHours(24)),
                        Signal::lineageKey,
                        Types.STRING);
        h.open();
        return h;
    }

    private static List<Finding> incidents(List<Signal> signals, long watermark) throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new IncidentFunction(IncidentPolicy.defaults(), Duration.ofDays(1)),
                        Signal::incidentKey,
                        Types.STRING);
        h.open();
        for (Signal s : signals) {
            h.processElement(new StreamRecord<>(s, s.eventTime));
        }
        h.processWatermark(watermark);
        List<Finding> out = new ArrayList<>(h.extractOutputValues());
        h.close();
        return out;
    }

    @Test
    void theSessionsSignalsAfterTheHandOffAreCopiedToTheParent() throws Exception {
        var h = lineage();
        // the session's signal arrives first (another upstream subtask), the hand-off after it
        h.processElement(
                new StreamRecord<>(by(SESSION, signal(NewSource.DETECTION, T0 + 5_000, "s1")), 0));
        h.processElement(new StreamRecord<>(handOff(T0 + 1_000, SESSION), 0));
        // an earlier signal of the same session (before the hand-off) is not the parent's
        h.processElement(new StreamRecord<>(by(SESSION, signal(NewSource.DETECTION, T0, "s0")), 0));
        assertThat(h.extractOutputValues()).isEmpty(); // waits for the watermark
        h.processWatermark(T0 + 5_000);
        List<Signal> out = h.extractOutputValues();
        assertThat(out)
                .extracting(s -> s.eventId + "->" + s.incidentKey())
                .containsExactly(
                        "s0->" + SESSION.incidentKey(),
                        "handoff-" + (T0 + 1_000) + "->" + ATTACKER.incidentKey(),
                        "s1->" + SESSION.incidentKey(),
                        "s1->" + ATTACKER.incidentKey());
        Signal copy = out.get(3);
        assertThat(copy.route).isEqualTo(ATTACKER.incidentKey());
        assertThat(copy.principal).isEqualTo(SESSION);
        assertThat(copy.summary).contains("[by AdminRole session exfil-1, via AssumeRole]");
        assertThat(out.get(2).route).isNull();
        h.close();
    }

    @Test
    void aNewIdentitysImmatureBaselineIsNoFreePassInItsParentsIncident() throws Exception {
        var h = lineage();
        Signal burst =
                by(SESSION, signal(EnumerationBurst.DETECTION, T0 + 5_000, "s1")).immature(null);
        assertThat(burst.routine).isTrue();
        h.processElement(new StreamRecord<>(handOff(T0, SESSION), 0));
        h.processElement(new StreamRecord<>(burst, 0));
        h.processWatermark(T0 + 5_000);
        List<Signal> out = h.extractOutputValues();
        assertThat(out.get(1).routine).as("the session's own signal").isTrue();
        assertThat(out.get(2).route).isEqualTo(ATTACKER.incidentKey());
        assertThat(out.get(2).routine).as("its copy for the parent").isFalse();
        assertThat(out.get(2).severity).isEqualTo(EnumerationBurst.DETECTION.severity.id);
        h.close();
    }

    @Test
    void anUnlinkedIdentityPassesThroughAlone() throws Exception {
        var h = lineage();
        h.processElement(new StreamRecord<>(by(SESSION, signal(NewSource.DETECTION, T0, "s1")), 0));
        h.processWatermark(T0);
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.route).isNull();
                            assertThat(s.eventId).isEqualTo("s1");
                        });
        h.close();
    }

    @Test
    void aSuspiciousParentsIncidentTakesInTheSessionAndContainsIt() throws Exception {
        // the parent enumerates (counted), assumes the role; the session launches GPUs and
        // protects them: one incident for the parent, its plan containing the session too
        var l = lineage();
        Signal recon = signal(EnumerationBurst.DETECTION, T0, "r1");
        Signal gpu =
                by(
                        SESSION,
                        typed(
                                GpuCompute.DETECTION,
                                T0 + 60_000,
                                "g1",
                                ResourceType.INSTANCE,
                                "i-0abc"));
        Signal protect = by(SESSION, signal(TerminationProtection.DETECTION, T0 + 90_000, "p1"));
        for (Signal s : List.of(recon, handOff(T0 + 30_000, SESSION), gpu, protect)) {
            l.processElement(new StreamRecord<>(s, 0));
        }
        l.processWatermark(T0 + 90_000);
        List<Signal> routed = l.extractOutputValues();
        l.close();

        List<Finding> findings = incidents(routed, T0 + 90_000);
        Finding parent =
                findings.stream()
                        .filter(f -> f.principal.equals(ATTACKER))
                        .reduce((a, b) -> b)
                        .orElseThrow();
        assertThat(parent.severityId).isGreaterThanOrEqualTo(Severity.HIGH.id);
        assertThat(parent.linked)
                .extracting(p -> p.incidentKey())
                .containsExactly(SESSION.incidentKey());
        assertThat(parent.evidence).extracting(e -> e.eventId).contains("r1", "g1", "p1");
        assertThat(parent.responsePlan)
                .anySatisfy(
                        s -> {
                            assertThat(s.action).isEqualTo(ResponseAction.DENY_SESSION.key);
                            assertThat(s.userIds).containsExactly(SESSION.userId);
                        });
        assertThat(parent.why).contains("handed access to joined the incident");
    }

    @Test
    void aRoutineHandOffJoinsNothing() throws Exception {
        // the parent counts nothing: the session's signals stay in the session's own incident
        var l = lineage();
        Signal gpu = by(SESSION, signal(GpuCompute.DETECTION, T0 + 60_000, "g1"));
        l.processElement(new StreamRecord<>(handOff(T0, SESSION), 0));
        l.processElement(new StreamRecord<>(gpu, 0));
        l.processWatermark(T0 + 60_000);
        List<Signal> routed = l.extractOutputValues();
        l.close();
        assertThat(routed).hasSize(3); // hand-off, the session's signal, its copy
        List<Finding> findings = incidents(routed, T0 + 60_000);
        assertThat(findings)
                .allSatisfy(
                        f -> {
                            assertThat(f.principal).isEqualTo(SESSION);
                            assertThat(f.linked).isEmpty();
                        });
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Signal, Signal> relay()
            throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new LineageRelay(Duration.ofHours(24)), LineageRelay.KEY, Types.STRING);
        h.open();
        return h;
    }

    @Test
    void aChainOfHandOffsJoinsTheRootsIncident() throws Exception {
        // the stolen user key enumerates, assumes a role; that session assumes a second role,
        // whose session launches GPUs: the thief's incident takes in what the second session did
        Principal second = session("GpuRole", "miner-1");
        var l = lineage();
        Signal recon = signal(EnumerationBurst.DETECTION, T0, "r1");
        Signal onward = by(SESSION, handOff(T0 + 40_000, second));
        Signal gpu =
                by(
                        second,
                        typed(
                                GpuCompute.DETECTION,
                                T0 + 60_000,
                                "g1",
                                ResourceType.INSTANCE,
                                "i-0abc"));
        Signal protect = by(second, signal(TerminationProtection.DETECTION, T0 + 90_000, "p1"));
        // delivered out of order, as different upstream subtasks would
        for (Signal s : List.of(gpu, recon, onward, handOff(T0 + 30_000, SESSION), protect)) {
            l.processElement(new StreamRecord<>(s, 0));
        }
        l.processWatermark(T0 + 90_000);
        List<Signal> first = l.extractOutputValues();
        List<Signal> handOffs = sideOutput(l, Descriptors.HAND_OFFS);
        List<Signal> copies = sideOutput(l, Descriptors.LINEAGE_COPIES);
        l.close();
        assertThat(copies)
                .as("the first hop routes the second session's signals to its direct parent")
                .extracting(s -> s.eventId + "->" + s.route)
                .containsExactly("g1->" + SESSION.incidentKey(), "p1->" + SESSION.incidentKey());

        var r = relay();
        List<Signal> in = new ArrayList<>(copies);
        in.addAll(handOffs);
        java.util.Collections.reverse(in);
        for (Signal s : in) {
            r.processElement(new StreamRecord<>(s, 0));
        }
        assertThat(r.extractOutputValues()).as("waits for the watermark").isEmpty();
        r.processWatermark(T0 + 90_000);
        List<Signal> relayed = r.extractOutputValues();
        r.close();
        assertThat(relayed)
                .extracting(s -> s.eventId + "->" + s.route)
                .containsExactly("g1->" + ATTACKER.incidentKey(), "p1->" + ATTACKER.incidentKey());
        assertThat(relayed.get(0).principal).isEqualTo(second);

        List<Signal> all = new ArrayList<>(first);
        all.addAll(relayed);
        Finding root =
                incidents(all, T0 + 90_000).stream()
                        .filter(f -> f.principal.equals(ATTACKER))
                        .reduce((a, b) -> b)
                        .orElseThrow();
        assertThat(root.severityId).isGreaterThanOrEqualTo(Severity.HIGH.id);
        assertThat(root.evidence).extracting(e -> e.eventId).contains("r1", "g1", "p1");
        assertThat(root.linked).extracting(p -> p.incidentKey()).contains(second.incidentKey());
    }

    @Test
    void aRelayedCopyNeverReturnsToTheIdentityWhoseSignalItIs() throws Exception {
        // a role that assumed a role that assumed the first back: no copy comes home
        Principal other = session("OtherRole", "loop-1");
        var r = relay();
        Signal back = by(other, handOff(T0, SESSION)); // other handed SESSION its access
        Signal forth = by(SESSION, handOff(T0 + 1_000, other)); // and SESSION handed other
        Signal copy = by(SESSION, signal(GpuCompute.DETECTION, T0 + 5_000, "g1"));
        copy.route = other.incidentKey(); // the first hop routed SESSION's signal to other
        for (Signal s : List.of(back, forth, copy)) {
            r.processElement(new StreamRecord<>(s, 0));
        }
        r.processWatermark(T0 + 5_000);
        assertThat(r.extractOutputValues()).isEmpty();
        r.close();
    }

    private static List<Signal> sideOutput(
            KeyedOneInputStreamOperatorTestHarness<String, Signal, Signal> h,
            org.apache.flink.util.OutputTag<Signal> tag) {
        List<Signal> out = new ArrayList<>();
        var records = h.getSideOutput(tag);
        if (records != null) {
            records.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }
}
