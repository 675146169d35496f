package io.trailsentry.incident;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.DetectionPolicy;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.finding.Finding;
import org.junit.jupiter.api.Test;

class IncidentCorrelatorTest {
    private final DetectionPolicy policy = DetectionPolicy.defaults();
    private final IncidentCorrelator correlator = new IncidentCorrelator(policy);

    private Finding add(Incident inc, Signal s) {
        return correlator.add(inc, s);
    }

    @Test
    void aLoneLowSignalStaysBelowTheEmitThreshold() {
        Signal dry = signal(Detections.DRYRUN_PROBE, T0, "e1");
        Incident inc = IncidentCorrelator.open(dry);
        assertThat(add(inc, dry)).isNull();
        assertThat(inc.version).isZero();
        assertThat(inc.evidence).hasSize(1);
    }

    @Test
    void opensThenEscalatesWithTheSameUidAndHigherVersions() {
        Signal dry = signal(Detections.DRYRUN_PROBE, T0, "e1");
        Incident inc = IncidentCorrelator.open(dry);
        assertThat(add(inc, dry)).isNull();

        Finding first = add(inc, signal(Detections.ECS_CLUSTER_BURST, T0 + 60_000, "e2", "c1"));
        assertThat(first.version).isEqualTo(1);
        assertThat(first.severityId).isEqualTo(Severity.MEDIUM.id);
        assertThat(first.categories).containsExactly(3, 4);
        assertThat(first.time).isEqualTo(T0 + 60_000);
        assertThat(first.evidence).extracting(e -> e.eventId).containsExactly("e1", "e2");

        assertThat(add(inc, signal(Detections.ECS_CLUSTER_BURST, T0 + 70_000, "e3", "c2")))
                .as("more of the same category is evidence, not a new finding")
                .isNull();

        Finding second =
                add(inc, signal(Detections.TERMINATION_PROTECTION, T0 + 200_000, "e4", "i-1"));
        assertThat(second.uid).isEqualTo(first.uid);
        assertThat(second.version).isEqualTo(2);
        assertThat(second.severityId).isEqualTo(Severity.HIGH.id);
        assertThat(second.categories).containsExactly(3, 4, 6);
        assertThat(second.spanMs).isEqualTo(200_000);
        assertThat(second.responsePlan)
                .extracting(s -> s.action)
                .containsSubsequence(
                        "deactivate-access-key",
                        "quarantine-principal",
                        "deny-compute-creation",
                        "enable-instance-termination",
                        "delete-ecs-cluster",
                        "terminate-instance");
        assertThat(second.why).contains("[3] permission validation", "[6] response friction");
    }

    @Test
    void categoriesOutsideTheWindowDoNotCompress() {
        Signal dry = signal(Detections.DRYRUN_PROBE, T0, "e1");
        Incident inc = IncidentCorrelator.open(dry);
        add(inc, dry);
        Finding late =
                add(
                        inc,
                        signal(
                                Detections.LARGE_AUTOSCALING_GROUP,
                                T0 + policy.incidentWindowMs + 1,
                                "e2",
                                "g"));
        assertThat(late.activeCategories).containsExactly(4);
        assertThat(late.severityId).isEqualTo(Severity.MEDIUM.id);
        assertThat(late.categories).containsExactly(3, 4);
    }

    @Test
    void uidIsDeterministic() {
        Signal s = signal(Detections.DRYRUN_PROBE, T0, "e1");
        assertThat(IncidentCorrelator.open(s).uid).isEqualTo(IncidentCorrelator.open(s).uid);
        assertThat(IncidentCorrelator.open(signal(Detections.DRYRUN_PROBE, T0, "e2")).uid)
                .isNotEqualTo(IncidentCorrelator.open(s).uid);
    }

    @Test
    void evidenceStaysBoundedAndKeepsEveryDetection() {
        Signal first = signal(Detections.TERMINATION_PROTECTION, T0, "p0", "i-0");
        Incident inc = IncidentCorrelator.open(first);
        add(inc, first);
        for (int i = 1; i < 200; i++) {
            add(inc, signal(Detections.DRYRUN_PROBE, T0 + i, "d" + i));
        }
        assertThat(inc.evidence).hasSize(Incident.MAX_EVIDENCE);
        assertThat(inc.evidence)
                .extracting(e -> e.detectionId)
                .contains(Detections.TERMINATION_PROTECTION.id);
        assertThat(inc.evidence[inc.evidence.length - 1].eventId).isEqualTo("d199");
    }

    @Test
    void duplicateSignalsAddNoEvidence() {
        Signal s = signal(Detections.TERMINATION_PROTECTION, T0, "p0", "i-0");
        Incident inc = IncidentCorrelator.open(s);
        add(inc, s);
        add(inc, s);
        assertThat(inc.evidence).hasSize(1);
    }
}
