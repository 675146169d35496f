package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.io.FileInputs;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** Savepoints map state to operators by uid: the graph must not build if any operator lacks one. */
class UidsTest {
    static StreamExecutionEnvironment strictEnv() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    static TrailSentryPipeline.Outputs build(StreamExecutionEnvironment env) {
        JobSettings s = JobSettings.fromArgs(new String[] {"--input", FileInputs.extractSample()});
        TrailSentryPipeline.Outputs out =
                new TrailSentryPipeline(s, false).build(Sources.attach(env, s));
        out.findings.sinkTo(new PrintSink<>()).uid(Uids.FINDINGS_PRINT_SINK).name("Findings");
        out.deadLetters
                .sinkTo(new PrintSink<>(true))
                .uid(Uids.DEAD_LETTERS_PRINT_SINK)
                .name("Dead letters");
        return out;
    }

    @Test
    void everyStatefulOperatorAndSinkHasItsStableUid() {
        StreamExecutionEnvironment env = strictEnv();
        build(env);
        StreamGraph graph = env.getStreamGraph();
        Set<String> uids = new HashSet<>();
        for (StreamNode n : graph.getStreamNodes()) {
            uids.add(n.getTransformationUID());
        }
        assertThat(uids)
                .containsAll(Uids.STATEFUL)
                .contains(Uids.FILE_SOURCE, Uids.FINDINGS_PRINT_SINK, Uids.DEAD_LETTERS_PRINT_SINK);
        assertThat(new HashSet<>(Uids.STATEFUL)).as("uids are unique").hasSameSizeAs(Uids.STATEFUL);
    }

    @Test
    void theKinesisSourceAndSinksHaveTheirStableUidsToo() {
        StreamExecutionEnvironment env = strictEnv();
        String arn = "arn:aws:kinesis:us-east-1:111122223333:stream/";
        JobSettings s =
                JobSettings.fromArgs(
                        new String[] {
                            "--input.kinesis.stream-arn", arn + "cloudtrail",
                            "--output.findings.stream-arn", arn + "findings",
                            "--output.dead-letters.stream-arn", arn + "dead-letters",
                            "--aws.region", "us-east-1"
                        });
        TrailSentryPipeline.Outputs out =
                new TrailSentryPipeline(s, false).build(Sources.attach(env, s));
        assertThat(Sinks.attachKinesis(out, s, "test")).isTrue();
        Set<String> uids = new HashSet<>();
        for (StreamNode n : env.getStreamGraph().getStreamNodes()) {
            uids.add(n.getTransformationUID());
        }
        // the Kinesis source makes the watermarks itself, per shard: no separate operator
        Set<String> stateful = new HashSet<>(Uids.STATEFUL);
        stateful.remove(Uids.WATERMARKS);
        assertThat(uids)
                .containsAll(stateful)
                .doesNotContain(Uids.WATERMARKS)
                .contains(
                        Uids.KINESIS_SOURCE,
                        Uids.FINDINGS_KINESIS_SINK,
                        Uids.DEAD_LETTERS_KINESIS_SINK);
    }

    @Test
    void backfillModeHasItsOwnSourceUidAndASuppressionUid() {
        StreamExecutionEnvironment env = strictEnv();
        JobSettings s =
                JobSettings.fromArgs(
                        new String[] {
                            "--input.kinesis.stream-arn",
                            "arn:aws:kinesis:us-east-1:111122223333:stream/cloudtrail",
                            "--input.backfill.days",
                            "14",
                            "--input.backfill.paths",
                            "s3://trail-bucket/AWSLogs/"
                        });
        TrailSentryPipeline.Outputs out =
                new TrailSentryPipeline(s, false).build(Sources.attach(env, s));
        out.findings.sinkTo(new PrintSink<>()).uid(Uids.FINDINGS_PRINT_SINK).name("Findings");
        out.deadLetters
                .sinkTo(new PrintSink<>(true))
                .uid(Uids.DEAD_LETTERS_PRINT_SINK)
                .name("Dead letters");
        Set<String> uids = new HashSet<>();
        for (StreamNode n : env.getStreamGraph().getStreamNodes()) {
            uids.add(n.getTransformationUID());
        }
        assertThat(uids)
                .contains(Uids.BACKFILL_SOURCE, Uids.BACKFILL_SUPPRESSION, Uids.ORDER)
                .doesNotContain(Uids.KINESIS_SOURCE, Uids.FILE_SOURCE, Uids.WATERMARKS);
    }

    @Test
    void anOperatorWithoutAUidFailsTheBuild() {
        StreamExecutionEnvironment env = strictEnv();
        TrailSentryPipeline.Outputs out = build(env);
        out.findings.map(f -> f.uid).name("no uid").sinkTo(new PrintSink<>()).uid("x-sink");
        assertThatThrownBy(env::getStreamGraph).hasMessageContaining("UID");
    }
}
