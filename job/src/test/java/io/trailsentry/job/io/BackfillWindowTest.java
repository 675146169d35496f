package io.trailsentry.job.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.job.config.JobSettings;
import java.time.Instant;
import java.util.function.Predicate;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

class BackfillWindowTest {
    static final String TRAIL = "s3://trail-bucket/AWSLogs/111122223333/CloudTrail/eu-west-1/";

    static BackfillWindow window(String... args) {
        return BackfillWindow.of(JobSettings.fromArgs(args), Instant.parse("2026-03-10T12:00:00Z"));
    }

    static final String[] ON = {
        "--input.kinesis.stream-arn", "arn:aws:kinesis:us-east-1:111122223333:stream/ct",
        "--input.backfill.days", "3",
        "--input.backfill.paths", "s3://trail-bucket/AWSLogs/"
    };

    @Test
    void offUnlessDaysAreGiven() {
        assertThat(window("--input.kinesis.stream-arn", "arn:aws:kinesis:us-east-1:1:stream/ct"))
                .isNull();
    }

    @Test
    void endsAtTheGoLiveTimeOrFifteenMinutesBeforeTheStart() {
        BackfillWindow w = window(ON);
        assertThat(Instant.ofEpochMilli(w.untilMillis)).isEqualTo("2026-03-10T11:45:00Z");
        assertThat(Instant.ofEpochMilli(w.fromMillis)).isEqualTo("2026-03-07T11:45:00Z");
        String[] pinned = java.util.Arrays.copyOf(ON, ON.length + 2);
        pinned[ON.length] = "--input.backfill.until";
        pinned[ON.length + 1] = "2026-03-09T00:00:00Z";
        w = window(pinned);
        assertThat(Instant.ofEpochMilli(w.untilMillis)).isEqualTo("2026-03-09T00:00:00Z");
        assertThat(w.contains(w.untilMillis - 1)).isTrue();
        assertThat(w.contains(w.untilMillis)).as("the stream's, not the files'").isFalse();
        assertThat(w.contains(w.fromMillis)).isTrue();
        assertThat(w.contains(w.fromMillis - 1)).isFalse();
    }

    @Test
    void listsOnlyTheDayFoldersOfTheWindow() {
        Predicate<Path> days = window(ON).dayFolders();
        for (String in :
                new String[] {
                    "s3://trail-bucket/AWSLogs/",
                    "s3://trail-bucket/AWSLogs/111122223333/CloudTrail/",
                    TRAIL,
                    TRAIL + "2026",
                    TRAIL + "2026/03",
                    TRAIL + "2026/03/07",
                    TRAIL + "2026/03/10",
                    // delivered just after midnight, the last day's events
                    TRAIL + "2026/03/11",
                    TRAIL + "2026/03/08/111122223333_CloudTrail_eu-west-1_x.json.gz",
                    "s3://trail-bucket/AWSLogs/o-org/111122223333/CloudTrail/eu-west-1/2026/03/09",
                    "file:///tmp/exports/march.json.gz"
                }) {
            assertThat(days.test(new Path(in))).as(in).isTrue();
        }
        for (String out :
                new String[] {
                    TRAIL + "2025",
                    TRAIL + "2026/02",
                    TRAIL + "2026/03/06",
                    TRAIL + "2026/03/12",
                    TRAIL + "2026/03/01/111122223333_CloudTrail_eu-west-1_x.json.gz"
                }) {
            assertThat(days.test(new Path(out))).as(out).isFalse();
        }
    }
}
