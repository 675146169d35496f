package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.detect.Severity;
import io.trailsentry.finding.Finding;
import io.trailsentry.job.io.FileInputs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a MiniCluster at parallelism 2 (generic types disabled by the pipeline)
 * over the sample corpus plus broken and duplicated input in a CloudTrail directory layout.
 */
class TrailSentryPipelineITCase {
    static final String ATTACKER = "111122223333|arn:aws:iam::111122223333:user/svc-reporting";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void sampleCorpusWithBrokenAndDuplicatedInput(@TempDir Path dir) throws Exception {
        Path region =
                Files.createDirectories(
                        dir.resolve("AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/10"));
        Path sample = Path.of(FileInputs.extractSample());
        Files.copy(
                sample,
                region.resolve("111122223333_CloudTrail_us-east-1_20260310T0000Z_sample.json.gz"));
        Files.writeString(
                region.resolve("111122223333_CloudTrail_us-east-1_20260310T1500Z_garbage.json"),
                "not json at all");
        ArrayNode attackerRecords = attackerRecords(sample, 40);
        ArrayNode mixed = new ObjectMapper().createArrayNode();
        mixed.add(attackerRecords.get(0));
        mixed.addObject().put("eventName", "NoTimeNoIdentity");
        mixed.addAll(attackerRecords);
        ObjectNode logFile = new ObjectMapper().createObjectNode();
        logFile.set("Records", mixed);
        Files.writeString(
                region.resolve("111122223333_CloudTrail_us-east-1_20260310T1600Z_dupes.json"),
                logFile.toString());
        Files.writeString(
                region.resolve("111122223333_CloudTrail-Digest_us-east-1_20260310T1600Z_d.json.gz"),
                "digest");

        PipelineRun run = PipelineRun.run(2, "--input", dir.toString());

        List<Finding> attacker =
                run.findings.stream()
                        .filter(f -> f.principal.key.equals(ATTACKER))
                        .collect(Collectors.toList());
        assertThat(attacker)
                .extracting(f -> f.version, f -> f.severityId, f -> f.categories)
                .containsExactly(
                        tuple(1, Severity.MEDIUM.id, new int[] {3, 4}),
                        tuple(2, Severity.HIGH.id, new int[] {3, 4, 6}));
        assertThat(attacker).extracting(f -> f.uid).containsOnly(attacker.get(0).uid);
        Finding last = attacker.get(1);
        assertThat(last.accessKeyIds).hasSize(1).allMatch(k -> k.startsWith("AKIA"));
        assertThat(last.responsePlan[0].action).isEqualTo("deactivate-access-key");
        assertThat(last.evidence)
                .extracting(e -> e.detectionId)
                .contains("TS-PV-001", "TS-CP-002", "TS-FR-001");

        assertThat(run.deadLetters)
                .extracting(d -> d.reason, d -> d.origin.substring(d.origin.lastIndexOf('_') + 1))
                .containsExactlyInAnyOrder(
                        tuple("NOT_JSON", "garbage.json"), tuple("MISSING_FIELD", "dupes.json#1"));
    }

    @Test
    void theSameFindingsAtParallelismOne(@TempDir Path dir) throws Exception {
        Files.copy(Path.of(FileInputs.extractSample()), dir.resolve("sample.json.gz"));
        PipelineRun two = PipelineRun.run(2, "--input", dir.toString());
        PipelineRun one = PipelineRun.run(1, "--input", dir.toString());
        assertThat(one.findings).containsExactlyInAnyOrderElementsOf(two.findings);
        assertThat(one.deadLetters).isEmpty();
    }

    /** The first {@code n} records of the attacker in the sample: redelivered copies. */
    private static ArrayNode attackerRecords(Path sample, int n) throws Exception {
        ObjectMapper m = new ObjectMapper();
        JsonNode root;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(sample))) {
            root = m.readTree(in);
        }
        ArrayNode out = m.createArrayNode();
        for (JsonNode r : root.get("Records")) {
            if (r.at("/userIdentity/userName").asText().equals("svc-reporting")
                    && r.at("/sourceIPAddress").asText().equals("203.0.113.77")
                    && out.size() < n) {
                out.add(r);
            }
        }
        return out;
    }
}
