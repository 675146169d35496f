package io.trailsentry.job.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.annotation.Nullable;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out CloudTrail log files oldest first, so the watermark stays honest during backfill: files
 * read out of order would make every event of an earlier file late. A file's time is the delivery
 * stamp in its name ({@code ..._CloudTrail_us-east-1_20240801T1130Z_....json.gz}); a file without
 * one (hand-collected logs, exports) is placed by the earliest {@code eventTime} in its first
 * {@value #PEEK_BYTES} bytes, read once. Files whose time cannot be told come first, by path.
 */
public class ChronologicalSplitAssigner implements FileSplitAssigner {
    static final int PEEK_BYTES = 64 * 1024;
    private static final Pattern STAMP = Pattern.compile("_(\\d{8}T\\d{4}Z)_");
    private static final DateTimeFormatter STAMP_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");
    private static final Pattern EVENT_TIME =
            Pattern.compile("\"eventTime\"\\s*:\\s*\"([0-9TZ:.+-]{10,40})\"");

    /** A split with its time, read once when it is added. */
    private static final class Timed {
        final long time;
        final FileSourceSplit split;

        Timed(FileSourceSplit split) {
            this.time = fileTime(split);
            this.split = split;
        }
    }

    /** Oldest first; ties (files with the same stamp, or none) by path. */
    private final PriorityQueue<Timed> remaining =
            new PriorityQueue<>(
                    Comparator.<Timed>comparingLong(t -> t.time)
                            .thenComparing(t -> t.split.path().toString()));

    public ChronologicalSplitAssigner(Collection<FileSourceSplit> splits) {
        addSplits(splits);
    }

    @Override
    public Optional<FileSourceSplit> getNext(@Nullable String hostname) {
        Timed next = remaining.poll();
        return next == null ? Optional.empty() : Optional.of(next.split);
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> splits) {
        for (FileSourceSplit s : splits) {
            remaining.add(new Timed(s));
        }
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        List<FileSourceSplit> splits = new ArrayList<>(remaining.size());
        for (Timed t : remaining) {
            splits.add(t.split);
        }
        return splits;
    }

    /** Epoch millis of the file's delivery stamp or earliest event; Long.MIN_VALUE if unknown. */
    static long fileTime(FileSourceSplit split) {
        Matcher m = STAMP.matcher(split.path().getName());
        if (m.find()) {
            return LocalDateTime.parse(m.group(1), STAMP_FORMAT)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        }
        try (InputStream in = split.path().getFileSystem().open(split.path())) {
            return earliestEventTime(in);
        } catch (IOException | RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    static long earliestEventTime(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        InputStream text = gzip ? new GZIPInputStream(in) : in;
        byte[] head = text.readNBytes(PEEK_BYTES);
        Matcher m = EVENT_TIME.matcher(new String(head, StandardCharsets.UTF_8));
        long earliest = Long.MAX_VALUE;
        while (m.find()) {
            try {
                earliest = Math.min(earliest, Instant.parse(m.group(1)).toEpochMilli());
            } catch (DateTimeParseException ignored) {
                // not a CloudTrail timestamp: the record will go to the dead letters when read
            }
        }
        return earliest == Long.MAX_VALUE ? Long.MIN_VALUE : earliest;
    }
}
