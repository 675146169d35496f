package io.trailsentry.job.io;

import io.trailsentry.cloudtrail.RawPayload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

/** The bounded file source over CloudTrail log files, and the embedded sample corpus. */
public final class FileInputs {
    /** Classpath location of the checked-in sample corpus (copied from testdata/sample). */
    public static final String SAMPLE_RESOURCE = "/sample/sample.json.gz";

    private FileInputs() {}

    /** A bounded source over {@code paths}, or a continuous one when {@code monitor} is set. */
    public static FileSource<RawPayload> source(
            List<String> paths, int maxPayloadBytes, java.time.Duration monitor) {
        Path[] ps = paths.stream().map(Path::new).toArray(Path[]::new);
        var builder =
                FileSource.forBulkFileFormat(new CloudTrailFileFormat(maxPayloadBytes), ps)
                        .setFileEnumerator(
                                () -> new NonSplittingRecursiveEnumerator(new LogFileFilter()))
                        .setSplitAssigner(ChronologicalSplitAssigner::new);
        if (monitor != null) {
            builder.monitorContinuously(monitor);
        }
        return builder.build();
    }

    /** Copies the sample corpus out of the classpath (it may sit inside a jar) into a temp dir. */
    public static String extractSample() {
        try (InputStream in = FileInputs.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "sample corpus " + SAMPLE_RESOURCE + " is not on the classpath");
            }
            java.nio.file.Path dir = Files.createTempDirectory("trailsentry-sample");
            java.nio.file.Path file = dir.resolve("sample.json.gz");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Log files are {@code .json} or {@code .json.gz}, JSON-lines files {@code .jsonl} or {@code
     * .ndjson} (optionally gzip); hidden files and CloudTrail digest files (integrity digests, not
     * records) are skipped. Directories pass so the walk descends.
     */
    static final class LogFileFilter implements Predicate<Path>, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean test(Path path) {
            String name = path.getName();
            if (name.startsWith(".")
                    || name.startsWith("_")
                    || name.contains("CloudTrail-Digest")) {
                return false;
            }
            if (name.endsWith(".json")
                    || name.endsWith(".json.gz")
                    || CloudTrailFileFormat.isJsonLines(name)) {
                return true;
            }
            try {
                return path.getFileSystem().getFileStatus(path).isDir();
            } catch (IOException e) {
                return false;
            }
        }
    }
}
