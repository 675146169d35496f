package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.detect.Severity;
import io.trailsentry.finding.OcsfWriter;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.io.FileInputs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a MiniCluster at parallelism 2 (generic types disabled by the pipeline)
 * over the sample corpus: three days of an organisation, the campaign and six benign look-alikes.
 */
class TrailSentryPipelineITCase {
    static final String ATTACKER = "111122223333|arn:aws:iam::111122223333:user/svc-reporting";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @Test
    void theCampaignIsCriticalWithAllSixCategoriesAndBenignPrincipalsStayQuiet(@TempDir Path dir)
            throws Exception {
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
        ArrayNode attacker = attackerRecords(sample, 40);
        ArrayNode mixed = MAPPER.createArrayNode();
        mixed.add(attacker.get(0));
        mixed.addObject().put("eventName", "NoTimeNoIdentity");
        mixed.addAll(attacker); // redelivered records
        ObjectNode logFile = MAPPER.createObjectNode();
        logFile.set("Records", mixed);
        Files.writeString(
                region.resolve("111122223333_CloudTrail_us-east-1_20260310T1600Z_dupes.json"),
                logFile.toString());
        Files.writeString(
                region.resolve("111122223333_CloudTrail-Digest_us-east-1_20260310T1600Z_d.json.gz"),
                "digest");

        PipelineRun run = PipelineRun.run(2, "--input", dir.toString());

        assertThat(run.findings).extracting(f -> f.principal.key).containsOnly(ATTACKER);
        assertThat(run.findings).extracting(f -> f.uid).containsOnly(run.findings.get(0).uid);
        assertThat(run.findings)
                .extracting(f -> f.version)
                .isSorted()
                .startsWith(1, 2, 3)
                .doesNotHaveDuplicates();
        assertThat(run.findings.size())
                .isBetween(5, 20); // escalations and rate-limited updates, not one per event
        Finding last = run.findings.get(run.findings.size() - 1);
        assertThat(last.severityId).isEqualTo(Severity.CRITICAL.id);
        assertThat(last.categories).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(last.sequence).isTrue();
        Finding firstCritical =
                run.findings.stream()
                        .filter(f -> f.severityId == Severity.CRITICAL.id)
                        .findFirst()
                        .orElseThrow();
        assertThat(firstCritical.time - Instant.parse("2026-03-10T14:03:34Z").toEpochMilli())
                .isLessThan(180_000);
        assertThat(last.responsePlan[0].action).isEqualTo("deactivate-access-key");
        assertThat(last.responsePlan)
                .extracting(s -> s.action)
                .contains(
                        "quarantine-principal",
                        "deny-compute-creation",
                        "enable-instance-termination",
                        "clear-scale-in-protection",
                        "review-created-iam-role",
                        "review-created-iam-user",
                        "delete-autoscaling-group",
                        "delete-ecs-service",
                        "delete-ecs-cluster",
                        "terminate-instance",
                        "rotate-credentials");
        assertThat(last.targets)
                .extracting(t -> t.type)
                .contains(
                        "ecs-cluster",
                        "instance",
                        "autoscaling-group",
                        "task-definition",
                        "access-key",
                        "lambda-function");
        for (Finding f : run.findings) {
            JsonNode json = MAPPER.readTree(new OcsfWriter("test").toJson(f));
            for (String field : OcsfWriter.REQUIRED_FIELDS) {
                assertThat(json.at(field).isMissingNode()).as(field).isFalse();
            }
        }
        assertThat(run.deadLetters)
                .extracting(d -> d.reason, d -> d.origin.substring(d.origin.lastIndexOf('_') + 1))
                .containsExactlyInAnyOrder(
                        tuple("NOT_JSON", "garbage.json"), tuple("MISSING_FIELD", "dupes.json#1"));
    }

    @Test
    void lookAlikesNeverRiseAboveLowEvenWhenEverythingIsShown(@TempDir Path dir) throws Exception {
        Files.copy(Path.of(FileInputs.extractSample()), dir.resolve("sample.json.gz"));
        PipelineRun run =
                PipelineRun.run(
                        2, "--input", dir.toString(), "--detection.min-finding-severity", "INFO");
        List<Finding> benign =
                run.findings.stream()
                        .filter(f -> !f.principal.key.equals(ATTACKER))
                        .collect(Collectors.toList());
        assertThat(benign)
                .isNotEmpty()
                .allSatisfy(
                        f ->
                                assertThat(f.severityId)
                                        .as(f.title)
                                        .isLessThanOrEqualTo(Severity.LOW.id));
        assertThat(benign)
                .extracting(f -> f.principal.arn)
                .contains(
                        "arn:aws:iam::111122223333:role/ci-deployer",
                        "arn:aws:iam::444455556666:user/alice");
    }

    @Test
    void outOfOrderDeliveryWithinTheBoundGivesTheSameFindings(@TempDir Path dir) throws Exception {
        Path sample = Path.of(FileInputs.extractSample());
        Files.copy(
                sample, Files.createDirectories(dir.resolve("ordered")).resolve("sample.json.gz"));
        List<JsonNode> records = new ArrayList<>();
        allRecords(sample).forEach(records::add);
        Random rnd = new Random(7);
        long bound = 120_000;
        List<long[]> order = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            long t = Instant.parse(records.get(i).get("eventTime").asText()).toEpochMilli();
            order.add(new long[] {t + (long) (rnd.nextDouble() * bound), i});
        }
        order.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
        StringBuilder lines = new StringBuilder();
        for (long[] o : order) {
            lines.append(records.get((int) o[1]).toString()).append('\n');
        }
        Files.writeString(
                Files.createDirectories(dir.resolve("shuffled")).resolve("delivered.jsonl"), lines);

        PipelineRun ordered = PipelineRun.run(2, "--input", dir.resolve("ordered").toString());
        // same parallelism: the scorer keeps one model per instance, so its evidence depends on it
        PipelineRun shuffled =
                PipelineRun.run(
                        2,
                        "--input",
                        dir.resolve("shuffled").toString(),
                        "--time.file-out-of-orderness",
                        "2 min");
        assertThat(shuffled.findings).containsExactlyInAnyOrderElementsOf(ordered.findings);
        assertThat(shuffled.deadLetters).isEmpty();
    }

    static Iterable<JsonNode> allRecords(Path sample) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(sample))) {
            return MAPPER.readTree(in).get("Records");
        }
    }

    /** The first {@code n} records of the attacker in the sample: redelivered copies. */
    private static ArrayNode attackerRecords(Path sample, int n) throws Exception {
        ArrayNode out = MAPPER.createArrayNode();
        for (JsonNode r : allRecords(sample)) {
            if (r.at("/userIdentity/userName").asText().equals("svc-reporting")
                    && r.at("/sourceIPAddress").asText().equals("203.0.113.77")
                    && out.size() < n) {
                out.add(r);
            }
        }
        return out;
    }
}
