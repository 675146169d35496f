package io.trailsentry.job;

import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.detect.Severity;
import io.trailsentry.finding.OcsfWriter;
import io.trailsentry.flink.DecodeFunction;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import io.trailsentry.job.io.DeadLetterSchema;
import io.trailsentry.util.Text;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The embedded run's output: findings printed to stdout as they arrive and written as OCSF JSON
 * lines, dead letters written as JSON lines, and a one-line summary at the end.
 */
final class LocalRun {
    private final JobSettings settings;
    private final PrintStream stdout = System.out;

    LocalRun(JobSettings settings) {
        this.settings = settings;
    }

    void execute(StreamExecutionEnvironment env, TrailSentryPipeline.Outputs out) throws Exception {
        Path findingsFile = Path.of(settings.get(TrailSentryOptions.FINDINGS_FILE));
        Path deadFile = Path.of(settings.get(TrailSentryOptions.DEAD_LETTER_FILE));
        CloseableIterator<Finding> findings = out.findings.collectAsync();
        CloseableIterator<DeadLetter> deadLetters = out.deadLetters.collectAsync();
        long started = System.currentTimeMillis();
        JobClient client = env.executeAsync("TrailSentry (embedded)");

        AtomicLong deadCount = new AtomicLong();
        Thread deadWriter =
                new Thread(
                        () -> deadCount.set(writeDeadLetters(deadLetters, deadFile)),
                        "dead-letters");
        deadWriter.start();
        OcsfWriter ocsf = new OcsfWriter(Version.get());
        long findingCount = 0;
        Set<String> principals = new HashSet<>();
        try (BufferedWriter w = open(findingsFile)) {
            while (findings.hasNext()) {
                Finding f = findings.next();
                findingCount++;
                principals.add(f.principal.key);
                w.write(ocsf.toJson(f));
                w.newLine();
                print(f);
            }
        }
        deadWriter.join();
        JobExecutionResult result = client.getJobExecutionResult().get();
        Long events = result.getAccumulatorResult(DecodeFunction.EVENTS_ACCUMULATOR);
        stdout.printf(
                Locale.ROOT,
                "TrailSentry: %,d events read, %,d dead letters, %,d findings for %d principal(s)"
                        + " in %.1f s -> %s%n",
                events == null ? 0 : events,
                deadCount.get(),
                findingCount,
                principals.size(),
                (System.currentTimeMillis() - started) / 1000.0,
                findingsFile);
    }

    private void print(Finding f) {
        stdout.printf(
                Locale.ROOT,
                "[%s] %s v%d  %s%n    principal: %s%n    why: %s%n",
                Severity.ofId(f.severityId),
                f.uid,
                f.version,
                Text.printable(f.title, 300),
                Text.printable(f.principal.toString(), 300),
                Text.printable(f.why, 4_000));
    }

    private static long writeDeadLetters(CloseableIterator<DeadLetter> it, Path file) {
        long n = 0;
        try (BufferedWriter w = open(file)) {
            while (it.hasNext()) {
                w.write(DeadLetterSchema.toJson(it.next()));
                w.newLine();
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private static BufferedWriter open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
