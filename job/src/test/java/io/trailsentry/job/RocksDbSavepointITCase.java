package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.incident.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        SavepointITCase.Day day = SavepointITCase.Day.cutAt(dir, SavepointITCase.CUT);
        Path tail = Files.createDirectories(dir.resolve("tail"));
        Files.writeString(tail.resolve("a.jsonl"), day.before);
        List<Finding> seen = new ArrayList<>();
        String savepoint =
                SavepointITCase.runThenStop(
                        rocksDb(),
                        tail,
                        day.firstPart,
                        seen,
                        dir.resolve("savepoints"),
                        null,
                        0,
                        2);
        int beforeStop = seen.size();
        Files.writeString(tail.resolve("b.jsonl"), day.after);
        Map<String, Finding> expected = day.beforeTheEnd(day.uninterrupted);
        SavepointITCase.runThenStop(rocksDb(), tail, -1, seen, null, savepoint, expected.size(), 2);

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
}
