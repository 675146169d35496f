package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailsentry.flink.DecodeFunction;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.io.FileInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop with a savepoint in the middle of the campaign, restore from it with the rest of the day:
 * baselines, the open incident and its version counter survive, so together the two runs report
 * exactly what one uninterrupted run reports (nothing re-alerted, nothing missed).
 */
class SavepointITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    /** The lateness bound of {@link #FLAGS} ({@code --time.file-out-of-orderness}). */
    static final long LATENESS_MS = 10_000;

    static final String[] FLAGS = {
        "--time.file-out-of-orderness",
        "10 s",
        "--input.monitor-interval",
        "100 ms",
        "--time.idleness",
        // long enough that a source reader starved for a moment on a busy CI machine does not
        // let the watermark pass its events (they would be folded late, out of order)
        "5 s"
    };

    /** Mid-campaign. */
    static final long CUT = Instant.parse("2026-03-10T14:05:00Z").toEpochMilli();

    /** The sample's day cut in two, and what one uninterrupted run reports on all of it. */
    static final class Day {
        final String before;
        final String after;
        final int firstPart;

        /** The latest event time of the day (epoch millis). */
        final long lastEventTime;

        final Map<String, Finding> uninterrupted = new LinkedHashMap<>();

        private Day(String before, String after, int firstPart, long lastEventTime) {
            this.before = before;
            this.after = after;
            this.firstPart = firstPart;
            this.lastEventTime = lastEventTime;
        }

        /**
         * Of a bounded run's {@code findings}, those a run over a monitored folder emits too: its
         * input never ends, so its watermark stops at the day's last event less the lateness bound
         * ({@link #LATENESS_MS}), and what a bounded run emits only at the end of its input (an
         * incident closing after the day's last event) never comes from it.
         */
        Map<String, Finding> beforeTheEnd(Map<String, Finding> findings) {
            Map<String, Finding> out = new java.util.TreeMap<>(findings);
            out.values().removeIf(f -> f.time >= lastEventTime - LATENESS_MS);
            return out;
        }

        static Day cutAt(Path dir, long cut) throws Exception {
            StringBuilder before = new StringBuilder();
            StringBuilder after = new StringBuilder();
            int firstPart = 0;
            long last = Long.MIN_VALUE;
            for (JsonNode r :
                    TrailSentryPipelineITCase.allRecords(Path.of(FileInputs.extractSample()))) {
                long time = Instant.parse(r.get("eventTime").asText()).toEpochMilli();
                boolean early = time < cut;
                (early ? before : after).append(r).append('\n');
                firstPart += early ? 1 : 0;
                last = Math.max(last, time);
            }
            Day day = new Day(before.toString(), after.toString(), firstPart, last);
            Path whole = Files.createDirectories(dir.resolve("whole"));
            Files.writeString(whole.resolve("a.jsonl"), day.before);
            Files.writeString(whole.resolve("b.jsonl"), day.after);
            for (Finding f :
                    PipelineRun.run(
                                    2,
                                    "--input",
                                    whole.toString(),
                                    "--time.file-out-of-orderness",
                                    "10 s")
                            .findings) {
                day.uninterrupted.put(f.uid + "#" + f.version, f);
            }
            return day;
        }
    }

    @Test
    void baselinesAndIncidentsSurviveAStopWithSavepoint(@TempDir Path dir) throws Exception {
        stopMidCampaignAndRestore(dir, new Configuration());
    }

    /**
     * Stops the day's first part with a savepoint (state and checkpointing as {@code flink} says),
     * restores with the rest, and checks the two runs together report what one uninterrupted run
     * does, no version re-emitted differently.
     */
    static void stopMidCampaignAndRestore(Path dir, Configuration flink) throws Exception {
        Day day = Day.cutAt(dir, CUT);
        Path tail = Files.createDirectories(dir.resolve("tail"));
        Files.writeString(tail.resolve("a.jsonl"), day.before);
        List<Finding> seen = new ArrayList<>();
        String savepoint =
                runThenStop(
                        flink, tail, day.firstPart, seen, dir.resolve("savepoints"), null, 0, 2);
        int beforeStop = seen.size();
        Files.writeString(tail.resolve("b.jsonl"), day.after);
        Map<String, Finding> expected = day.beforeTheEnd(day.uninterrupted);
        runThenStop(flink, tail, -1, seen, null, savepoint, expected.size(), 2);

        Map<String, Finding> together = new LinkedHashMap<>();
        for (Finding f : seen) {
            Finding previous = together.put(f.uid + "#" + f.version, f);
            assertThat(previous == null || previous.equals(f))
                    .as("version re-emitted differently: " + f)
                    .isTrue();
        }
        assertThat(beforeStop)
                .as("the first run already reported the campaign's start")
                .isPositive();
        assertThat(together.values()).containsExactlyInAnyOrderElementsOf(expected.values());
    }

    /**
     * Runs on {@code input} (from {@code restoreFrom} if set) until enough is seen ({@code
     * findings} findings in all, any finding for 0, a Close for -1), then stops.
     */
    static String runThenStop(
            Path input,
            int events,
            List<Finding> seen,
            Path savepoints,
            String restoreFrom,
            int findings)
            throws Exception {
        return runThenStop(input, events, seen, savepoints, restoreFrom, findings, 2);
    }

    /** The same at {@code parallelism}, with {@code extra} flags after the test's own. */
    static String runThenStop(
            Path input,
            int events,
            List<Finding> seen,
            Path savepoints,
            String restoreFrom,
            int findings,
            int parallelism,
            String... extra)
            throws Exception {
        return runThenStop(
                new Configuration(),
                input,
                events,
                seen,
                savepoints,
                restoreFrom,
                findings,
                parallelism,
                extra);
    }

    /** The same with {@code base} as the job's Flink configuration (e.g. its state backend). */
    static String runThenStop(
            Configuration base,
            Path input,
            int events,
            List<Finding> seen,
            Path savepoints,
            String restoreFrom,
            int findings,
            int parallelism,
            String... extra)
            throws Exception {
        Configuration conf = new Configuration(base);
        if (restoreFrom != null) {
            conf.set(SavepointConfigOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        List<String> args = new ArrayList<>(List.of("--input", input.toString()));
        args.addAll(List.of(FLAGS));
        args.addAll(List.of(extra));
        JobSettings s = JobSettings.fromArgs(args.toArray(new String[0]));
        TrailSentryPipeline.Outputs out =
                new TrailSentryPipeline(s, false).build(Sources.attach(env, s));
        String bucket = "savepoint-" + System.nanoTime();
        out.findings
                .sinkTo(new CollectingSink(bucket))
                .uid("test-collect-findings")
                .name("collect");
        JobClient job = env.executeAsync("savepoint-test");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            Object decoded = job.getAccumulators().get().get(DecodeFunction.EVENTS_ACCUMULATOR);
            boolean read =
                    events < 0 || (decoded != null && ((Number) decoded).longValue() >= events);
            int have = CollectingSink.count(bucket) + (findings == 0 ? 0 : seen.size());
            boolean enough =
                    findings < 0
                            ? CollectingSink.hasClose(bucket)
                            : findings == 0 ? have > 0 : have >= findings;
            if (read && enough) {
                break;
            }
        }
        Thread.sleep(1_000); // let the released events flow through
        String path = null;
        if (savepoints != null) {
            path =
                    job.stopWithSavepoint(
                                    false,
                                    savepoints.toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get();
        } else {
            job.cancel().get();
        }
        seen.addAll(CollectingSink.take(bucket));
        return path;
    }
}
