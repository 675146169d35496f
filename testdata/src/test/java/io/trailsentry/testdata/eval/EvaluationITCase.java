package io.trailsentry.testdata.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.testdata.Generator;
import io.trailsentry.testdata.Labels;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness end to end on the checked-in sample: the real job, the real labels. */
class EvaluationITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void evaluatesTheSampleCorpus() throws Exception {
        Labels labels = Labels.read(Path.of("sample/labels.json"));
        Evaluation ev =
                Evaluation.run(
                        labels,
                        List.of(
                                "--input",
                                "sample/sample.json.gz",
                                "--detection.min-finding-severity",
                                "INFO"),
                        2);
        assertThat(ev.events).isEqualTo(Generator.generate(Generator.sampleSpec()).size());
        assertThat(ev.deadLetters).isZero();
        assertThat(ev.scenarios).extracting(s -> s.id).containsExactly("campaign-iam-user");
        assertThat(ev.scenarios.get(0).detected).isTrue();
        assertThat(ev.benign)
                .extracting(b -> b.principal)
                .containsAll(
                        labels.benign().stream()
                                .map(b -> b.principalKey)
                                .collect(java.util.stream.Collectors.toList()));
    }
}
