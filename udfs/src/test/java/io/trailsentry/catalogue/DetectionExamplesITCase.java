package io.trailsentry.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.population.PopulationHarness;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.sequence.SequenceCatalogue;
import io.trailsentry.sequence.SequenceDetection;
import io.trailsentry.sequence.SequenceHarness;
import io.trailsentry.sequence.SequencePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every detection's positive and negative examples (real-shape CloudTrail records under {@code
 * src/test/resources/detections/<ID>/}), run through the production decoder, the per-event rules
 * and, for sequence detections, their CEP pattern on a MiniCluster. Detections are named by id
 * only; the code that reaches the detection classes is {@link #catalogueIds()}, {@link
 * #perEventSignals} and {@link #sequence}.
 */
class DetectionExamplesITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /** Detections without examples, and why. */
    static final Map<String, String> EXEMPT =
            Map.of(
                    "TS-AN-001",
                    "isolation-forest scorer: needs a trained model (scorerMinPoints windows);"
                            + " covered by the scorer's own tests");

    /**
     * Examples that document correct behaviour the detection does not show yet ("ID/file" -> why).
     * The test asserts that each still fails, so a fix flips it: then remove it from here.
     */
    static final Map<String, String> KNOWN_FAILURES = Map.of();

    // ---- the only code that reaches the detection classes

    /** Every detection id in the catalogue. */
    static List<String> catalogueIds() {
        List<String> ids = new ArrayList<>();
        for (Detection d : Catalogue.all()) {
            ids.add(d.id);
        }
        return ids;
    }

    /**
     * The per-event rules over each principal's events, in time order, default policies, with the
     * population's judgement of the signals they leave to it and its own (cold start).
     */
    static List<Signal> perEventSignals(List<CloudTrailEvent> events) {
        return PopulationHarness.run(events, RulePolicy.defaults(), BaselinePolicy.defaults());
    }

    /** The sequence detection that emits {@code id}, or null for a per-event id. */
    static SequenceDetection sequence(String id) {
        for (SequenceDetection s : SequenceCatalogue.ALL) {
            for (Detection d : s.detections) {
                if (d.id.equals(id)) {
                    return s;
                }
            }
        }
        return null;
    }

    // ---- the tests

    static Stream<String> examples() {
        return DetectionExamples.files().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void example(String file) throws Exception {
        DetectionExamples.Example ex = DetectionExamples.load(file);
        assertThat(catalogueIds()).as("detection of %s", file).contains(ex.detectionId);
        List<Signal> signals = signals(ex.detectionId, ex.events);
        String failure = check(ex, signals);
        String known = KNOWN_FAILURES.get(file);
        if (known == null) {
            assertThat(failure).as("%s (%s)", file, ex.about).isNull();
        } else {
            assertThat(failure)
                    .as(
                            "%s is listed as a known failure (%s) but now passes: remove it from"
                                    + " KNOWN_FAILURES",
                            file, known)
                    .isNotNull();
        }
    }

    /** Null when the example behaves as its file says, else what went wrong. */
    static String check(DetectionExamples.Example ex, List<Signal> signals) {
        List<Signal> ofId =
                signals.stream()
                        .filter(s -> ex.detectionId.equals(s.detectionId))
                        .filter(s -> s.eventTime >= ex.start) // not the history's
                        .collect(Collectors.toList());
        if (ex.positive) {
            Severity least = ex.expectSeverity == null ? null : Severity.valueOf(ex.expectSeverity);
            boolean ok =
                    ofId.stream()
                            .anyMatch(
                                    s ->
                                            (!ex.expectCounted || s.counted())
                                                    && (least == null
                                                            || Severity.ofId(s.severity)
                                                                    .atLeast(least)));
            return ok
                    ? null
                    : "expected a "
                            + (ex.expectCounted ? "counted " : "")
                            + ex.detectionId
                            + (least == null ? "" : " of at least " + least)
                            + " signal, got "
                            + describe(ofId);
        }
        List<Signal> counted = ofId.stream().filter(Signal::counted).collect(Collectors.toList());
        return counted.isEmpty()
                ? null
                : "expected no counted " + ex.detectionId + " signal, got " + describe(counted);
    }

    static String describe(List<Signal> signals) {
        return signals.isEmpty()
                ? "none"
                : signals.stream()
                        .map(
                                s ->
                                        Severity.ofId(s.severity)
                                                + (s.routine ? " routine" : "")
                                                + " '"
                                                + s.summary
                                                + "'")
                        .collect(Collectors.joining("; "));
    }

    /** Per-event signals, and for a sequence id the signals its CEP pattern derives from them. */
    static List<Signal> signals(String id, List<CloudTrailEvent> events) throws Exception {
        List<Signal> perEvent = perEventSignals(events);
        SequenceDetection seq = sequence(id);
        return seq == null
                ? perEvent
                : SequenceHarness.run(
                        seq, SequencePolicy.defaults(), perEvent.toArray(new Signal[0]));
    }

    @Test
    void everyDetectionHasAPositiveAndANegativeExample() {
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        for (String f : DetectionExamples.files()) {
            String[] parts = f.split("/");
            kinds.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[1].split("-")[0]);
        }
        List<String> missing = new ArrayList<>();
        for (String id : catalogueIds()) {
            if (EXEMPT.containsKey(id)) {
                assertFalse(kinds.containsKey(id), id + " is exempt but has examples");
                continue;
            }
            for (String kind : List.of("positive", "negative")) {
                if (!kinds.getOrDefault(id, Set.of()).contains(kind)) {
                    missing.add(id + " " + kind);
                }
            }
        }
        assertThat(missing).as("detections without examples").isEmpty();
        assertThat(kinds.keySet()).as("example folders").isSubsetOf(catalogueIds());
        assertThat(KNOWN_FAILURES.keySet()).isSubsetOf(DetectionExamples.files());
    }
}
