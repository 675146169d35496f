package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailsentry.job.config.JobSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mistyped input path fails the run before it starts, naming the path. */
class SourcesTest {
    @Test
    void aMissingInputPathIsNamedBeforeTheJobStarts(@TempDir Path dir) throws Exception {
        Path present = Files.writeString(dir.resolve("a.json"), "{\"Records\":[]}");
        String absent = dir.resolve("no-such-folder").toString();
        JobSettings s = JobSettings.fromArgs(new String[] {"--input", present + "," + absent});
        assertThatThrownBy(() -> Sources.checkInputPaths(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--input.paths: no file or folder at " + absent);
        assertThatCode(
                        () ->
                                Sources.checkInputPaths(
                                        JobSettings.fromArgs(
                                                new String[] {"--input", present.toString()})))
                .doesNotThrowAnyException();
    }

    @Test
    void aMonitoredInputMayNameAFolderStillToCome(@TempDir Path dir) {
        String later = dir.resolve("later").toString();
        JobSettings s =
                JobSettings.fromArgs(
                        new String[] {"--input", later, "--input.monitor-interval", "1 s"});
        assertThatCode(() -> Sources.checkInputPaths(s)).doesNotThrowAnyException();
    }

    @Test
    void aMissingBackfillFolderIsNamedToo(@TempDir Path dir) {
        String absent = dir.resolve("trail").toString();
        JobSettings s = JobSettings.fromArgs(new String[] {"--input.backfill.paths", absent});
        assertThatThrownBy(() -> Sources.checkInputPaths(s))
                .hasMessage("--input.backfill.paths: no file or folder at " + absent);
    }
}
