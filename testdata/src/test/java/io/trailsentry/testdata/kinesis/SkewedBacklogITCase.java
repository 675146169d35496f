package io.trailsentry.testdata.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.finding.OcsfWriter;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.Sinks;
import io.trailsentry.job.Sources;
import io.trailsentry.job.TrailSentryPipeline;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.testdata.Corpus;
import io.trailsentry.testdata.Envelopes;
import io.trailsentry.testdata.replay.CorpusReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * A Kinesis backlog read with one shard far ahead of the other: the sample, in time order, split
 * over two shards (each principal's events on both), and shard 1 made slow to read (every
 * GetRecords waits longer than the idleness timeout and returns a few hundred records), so shard
 * 0's reader runs hours ahead in event time. With per-shard watermarks in the source, idleness only
 * for a caught-up shard, and watermark alignment, no event is late and the findings are those of
 * the same events delivered in order (a log file).
 */
class SkewedBacklogITCase {
    /** The hash key range of a two-shard stream splits at 2^127. */
    static final String SHARD_0 = "0";

    static final String SHARD_1 = BigInteger.ONE.shiftLeft(127).toString();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void aShardHoursBehindTheOtherHasNoLateEventsAndTheFindingsOfInOrderDelivery(@TempDir Path dir)
            throws Exception {
        List<Corpus.Entry> events =
                new ArrayList<>(CorpusReader.read(Path.of("sample/sample.json.gz")));
        events.sort((a, b) -> Long.compare(a.time, b.time));
        // one last event per shard, days later, moves both shards' watermarks past the sample
        Corpus.Entry last = events.get(events.size() - 1);
        List<Corpus.Entry> withEnd = new ArrayList<>(events);
        withEnd.add(later(last, 3, "end-of-backlog-0"));
        withEnd.add(later(last, 3, "end-of-backlog-1"));

        Path file = dir.resolve("in-order.json.gz");
        Envelopes.writeLogFile(withEnd, file);
        TreeSet<String> inOrder = inOrderFindings(file);
        assertThat(inOrder).as("the sample's attack is found").isNotEmpty();

        try (Kinesalite kinesis =
                new Kinesalite(
                        Map.of(
                                "KINESALITE_SLOW_SHARD",
                                "cloudtrail/shard-000000000001:1500:400"))) {
            kinesis.createStream("cloudtrail", 2);
            kinesis.createStream("findings", 2);
            kinesis.createStream("dead-letters", 1);
            List<Envelopes.Payload> payloads =
                    Envelopes.payloads(withEnd, Envelopes.Kind.EVENTBRIDGE);
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < payloads.size(); i++) {
                // alternate shards by event, so every principal has events on both; the two
                // end-of-backlog events land one on each
                batch.add(
                        PutRecordsRequestEntry.builder()
                                .data(SdkBytes.fromByteArrayUnsafe(payloads.get(i).data))
                                .partitionKey("p")
                                .explicitHashKey(i % 2 == 0 ? SHARD_0 : SHARD_1)
                                .build());
                if (batch.size() == 500 || i == payloads.size() - 1) {
                    List<PutRecordsRequestEntry> send = batch;
                    assertThat(
                                    kinesis.client
                                            .putRecords(
                                                    b -> b.streamName("cloudtrail").records(send))
                                            .failedRecordCount())
                            .isZero();
                    batch = new ArrayList<>();
                }
            }

            // a backlog: the records have been in the stream longer than the caught-up lag
            Thread.sleep(2_000);
            // a backlog: the records have been in the stream longer than the caught-up lag
            Thread.sleep(2_000);
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
                                // shorter than every wait for the slow shard's next records: a
                                // reader-starved shard would be idle many times over
                                "--time.idleness",
                                "1 s",
                                "--time.initial-idleness",
                                "30 s",
                                "--time.caught-up-lag",
                                "2 s"
                            });
            TrailSentryPipeline.Outputs out =
                    new TrailSentryPipeline(s, false).build(Sources.attach(env, s));
            Sinks.attachKinesis(out, s, "test");
            JobClient job = env.executeAsync("skewed-backlog");
            try {
                TreeSet<String> fromKinesis = new TreeSet<>();
                List<JsonNode> dead = new ArrayList<>();
                long deadline = System.currentTimeMillis() + 240_000;
                while (System.currentTimeMillis() < deadline && !fromKinesis.equals(inOrder)) {
                    Thread.sleep(2_000);
                    fromKinesis = new TreeSet<>();
                    for (JsonNode f : KinesisEndToEndITCase.readAll(kinesis, "findings")) {
                        fromKinesis.add(key(f));
                    }
                }
                dead = KinesisEndToEndITCase.readAll(kinesis, "dead-letters");
                assertThat(dead)
                        .extracting(d -> d.get("reason").asText())
                        .as("no event was late, nor anything else dead-lettered")
                        .isEmpty();
                assertThat(fromKinesis).isEqualTo(inOrder);
            } finally {
                job.cancel().get();
            }
        }
    }

    /** What identifies a finding version and what it says. */
    static String key(JsonNode f) {
        return f.at("/finding_info/uid").asText()
                + " v"
                + f.at("/unmapped/trailsentry/finding_version").asInt()
                + " severity "
                + f.get("severity_id").asInt()
                + " "
                + f.at("/unmapped/trailsentry/categories");
    }

    static TreeSet<String> inOrderFindings(Path file) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobSettings s = JobSettings.fromArgs(new String[] {"--input", file.toString()});
        TrailSentryPipeline.Outputs out =
                new TrailSentryPipeline(s, false).build(Sources.attach(env, s));
        TreeSet<String> keys = new TreeSet<>();
        List<Finding> findings = new ArrayList<>();
        try (CloseableIterator<Finding> f = out.findings.collectAsync();
                CloseableIterator<DeadLetter> d = out.deadLetters.collectAsync()) {
            env.execute("in-order");
            f.forEachRemaining(findings::add);
            d.forEachRemaining(x -> {});
        }
        OcsfWriter writer = new OcsfWriter("test");
        for (Finding x : findings) {
            keys.add(key(writer.toNode(x)));
        }
        return keys;
    }

    static Corpus.Entry later(Corpus.Entry last, int days, String id) {
        ObjectNode r = last.record.deepCopy();
        long t = last.time + days * 86_400_000L;
        r.put("eventTime", Instant.ofEpochMilli(t / 1000 * 1000).toString());
        r.put("eventID", id);
        r.put("eventName", "GetCallerIdentity");
        r.put("eventSource", "sts.amazonaws.com");
        return Corpus.entry(t, last.seq + 1, r);
    }
}
