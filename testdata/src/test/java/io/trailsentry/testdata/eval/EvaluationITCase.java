package io.trailsentry.testdata.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.Severity;
import io.trailsentry.incident.ResponseAction;
import io.trailsentry.testdata.Generator;
import io.trailsentry.testdata.GeneratorMain;
import io.trailsentry.testdata.Labels;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The harness end to end on generated corpora: the real job, the real labels. */
class EvaluationITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /** The job at parallelism 2 over {@code input}, keeping findings of every severity. */
    static Evaluation everyFinding(Labels labels, String input) throws Exception {
        return Evaluation.run(
                labels, List.of("--input", input, "--detection.min-finding-severity", "INFO"), 2);
    }

    @Test
    void evaluatesTheSampleCorpus() throws Exception {
        Labels labels = Labels.read(Path.of("sample/labels.json"));
        Evaluation ev = everyFinding(labels, "sample/sample.json.gz");
        assertThat(ev.events).isEqualTo(Generator.generate(Generator.sampleSpec()).size());
        assertThat(ev.deadLetters).isZero();
        assertThat(ev.scenarios).extracting(s -> s.id).containsExactly("campaign-iam-user");
        assertThat(ev.scenarios.get(0).detected).isTrue();
        PlanSafety.assertSafe(labels, ev.allFindings);
        assertThat(ev.benign)
                .extracting(b -> b.principal)
                .containsAll(
                        labels.benign().stream()
                                .map(b -> b.principalKey)
                                .collect(java.util.stream.Collectors.toList()));
    }

    /**
     * The threat model's two promises on the whole scenario suite (every attack, every look-alike,
     * three days of history): each attack reaches HIGH, and what must stay quiet stays at LOW or
     * below. The adversarial variants of issue #15 are attacks like the others (HIGH within 10
     * minutes of their first compute request). Every look-alike is held, on its first day of
     * history too, when nothing has a baseline yet (the cold start: none is labelled {@code
     * variant} any more; one that were would be printed, not held). Guards the calibrated
     * thresholds against a change in any detector, the scorer's and the population's included.
     */
    @Test
    void theSuiteEscalatesEveryAttackAndKeepsEveryLookAlikeQuiet(@TempDir Path dir)
            throws Exception {
        GeneratorMain.main(new String[] {"--out", dir.toString()});
        Labels labels = Labels.read(dir.resolve("labels.json"));
        Evaluation ev = everyFinding(labels, dir.resolve("log-files").toString());
        assertThat(ev.deadLetters).isZero();
        assertThat(ev.scenarios).hasSize(labels.attacks().size()).isNotEmpty();
        for (Evaluation.ScenarioResult s : ev.scenarios) {
            assertThat(s.highestSeverity).as(s.id).isGreaterThanOrEqualTo(Severity.HIGH.id);
            // within 10 minutes of its first compute request (event time), or before it
            assertThat(s.highFromProvisioningMs).as(s.id).isLessThanOrEqualTo(10 * 60_000L);
        }
        assertThat(ev.scenarios).filteredOn(s -> !s.variant).hasSizeGreaterThanOrEqualTo(9);
        assertThat(ev.scenarios).filteredOn(s -> s.variant).hasSizeGreaterThanOrEqualTo(8);
        // the look-alikes, the personas, and each attacked principal before its attack
        assertThat(ev.benign.size()).isGreaterThan(labels.benign().size());
        for (Evaluation.BenignResult b : ev.benign) {
            if (b.variant) {
                System.out.printf(
                        "variant look-alike %s: highest severity %d%n",
                        b.lookAlike, b.highestSeverity);
                continue;
            }
            assertThat(b.highestSeverity)
                    .as("%s (%s)", b.principal, b.lookAlike)
                    .isLessThanOrEqualTo(Severity.LOW.id);
        }
        PlanSafety.assertSafe(labels, ev.allFindings);
        PlanSafety.assertReversals(labels, ev.allFindings);
        // a chain of roles: the thief's own key is named and contained, not only the last
        // session (lineage follows both hand-offs back to the stolen key's incident)
        Labels.Attack chain =
                labels.attacks().stream()
                        .filter(a -> a.id.equals("variant-role-chain"))
                        .findFirst()
                        .orElseThrow();
        String stolen =
                chain.otherPrincipals.stream()
                        .filter(p -> p.contains(":user/"))
                        .findFirst()
                        .orElseThrow();
        assertThat(ev.allFindings)
                .filteredOn(f -> f.principal.key.equals(stolen))
                .filteredOn(f -> f.severityId >= Severity.HIGH.id)
                .anySatisfy(
                        f -> {
                            assertThat(f.linked).as("both sessions of the chain").hasSize(2);
                            assertThat(f.responsePlan)
                                    .extracting(step -> step.action)
                                    .contains(ResponseAction.DEACTIVATE_ACCESS_KEY.key);
                        });
    }
}
