package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.RawPayload;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.io.FileInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpointing on, one failure injected mid-stream after a checkpoint: the restarted job,
 * restoring every operator's state (orderer, baselines, CEP, scorer model, incidents), emits the
 * same findings (de-duplicated by uid and version) as a run without failure, and loses no dead
 * letter.
 */
class FaultToleranceITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @Test
    void findingsAfterARestartEqualThoseOfAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        StringBuilder lines = new StringBuilder();
        int i = 0;
        for (JsonNode r :
                TrailSentryPipelineITCase.allRecords(Path.of(FileInputs.extractSample()))) {
            lines.append(r.toString()).append('\n');
            if (++i == 3_000) {
                lines.append("{\"garbage\": true}\n");
            }
        }
        Files.writeString(in.resolve("records.jsonl"), lines);

        Run clean = run(in, null);
        Run recovered = run(in, dir.resolve("failed-once"));

        assertThat(Files.exists(dir.resolve("failed-once")))
                .as("the failure was injected")
                .isTrue();
        assertThat(recovered.findings.values())
                .containsExactlyInAnyOrderElementsOf(clean.findings.values());
        assertThat(clean.findings).isNotEmpty();
        assertThat(recovered.deadLetters)
                .extracting(d -> d.origin)
                .anyMatch(o -> o.endsWith("records.jsonl:3001"));
    }

    static final class Run {
        final Map<String, Finding> findings = new LinkedHashMap<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
    }

    static Run run(Path input, Path failMarker) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        JobSettings settings = JobSettings.fromArgs(new String[] {"--input", input.toString()});
        DataStream<RawPayload> raw = Sources.attach(env, settings).raw();
        if (failMarker != null) {
            raw =
                    raw.map(new FailOnceAfterCheckpoint(failMarker, 6_000))
                            .uid("test-fail-once")
                            .name("Fail once");
        }
        TrailSentryPipeline.Outputs out = new TrailSentryPipeline(settings, false).build(raw);
        Run run = new Run();
        try (CloseableIterator<Finding> f = out.findings.collectAsync();
                CloseableIterator<DeadLetter> d = out.deadLetters.collectAsync()) {
            PipelineRun.readWhileRunning(
                    env,
                    "fault-tolerance",
                    f,
                    x -> run.findings.put(x.uid + "#" + x.version, x),
                    d,
                    run.deadLetters::add);
        }
        return run;
    }
}
