package io.trailsentry.testdata.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsentry.job.Sinks;
import io.trailsentry.job.Sources;
import io.trailsentry.job.TrailSentryPipeline;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.responder.AwsStandIn;
import io.trailsentry.responder.KinesisEvents;
import io.trailsentry.responder.ResponderConfig;
import io.trailsentry.responder.ResponderHandler;
import io.trailsentry.testdata.Corpus;
import io.trailsentry.testdata.Envelopes;
import io.trailsentry.testdata.replay.CorpusReader;
import io.trailsentry.testdata.replay.Replayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The connector path against a real Kinesis: the sample replayed into a 2-shard stream as
 * CloudWatch Logs subscription payloads and again as EventBridge events, hour by hour (each event
 * arrives twice within the lateness bound and is counted once), plus a garbage record; the job
 * reads it with the KinesisStreamsSource and writes findings and dead letters with the
 * KinesisStreamsSink; the test reads the findings stream back.
 */
class KinesisEndToEndITCase {
    static final String ATTACKER = "111122223333|arn:aws:iam::111122223333:user/svc-reporting";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void findingsAndDeadLettersFlowThroughKinesis() throws Exception {
        try (Kinesalite kinesis = new Kinesalite()) {
            kinesis.createStream("cloudtrail", 2);
            kinesis.createStream("findings", 2);
            kinesis.createStream("dead-letters", 1);
            // every event twice, once per envelope, hour by hour: the copies arrive within the
            // lateness bound and must be counted once
            Replayer replayer = new Replayer(kinesis.client, "cloudtrail", 0, 8);
            Map<Long, List<Corpus.Entry>> hours = new TreeMap<>();
            for (Corpus.Entry e : CorpusReader.read(Path.of("sample/sample.json.gz"))) {
                hours.computeIfAbsent(e.time / 3_600_000L, h -> new ArrayList<>()).add(e);
            }
            for (List<Corpus.Entry> hour : hours.values()) {
                replayer.replay(Envelopes.payloads(hour, Envelopes.Kind.CLOUDWATCH_LOGS));
                replayer.replay(Envelopes.payloads(hour, Envelopes.Kind.EVENTBRIDGE));
            }
            kinesis.client.putRecord(
                    b ->
                            b.streamName("cloudtrail")
                                    .partitionKey("x")
                                    .data(SdkBytes.fromString("not json", StandardCharsets.UTF_8)));

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            JobSettings s =
                    JobSettings.fromArgs(
                            new String[] {
                                "--input.kinesis.stream-arn",
                                Kinesalite.arn("cloudtrail"),
                                "--input.kinesis.initial-position",
                                "TRIM_HORIZON",
                                "--output.findings.stream-arn",
                                Kinesalite.arn("findings"),
                                "--output.dead-letters.stream-arn",
                                Kinesalite.arn("dead-letters"),
                                "--aws.endpoint",
                                kinesis.endpoint,
                                // long enough that a source subtask starved by a busy CI
                                // machine is not declared idle while the other races hours
                                // ahead (its events would then all be late)
                                "--time.idleness",
                                "20 s",
                                "--time.out-of-orderness",
                                "70 min"
                            });
            TrailSentryPipeline.Outputs out =
                    new TrailSentryPipeline(s, false).build(Sources.attach(env, s));
            Sinks.attachKinesis(out, s, "test");
            JobClient job = env.executeAsync("kinesis-e2e");
            try {
                List<JsonNode> findings = new ArrayList<>();
                List<JsonNode> dead = new ArrayList<>();
                long deadline = System.currentTimeMillis() + 120_000;
                while (System.currentTimeMillis() < deadline
                        && (critical(findings) == null || dead.isEmpty())) {
                    Thread.sleep(1_000);
                    findings = readAll(kinesis, "findings");
                    dead = readAll(kinesis, "dead-letters");
                }
                assertThat(critical(findings))
                        .as(
                                "a CRITICAL finding with all six categories reached the findings stream")
                        .isNotNull();
                assertThat(findings)
                        .extracting(f -> f.at("/unmapped/trailsentry/principal_key").asText())
                        .containsOnly(ATTACKER);
                String uid = critical(findings).at("/finding_info/uid").asText();
                assertThat(findings)
                        .extracting(f -> f.at("/finding_info/uid").asText())
                        .containsOnly(uid);
                assertThat(findings)
                        .extracting(f -> f.at("/unmapped/trailsentry/finding_version").asInt())
                        .as("each version once: the doubled delivery was de-duplicated")
                        .doesNotHaveDuplicates();
                List<String> evidence = new ArrayList<>();
                critical(findings)
                        .get("evidences")
                        .forEach(
                                e ->
                                        evidence.add(
                                                e.at("/api/request/uid").asText()
                                                        + e.at("/data/detection_uid").asText()));
                assertThat(evidence).doesNotHaveDuplicates();
                assertThat(dead).extracting(d -> d.get("reason").asText()).containsOnly("NOT_JSON");
                assertThat(dead)
                        .extracting(d -> d.get("origin").asText())
                        .allMatch(o -> o.startsWith("kinesis:"));
                respondToFindingsStream(kinesis, critical(findings));
            } finally {
                job.cancel().get();
            }
        }
    }

    /**
     * The findings stream's records, as the event source mapping would deliver them, handed to the
     * responder Lambda (live mode, durable ledger) with the real SDK clients pointed at WireMock:
     * the attacker's key is deactivated and the user quarantined first, its protected instances
     * released before they are terminated, its clusters deleted, nothing acted on twice although
     * every finding version repeats the earlier steps, and nothing for anyone else.
     */
    private static void respondToFindingsStream(Kinesalite kinesis, JsonNode critical)
            throws Exception {
        List<Record> records = readRecords(kinesis, "findings");
        List<String> sequences = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        for (Record r : records) {
            sequences.add(r.sequenceNumber());
            payloads.add(r.data().asByteArray());
        }
        String user = critical.at("/actor/user/name").asText();
        String key = critical.at("/unmapped/trailsentry/access_key_ids/0").asText();
        List<String> audit = new ArrayList<>();
        try (AwsStandIn aws = new AwsStandIn().keyOwner(key, user)) {
            // the account as the attacker left it: its keys, groups (one protected instance
            // each) and clusters exist
            for (JsonNode f : readAll(kinesis, "findings")) {
                for (JsonNode res : f.get("resources")) {
                    String id = res.get("uid").asText();
                    switch (res.get("type").asText()) {
                        case "AWS::IAM::AccessKey":
                            aws.keyOwner(id, user);
                            break;
                        case "AWS::AutoScaling::AutoScalingGroup":
                            aws.group(id, Map.of("i-0" + Integer.toHexString(id.hashCode()), true));
                            break;
                        case "AWS::ECS::Cluster":
                            aws.cluster(id, List.of(), List.of());
                            break;
                        default:
                            break;
                    }
                }
            }
            ResponderHandler handler =
                    new ResponderHandler(
                            ResponderConfig.fromEnv(
                                    Map.of(
                                            ResponderConfig.DRY_RUN, "false",
                                            ResponderConfig.LEDGER_TABLE, "ledger")),
                            aws.clients("us-east-1"),
                            audit::add,
                            Clock.systemUTC());
            StreamsEventResponse response =
                    handler.handleRequest(KinesisEvents.of(sequences, payloads), null);

            assertThat(response.getBatchItemFailures()).as(String.join("\n", audit)).isEmpty();
            List<String> ops = new ArrayList<>();
            List<AwsStandIn.Call> mutations = aws.mutations();
            mutations.forEach(c -> ops.add(c.operation + " " + c.params));
            assertThat(ops.get(0))
                    .isEqualTo(
                            "UpdateAccessKey {UserName="
                                    + user
                                    + ", AccessKeyId="
                                    + key
                                    + ", Status=Inactive}");
            assertThat(ops).doesNotHaveDuplicates();
            assertThat(mutations)
                    .extracting(c -> c.operation)
                    .contains(
                            "PutUserPolicy",
                            "ModifyInstanceAttribute",
                            "DeleteAutoScalingGroup",
                            "DeleteService",
                            "DeleteCluster",
                            "TerminateInstances");
            for (AwsStandIn.Call release : mutations) {
                if (release.operation.equals("ModifyInstanceAttribute")) {
                    String instance = release.params.get("InstanceId");
                    assertThat(index(mutations, "ModifyInstanceAttribute", instance))
                            .as(
                                    "termination protection of %s lifted before it is terminated",
                                    instance)
                            .isLessThan(index(mutations, "TerminateInstances", instance));
                }
            }
            assertThat(index(mutations, "PutUserPolicy", "TrailSentryQuarantine"))
                    .as("the identity is contained before anything else changes")
                    .isLessThan(index(mutations, "ModifyInstanceAttribute", null));
            for (AwsStandIn.Call c : mutations) {
                if (c.service.equals("iam")) {
                    // the flagged user, or the user the campaign created with it (a linked
                    // identity, contained with it)
                    assertThat(c.params.get("UserName")).isIn(user, "support-ses");
                }
            }
        }
    }

    /** Position of the first {@code op} call with a parameter equal to {@code value}. */
    private static int index(List<AwsStandIn.Call> calls, String op, String value) {
        for (int i = 0; i < calls.size(); i++) {
            AwsStandIn.Call c = calls.get(i);
            if (c.operation.equals(op) && (value == null || c.params.containsValue(value))) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The first CRITICAL version naming all six categories (the campaign's full picture). */
    private static JsonNode critical(List<JsonNode> findings) {
        return findings.stream()
                .filter(f -> f.get("severity_id").asInt() == 5)
                .filter(f -> f.at("/unmapped/trailsentry/categories").size() == 6)
                .findFirst()
                .orElse(null);
    }

    /** Every record on every shard of {@code stream}, from the start, parsed. */
    static List<JsonNode> readAll(Kinesalite k, String stream) throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (Record rec : readRecords(k, stream)) {
            out.add(m.readTree(rec.data().asByteArray()));
        }
        return out;
    }

    /** Every record on every shard of {@code stream}, from the start, shard by shard. */
    static List<Record> readRecords(Kinesalite k, String stream) {
        List<Record> out = new ArrayList<>();
        Map<String, String> iterators = new HashMap<>();
        for (Shard shard : k.client.listShards(b -> b.streamName(stream)).shards()) {
            iterators.put(
                    shard.shardId(),
                    k.client
                            .getShardIterator(
                                    b ->
                                            b.streamName(stream)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator());
        }
        for (String it : iterators.values()) {
            String next = it;
            for (int i = 0; i < 50 && next != null; i++) {
                String current = next;
                GetRecordsResponse r =
                        k.client.getRecords(b -> b.shardIterator(current).limit(1000));
                out.addAll(r.records());
                if (r.records().isEmpty()) {
                    break;
                }
                next = r.nextShardIterator();
            }
        }
        return out;
    }
}
