package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.Severity;
import io.trailsentry.incident.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The population operator in the whole pipeline on a MiniCluster at parallelism 2 (generic types
 * disabled), on a deployment's first night with no baseline anywhere: a share with an account that
 * delivers CloudTrail to the stream stays quiet, the same share with an account that never does is
 * HIGH, and a never-seen key's storm is far beyond any population (TS-AN-002, HIGH).
 */
class PopulationITCase {
    static final String MAIN = "111122223333|arn:aws:iam::111122223333:role/";

    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @Test
    void aColdDeploymentJudgesSharesAndStormsAgainstThePopulation() throws Exception {
        Path input = Path.of(PopulationITCase.class.getResource("/population").toURI());
        PipelineRun run =
                PipelineRun.run(
                        2, "--input", input.toString(), "--detection.min-finding-severity", "INFO");

        assertThat(highest(run.findings, MAIN + "backup-operator"))
                .as("a share with the organisation's backup account")
                .isLessThanOrEqualTo(Severity.LOW.id);
        assertThat(highest(run.findings, MAIN + "export-job"))
                .as("a share with an account outside")
                .isEqualTo(Severity.HIGH.id);
        List<Finding> storm =
                run.findings.stream()
                        .filter(f -> f.principal.key.endsWith(":user/svc-archive2"))
                        .collect(Collectors.toList());
        assertThat(storm).isNotEmpty();
        assertThat(storm.get(storm.size() - 1).detectionIds).contains("TS-AN-002");
        assertThat(storm.get(storm.size() - 1).severityId).isGreaterThanOrEqualTo(Severity.HIGH.id);
        assertThat(run.deadLetters).isEmpty();
    }

    static int highest(List<Finding> findings, String principal) {
        return findings.stream()
                .filter(f -> f.principal.key.equals(principal))
                .mapToInt(f -> f.severityId)
                .max()
                .orElse(0);
    }
}
