package io.trailsentry.job;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SavepointITCase} on RocksDB, where Managed Flink keeps state: checkpoints every 200 ms
 * while the campaign runs (each with the orderer's waiting events as raw keyed state), a stop with
 * a savepoint mid-campaign, and a restore that reports what one uninterrupted run reports. The
 * configuration also asks for heap timers, which Flink writes into raw keyed state at every
 * checkpoint and so cannot share a checkpoint with the orderer's: the job keeps timers in RocksDB
 * whatever the cluster says ({@link TrailSentryPipeline#rocksDbOptions}).
 */
class RocksDbSavepointITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    static Configuration rocksDb() {
        Configuration c = new Configuration();
        c.setString("state.backend.type", "rocksdb");
        c.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
        c.setString("execution.checkpointing.interval", "200 ms");
        return c;
    }

    @Test
    void baselinesAndIncidentsSurviveAStopWithSavepointOnRocksDb(@TempDir Path dir)
            throws Exception {
        SavepointITCase.stopMidCampaignAndRestore(dir, rocksDb());
    }
}
