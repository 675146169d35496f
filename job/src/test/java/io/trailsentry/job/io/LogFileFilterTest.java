package io.trailsentry.job.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileFilterTest {
    @Test
    void takesLogFilesAndDirectoriesSkipsDigestsHiddenAndOtherFiles(@TempDir Path dir)
            throws Exception {
        Path sub = Files.createDirectories(dir.resolve("AWSLogs/1/CloudTrail/us-east-1"));
        FileInputs.LogFileFilter f = new FileInputs.LogFileFilter();
        assertThat(f.test(new org.apache.flink.core.fs.Path(sub.toUri()))).isTrue();
        for (String ok :
                new String[] {"a.json", "1_CloudTrail_us-east-1_20260310T1400Z_x.json.gz"}) {
            assertThat(f.test(new org.apache.flink.core.fs.Path(sub.resolve(ok).toUri())))
                    .as(ok)
                    .isTrue();
        }
        for (String no :
                new String[] {
                    "1_CloudTrail-Digest_us-east-1_x.json.gz",
                    ".hidden.json",
                    "_SUCCESS",
                    "notes.txt"
                }) {
            Path p = Files.writeString(sub.resolve(no), "x");
            assertThat(f.test(new org.apache.flink.core.fs.Path(p.toUri()))).as(no).isFalse();
        }
    }
}
