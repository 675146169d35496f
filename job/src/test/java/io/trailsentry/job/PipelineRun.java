package io.trailsentry.job;

import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.config.JobSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/** Runs the pipeline on a MiniCluster with the given flags and collects what it emits. */
final class PipelineRun {
    final List<Finding> findings = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();

    static PipelineRun run(int parallelism, String... args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        JobSettings settings = JobSettings.fromArgs(args);
        TrailSentryPipeline.Outputs out =
                new TrailSentryPipeline(settings, false).build(Sources.attach(env, settings));
        PipelineRun run = new PipelineRun();
        try (CloseableIterator<Finding> f = out.findings.collectAsync();
                CloseableIterator<DeadLetter> d = out.deadLetters.collectAsync()) {
            readWhileRunning(env, "pipeline-test", f, run.findings::add, d, run.deadLetters::add);
        }
        return run;
    }

    /**
     * Runs the job and reads both collected outputs while it runs, as LocalRun does: a collect sink
     * holds a bounded buffer and waits for the client once it is full, so reading only after
     * execute() returns hangs a run that emits more than the buffer holds.
     */
    static void readWhileRunning(
            StreamExecutionEnvironment env,
            String name,
            CloseableIterator<Finding> findings,
            Consumer<Finding> onFinding,
            CloseableIterator<DeadLetter> deadLetters,
            Consumer<DeadLetter> onDeadLetter)
            throws Exception {
        JobClient client = env.executeAsync(name);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread dead =
                new Thread(
                        () -> {
                            try {
                                deadLetters.forEachRemaining(onDeadLetter);
                            } catch (Throwable t) {
                                failed.set(t);
                            }
                        },
                        "dead-letters");
        dead.start();
        findings.forEachRemaining(onFinding);
        dead.join();
        client.getJobExecutionResult().get();
        if (failed.get() != null) {
            throw new IllegalStateException("reading the dead letters failed", failed.get());
        }
    }
}
