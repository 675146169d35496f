package io.trailsentry.testdata.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.detect.Severity;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.Sources;
import io.trailsentry.job.TrailSentryPipeline;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.testdata.Corpus;
import io.trailsentry.testdata.Envelopes;
import io.trailsentry.testdata.Generator;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
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
 * Backfill mode on a real Kinesis (kinesalite): two days of CloudTrail log files in the S3 delivery
 * layout ({@code file://}), then the stream. A data-science role trains GPU models on SageMaker
 * twice a day; on the stream's day, without history, that is a MEDIUM finding; after the backfill
 * it is routine, because the baseline the files built carries into the stream. The files also hold
 * the stream's day (the backfill reads only its window) and the stream a few events of the last
 * minutes before go-live (delivered late, also in the files): each is counted once. Findings of the
 * backfill period are suppressed by default and emitted with {@code
 * input.backfill.suppress-findings false}. The three jobs run at once on one cluster.
 */
class BackfillITCase {
    static final String TRAINER = "role/ml-training";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(6)
                            .build());

    @Test
    void baselinesLearnedFromFilesCarryIntoTheStream(@TempDir Path dir) throws Exception {
        Generator.Spec spec = new Generator.Spec();
        spec.historyDays = 2;
        spec.scenarios = List.of("campaign-iam-user");
        spec.lookAlikes = List.of("sagemaker-daily-training");
        List<Corpus.Entry> all = Generator.generate(spec).sorted();
        long goLive = spec.attackDay.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        List<Corpus.Entry> stream = new ArrayList<>();
        for (Corpus.Entry e : all) {
            // what reached the stream from the go-live time on (AT_TIMESTAMP): the stream's day
            // and events of the last two minutes before it delivered late, which the files hold
            // too (the orderer drops them by event id)
            if (e.time >= goLive - 120_000L) {
                stream.add(e);
            }
        }
        assertThat(stream)
                .as("the trainer's routine is on the stream's day too")
                .anyMatch(
                        e ->
                                e.time >= goLive
                                        && e.record
                                                .path("userIdentity")
                                                .toString()
                                                .contains(TRAINER)
                                        && e.record
                                                .path("eventName")
                                                .asText()
                                                .equals("CreateTrainingJob"));
        // one last event per shard, days later, moves both shards' watermarks past everything
        Corpus.Entry last = all.get(all.size() - 1);
        stream.add(SkewedBacklogITCase.later(last, 3, "end-of-stream-0"));
        stream.add(SkewedBacklogITCase.later(last, 3, "end-of-stream-1"));
        // S3 holds every day, the stream's included (delivered since)
        Path bucket = dir.resolve("trail-bucket");
        Envelopes.write(all, Envelopes.Kind.LOG_FILES, bucket);
        String awsLogs = bucket.resolve("AWSLogs").toUri().toString();

        try (Kinesalite kinesis = new Kinesalite()) {
            kinesis.createStream("cloudtrail", 2);
            put(kinesis, stream);
            String[] common = {
                "--input.kinesis.stream-arn",
                Kinesalite.arn("cloudtrail"),
                "--aws.endpoint",
                kinesis.endpoint,
                "--time.idleness",
                "2 s",
                "--time.initial-idleness",
                "20 s"
            };
            Run streamOnly = new Run(common, "--input.kinesis.initial-position", "TRIM_HORIZON");
            Run backfill =
                    new Run(
                            common,
                            "--input.backfill.days",
                            "2",
                            "--input.backfill.paths",
                            awsLogs,
                            "--input.backfill.until",
                            "2026-03-10T00:00:00Z");
            Run unsuppressed =
                    new Run(
                            common,
                            "--input.backfill.days",
                            "2",
                            "--input.backfill.paths",
                            awsLogs,
                            "--input.backfill.until",
                            "2026-03-10T00:00:00Z",
                            "--input.backfill.suppress-findings",
                            "false");
            try {
                for (Run r : List.of(streamOnly, backfill, unsuppressed)) {
                    r.awaitEnd(240_000);
                }
            } finally {
                for (Run r : List.of(streamOnly, backfill, unsuppressed)) {
                    r.stop();
                }
            }

            // Baselines learned from the files are mature on the stream: novelty against them
            // (a source or region new to the attacked principal) counts from go-live; without
            // the backfill the same principal is new on the stream and novelty is not reported.
            // (The trainer's first day is quiet either way since the cold start judges it
            // against its population.)
            assertThat(detections(critical(backfill.findings)))
                    .as("after the backfill, the attacked principal's baseline says what is new")
                    .containsAnyOf("TS-NR-002", "TS-CP-005");
            assertThat(detections(streamOnly.findings))
                    .as("without history, nothing is new to an immature baseline")
                    .doesNotContain("TS-NR-002", "TS-CP-005");
            assertThat(trainer(backfill.findings))
                    .as("after the backfill, the same routine on the stream is routine: no finding")
                    .isEmpty();
            assertThat(backfill.findings)
                    .as("nothing of the backfill period is emitted by default")
                    .allMatch(f -> f.lastSeen >= goLive);
            assertThat(critical(backfill.findings))
                    .as("the attack on the stream's day is still found")
                    .isNotEmpty()
                    .allSatisfy(
                            f ->
                                    assertThat(f.evidence)
                                            .extracting(e -> e.eventId + " " + e.detectionId)
                                            .as("events on both sides of go-live counted once")
                                            .doesNotHaveDuplicates());
            assertThat(trainer(unsuppressed.findings))
                    .as("with suppression off, nothing of the trainer's after go-live either")
                    .allMatch(f -> f.lastSeen < goLive);
            assertThat(unsuppressed.findings.stream().filter(f -> f.lastSeen >= goLive))
                    .as("from go-live on, the same findings with and without suppression")
                    .map(BackfillITCase::key)
                    .containsExactlyInAnyOrderElementsOf(
                            backfill.findings.stream()
                                    .map(BackfillITCase::key)
                                    .collect(Collectors.toList()));
            for (Run r : List.of(backfill, unsuppressed)) {
                assertThat(r.deadLetters)
                        .extracting(d -> d.reason + " " + d.detail)
                        .as("no event late across the switch, nothing dead-lettered")
                        .isEmpty();
            }
        }
    }

    static java.util.Set<String> detections(List<Finding> findings) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (Finding f : findings) {
            for (var e : f.evidence) {
                if (!e.routine) {
                    ids.add(e.detectionId);
                }
            }
        }
        return ids;
    }

    static List<Finding> trainer(List<Finding> findings) {
        return findings.stream()
                .filter(f -> f.principal.key.contains(TRAINER))
                .collect(Collectors.toList());
    }

    static List<Finding> critical(List<Finding> findings) {
        return findings.stream()
                .filter(f -> f.severityId >= Severity.CRITICAL.id)
                .collect(Collectors.toList());
    }

    static String key(Finding f) {
        return f.uid + " v" + f.version + " " + f.severityId + " closed " + f.closed;
    }

    static void put(Kinesalite kinesis, List<Corpus.Entry> entries) {
        List<Envelopes.Payload> payloads = Envelopes.payloads(entries, Envelopes.Kind.EVENTBRIDGE);
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            batch.add(
                    PutRecordsRequestEntry.builder()
                            .data(SdkBytes.fromByteArrayUnsafe(payloads.get(i).data))
                            .partitionKey("p")
                            .explicitHashKey(
                                    i % 2 == 0
                                            ? SkewedBacklogITCase.SHARD_0
                                            : SkewedBacklogITCase.SHARD_1)
                            .build());
            if (batch.size() == 500 || i == payloads.size() - 1) {
                List<PutRecordsRequestEntry> send = batch;
                assertThat(
                                kinesis.client
                                        .putRecords(b -> b.streamName("cloudtrail").records(send))
                                        .failedRecordCount())
                        .isZero();
                batch = new ArrayList<>();
            }
        }
    }

    /** One job on the shared cluster, its findings and dead letters collected as they come. */
    static final class Run {
        final List<Finding> findings = new CopyOnWriteArrayList<>();
        final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        final JobClient job;
        final Thread collector;

        Run(String[] common, String... extra) throws Exception {
            String[] args = new String[common.length + extra.length];
            System.arraycopy(common, 0, args, 0, common.length);
            System.arraycopy(extra, 0, args, common.length, extra.length);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            JobSettings s = JobSettings.fromArgs(args);
            TrailSentryPipeline.Outputs out =
                    new TrailSentryPipeline(s, false).build(Sources.attach(env, s));
            CloseableIterator<Finding> f = out.findings.collectAsync();
            CloseableIterator<DeadLetter> d = out.deadLetters.collectAsync();
            job = env.executeAsync(String.join(" ", extra));
            collector =
                    new Thread(
                            () -> {
                                try (f) {
                                    f.forEachRemaining(findings::add);
                                } catch (Exception ignored) {
                                    // the job was cancelled
                                }
                            });
            collector.setDaemon(true);
            collector.start();
            Thread dead =
                    new Thread(
                            () -> {
                                try (d) {
                                    d.forEachRemaining(deadLetters::add);
                                } catch (Exception ignored) {
                                    // the job was cancelled
                                }
                            });
            dead.setDaemon(true);
            dead.start();
        }

        /**
         * Until the campaign's incident closed (2 h idle in event time: the end-of-stream events
         * moved the watermark past everything, so every timer has fired), then a little longer.
         */
        void awaitEnd(long timeoutMs) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < deadline
                    && findings.stream()
                            .noneMatch(f -> f.closed && f.severityId >= Severity.CRITICAL.id)) {
                Thread.sleep(1_000);
            }
            assertThat(findings)
                    .as("the campaign's incident closed: the job read everything")
                    .anyMatch(f -> f.closed);
            Thread.sleep(5_000);
        }

        void stop() throws Exception {
            job.cancel().get();
        }
    }
}
