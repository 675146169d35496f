package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.job.config.JobSettings;
import org.junit.jupiter.api.Test;

/** The RocksDB options the job sets over the cluster's, and the knobs that change them. */
class RocksDbOptionsTest {
    @Test
    void defaults() {
        var c = TrailSentryPipeline.rocksDbOptions(JobSettings.fromArgs(new String[0])).toMap();
        assertThat(c)
                .containsEntry("state.backend.rocksdb.use-bloom-filter", "true")
                .containsEntry("state.backend.rocksdb.writebuffer.size", "8 mb")
                .containsEntry("state.backend.rocksdb.timer-service.factory", "ROCKSDB");
    }

    @Test
    void knobs() {
        var c =
                TrailSentryPipeline.rocksDbOptions(
                                JobSettings.fromArgs(
                                        new String[] {
                                            "--state.rocksdb-bloom-filter", "false",
                                            "--state.rocksdb-write-buffer-size", "16mb"
                                        }))
                        .toMap();
        assertThat(c)
                .containsEntry("state.backend.rocksdb.use-bloom-filter", "false")
                .containsEntry("state.backend.rocksdb.writebuffer.size", "16 mb")
                .as("timers stay in RocksDB whatever is asked")
                .containsEntry("state.backend.rocksdb.timer-service.factory", "ROCKSDB");
    }
}
