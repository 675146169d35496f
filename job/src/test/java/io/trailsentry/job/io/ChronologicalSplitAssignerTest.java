package io.trailsentry.job.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

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
}
