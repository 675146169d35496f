package io.trailsentry.job;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/**
 * The one entry point. In a plain JVM it runs an embedded MiniCluster (by default over the
 * checked-in sample corpus) and prints findings; submitted to Managed Flink it reads runtime
 * property groups; on a self-hosted cluster it takes the same flags as locally.
 */
public final class TrailSentryMain {
    private TrailSentryMain() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        boolean local = env instanceof LocalStreamEnvironment;
        JobSettings settings;
        try {
            settings =
                    args.length == 0 && !local
                            ? JobSettings.fromPropertyGroups(
                                    KinesisAnalyticsRuntime.getApplicationProperties())
                            : JobSettings.fromArgs(args);
            Sources.checkInputPaths(settings);
        } catch (IllegalArgumentException e) {
            if (!local) {
                throw e;
            }
            System.err.print(usageError(e.getMessage(), args));
            System.exit(2);
            return;
        }
        if (settings.helpRequested()) {
            System.out.println(JobSettings.helpText());
            return;
        }
        if (local) {
            env.setParallelism(settings.get(TrailSentryOptions.LOCAL_PARALLELISM));
            recoverLocally(env, settings.get(TrailSentryOptions.LOCAL_CHECKPOINT_INTERVAL));
        }
        TrailSentryPipeline.Outputs out =
                new TrailSentryPipeline(settings, local).build(Sources.attach(env, settings));

        boolean findingsToKinesis = Sinks.attachKinesis(out, settings, Version.get());
        if (local && !findingsToKinesis) {
            new LocalRun(settings).execute(env, out);
            return;
        }
        if (!findingsToKinesis) {
            out.findings.sinkTo(new PrintSink<>()).uid(Uids.FINDINGS_PRINT_SINK).name("Findings");
        }
        if (!settings.has(TrailSentryOptions.DEAD_LETTER_STREAM_ARN)) {
            out.deadLetters
                    .sinkTo(new PrintSink<>(true))
                    .uid(Uids.DEAD_LETTERS_PRINT_SINK)
                    .name("Dead letters");
        }
        env.execute("TrailSentry");
    }

    /**
     * An embedded run recovers as a deployment does: checkpoints, and a few restarts from the last
     * one. Flink 1.20's connector-base fetcher manager has a race (FLINK-36146,
     * NoSuchElementException in SingleThreadFetcherManager.getRunningFetcher) that fails a task now
     * and then; without restarts the whole local run failed with it.
     */
    static void recoverLocally(StreamExecutionEnvironment env, Duration interval) {
        if (interval.isZero()) {
            return;
        }
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        env.configure(restarts);
        env.enableCheckpointing(interval.toMillis());
    }

    /**
     * A mistake on the local command line: one line naming it, then the usage without the list of
     * options ({@code --help} prints that).
     */
    static String usageError(String message, String[] args) {
        StringBuilder out = new StringBuilder("trailsentry: ").append(message).append('\n');
        if (args.length > 0 && !args[0].startsWith("-")) {
            // the test-data tools have their own Maven execution (README)
            out.append("trailsentry: '")
                    .append(args[0])
                    .append("' is not a job option; the test-data tools run with")
                    .append(" ./mvnw -q -pl testdata -am test-compile exec:exec@testdata")
                    .append(" -Dargs=\"")
                    .append(args[0])
                    .append(" ...\"\n");
        }
        String help = JobSettings.helpText();
        int options = help.indexOf("\n\n  --");
        return out.append('\n')
                .append(options < 0 ? help : help.substring(0, options + 1))
                .append("--help lists every option with its default.\n")
                .toString();
    }
}
