package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.job.config.JobSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** What building the pipeline sets on the environment, from the job's options. */
class PipelineSettingsTest {
    static StreamExecutionEnvironment built(String... args) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
        JobSettings s = JobSettings.fromArgs(args);
        new TrailSentryPipeline(s, false).build(Sources.attach(env, s));
        return env;
    }

    @Test
    void defaultsFavourDetectionLatencyAndAvoidCopies() {
        StreamExecutionEnvironment env = built();
        assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
        assertThat(env.getConfig().getAutoWatermarkInterval()).isEqualTo(50);
        assertThat(env.getBufferTimeout()).isEqualTo(10);
        assertThat(env.getConfig().hasGenericTypesDisabled()).isTrue();
        assertThat(env.getMaxParallelism()).as("Flink's own default when unset").isEqualTo(-1);
    }

    @Test
    void optionsReachTheEnvironment() {
        StreamExecutionEnvironment env =
                built(
                        "--time.watermark-interval",
                        "200 ms",
                        "--time.buffer-timeout",
                        "100 ms",
                        "--state.max-parallelism",
                        "720");
        assertThat(env.getConfig().getAutoWatermarkInterval()).isEqualTo(200);
        assertThat(env.getBufferTimeout()).isEqualTo(100);
        assertThat(env.getMaxParallelism()).isEqualTo(720);
    }
}
