package io.trailsentry.job.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronologicalSplitAssignerTest {
    private static FileSourceSplit split(String path) {
        return new FileSourceSplit(path, new Path(path), 0, 1, 0, 1);
    }

    @Test
    void handsOutFilesByDeliveryTimeAcrossRegionDirectories() {
        String base = "/logs/AWSLogs/111122223333/CloudTrail/";
        List<FileSourceSplit> splits =
                List.of(
                        split(
                                base
                                        + "us-east-1/2026/03/10/111122223333_CloudTrail_us-east-1_20260310T1405Z_b.json.gz"),
                        split(
                                base
                                        + "eu-west-1/2026/03/10/111122223333_CloudTrail_eu-west-1_20260310T1400Z_a.json.gz"),
                        split(
                                base
                                        + "us-east-1/2026/03/09/111122223333_CloudTrail_us-east-1_20260309T2355Z_c.json.gz"));
        ChronologicalSplitAssigner a = new ChronologicalSplitAssigner(new ArrayList<>(splits));
        List<String> order = new ArrayList<>();
        a.getNext(null).ifPresent(s -> order.add(s.path().getName()));
        a.addSplits(
                List.of(
                        split(
                                base
                                        + "us-east-1/2026/03/10/111122223333_CloudTrail_us-east-1_20260310T1401Z_d.json.gz")));
        while (true) {
            var next = a.getNext("host");
            if (next.isEmpty()) {
                break;
            }
            order.add(next.get().path().getName());
        }
        assertThat(order)
                .extracting(n -> n.substring(n.length() - 9))
                .containsExactly("c.json.gz", "a.json.gz", "d.json.gz", "b.json.gz");
        assertThat(a.remainingSplits()).isEmpty();
    }

    @Test
    void placesFilesWithoutStampsByTheirEarliestEventTime(@TempDir java.nio.file.Path dir)
            throws IOException {
        // names sort the opposite way to the events' times, as in hand-collected technique logs
        write(dir.resolve("a-late.json"), "[{\"eventTime\":\"2024-11-30T08:43:17Z\"}]", false);
        write(
                dir.resolve("b-early.json.gz"),
                "{\"Records\":[{\"eventTime\": \"2024-07-31T12:46:41Z\"},"
                        + "{\"eventTime\":\"2024-07-30T21:31:10Z\"}]}",
                true);
        write(dir.resolve("c-middle.json"), "[{\"eventTime\":\"2024-08-01T13:24:47Z\"}]", false);
        write(dir.resolve("d-no-time.json"), "not json at all", false);
        List<FileSourceSplit> splits = new ArrayList<>();
        for (String n :
                List.of("a-late.json", "b-early.json.gz", "c-middle.json", "d-no-time.json")) {
            splits.add(split(dir.resolve(n).toString()));
        }
        ChronologicalSplitAssigner a = new ChronologicalSplitAssigner(splits);
        List<String> order = new ArrayList<>();
        for (var next = a.getNext(null); next.isPresent(); next = a.getNext(null)) {
            order.add(next.get().path().getName());
        }
        assertThat(order)
                .containsExactly(
                        "d-no-time.json", "b-early.json.gz", "c-middle.json", "a-late.json");
    }

    private static void write(java.nio.file.Path file, String text, boolean gzip)
            throws IOException {
        try (OutputStream out =
                gzip
                        ? new GZIPOutputStream(Files.newOutputStream(file))
                        : Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
