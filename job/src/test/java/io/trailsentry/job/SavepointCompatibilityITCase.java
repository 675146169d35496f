package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.io.FileInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint written by an earlier release (see the fixture's README) restores with the current
 * code: baselines, open incidents, CEP and scorer state are read back, and the campaign's incident
 * carries on under its uid and version counter, so that the earlier release's findings and the
 * restored run's together are what one uninterrupted run of the current code reports.
 */
class SavepointCompatibilityITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    static final Path FIXTURE = Path.of("src/test/resources/savepoints/release-6e58725");
    static final long CUT = Instant.parse("2026-03-10T14:05:00Z").toEpochMilli();

    @Test
    void aSavepointOfThePreviousReleaseRestores(@TempDir Path dir) throws Exception {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (JsonNode r :
                TrailSentryPipelineITCase.allRecords(Path.of(FileInputs.extractSample()))) {
            boolean early = Instant.parse(r.get("eventTime").asText()).toEpochMilli() < CUT;
            (early ? before : after).append(r).append('\n');
        }
        Path whole = Files.createDirectories(dir.resolve("whole"));
        Files.writeString(whole.resolve("a.jsonl"), before);
        Files.writeString(whole.resolve("b.jsonl"), after);
        Map<String, Finding> uninterrupted = new LinkedHashMap<>();
        for (Finding f :
                PipelineRun.run(
                                2,
                                "--input",
                                whole.toString(),
                                "--time.file-out-of-orderness",
                                "10 s")
                        .findings) {
            uninterrupted.put(f.uid + "#" + f.version, f);
        }

        Map<String, Integer> earlier = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FIXTURE.resolve("findings-before-stop.tsv"))) {
            String[] c = line.split("\t");
            earlier.put(c[0] + "#" + c[1], Integer.parseInt(c[2]));
        }
        assertThat(earlier).isNotEmpty();

        Path savepoint = dir.resolve("savepoint");
        FileUtils.copyDirectory(FIXTURE.resolve("savepoint").toFile(), savepoint.toFile());
        Path tail = Files.createDirectories(dir.resolve("tail"));
        Files.writeString(tail.resolve("b.jsonl"), after);
        List<Finding> restored = new ArrayList<>();
        SavepointITCase.runThenStop(
                tail,
                -1,
                restored,
                null,
                savepoint.toUri().toString(),
                uninterrupted.size() - earlier.size());

        Map<String, Integer> together = new LinkedHashMap<>(earlier);
        for (Finding f : restored) {
            Finding same = uninterrupted.get(f.uid + "#" + f.version);
            assertThat(same).as("restored run reported %s v%d", f.uid, f.version).isNotNull();
            assertThat(f.severityId).as(f.uid + " v" + f.version).isEqualTo(same.severityId);
            assertThat(f.categories).isEqualTo(same.categories);
            together.put(f.uid + "#" + f.version, f.severityId);
        }
        assertThat(restored).as("the incident carried on after the restore").isNotEmpty();
        Map<String, Integer> expected = new LinkedHashMap<>();
        uninterrupted.forEach((k, f) -> expected.put(k, f.severityId));
        assertThat(together).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
