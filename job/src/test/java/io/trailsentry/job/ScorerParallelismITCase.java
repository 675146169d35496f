package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.incident.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer's models are shards keyed by principal, not parallel instances: the same input gives
 * the same findings at parallelism 1, 2 and 4, and across a rescale from a savepoint (written at 2,
 * restored at 4). The scorer is made to speak on the sample's one day (a short warm-up, low
 * thresholds), so its signals are part of what is compared.
 */
class ScorerParallelismITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.fourSlots();

    static final String[] SCORER_SPEAKS = {
        "--detection.policy-json",
        "{\"scorerMinPoints\":8,\"scorerThreshold\":0.5,\"scorerCountThreshold\":0.55,"
                + "\"scorerAlertThreshold\":0.6}",
        "--detection.min-finding-severity",
        "INFO"
    };

    @Test
    void findingsAreTheSameAtParallelismOneTwoAndFourAndAcrossARescale(@TempDir Path dir)
            throws Exception {
        SavepointITCase.Day day = SavepointITCase.Day.cutAt(dir, SavepointITCase.CUT);
        Path whole = dir.resolve("whole");

        Map<String, Finding> p1 = run(1, whole);
        assertThat(p1.values())
                .as("the scorer's signals are among the findings compared")
                .anySatisfy(f -> assertThat(f.detectionIds).isNotNull().contains("TS-AN-001"));
        assertThat(run(2, whole)).isEqualTo(p1);
        assertThat(run(4, whole)).isEqualTo(p1);

        // stop with a savepoint at parallelism 2 mid-campaign, restore at 4 with the rest
        Path tail = Files.createDirectories(dir.resolve("tail"));
        Files.writeString(tail.resolve("a.jsonl"), day.before);
        List<Finding> seen = new ArrayList<>();
        String savepoint =
                SavepointITCase.runThenStop(
                        tail,
                        day.firstPart,
                        seen,
                        dir.resolve("savepoints"),
                        null,
                        0,
                        2,
                        SCORER_SPEAKS);
        Files.writeString(tail.resolve("b.jsonl"), day.after);
        SavepointITCase.runThenStop(tail, -1, seen, null, savepoint, p1.size(), 4, SCORER_SPEAKS);
        Map<String, Finding> rescaled = new TreeMap<>();
        for (Finding f : seen) {
            Finding previous = rescaled.put(f.uid + "#" + f.version, f);
            assertThat(previous == null || previous.equals(f))
                    .as("version re-emitted differently: " + f)
                    .isTrue();
        }
        assertThat(rescaled).isEqualTo(p1);
    }

    private static Map<String, Finding> run(int parallelism, Path input) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--input",
                                input.toString(),
                                "--time.file-out-of-orderness",
                                "10 s"));
        args.addAll(Arrays.asList(SCORER_SPEAKS));
        Map<String, Finding> out = new TreeMap<>();
        for (Finding f : PipelineRun.run(parallelism, args.toArray(new String[0])).findings) {
            out.put(f.uid + "#" + f.version, f);
        }
        return out;
    }
}
