package io.trailsentry.job.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out CloudTrail log files oldest first, by the delivery timestamp in their names ({@code
 * ..._CloudTrail_us-east-1_20240801T1130Z_....json.gz}), falling back to the path. Reading in time
 * order keeps the watermark honest during backfill: files read out of order would make every event
 * of an earlier file late.
 */
public class ChronologicalSplitAssigner implements FileSplitAssigner {
    private static final Pattern STAMP = Pattern.compile("_(\\d{8}T\\d{4}Z)_");

    private final List<FileSourceSplit> remaining;

    public ChronologicalSplitAssigner(Collection<FileSourceSplit> splits) {
        remaining = new ArrayList<>(splits);
        sort();
    }

    @Override
    public Optional<FileSourceSplit> getNext(@Nullable String hostname) {
        return remaining.isEmpty() ? Optional.empty() : Optional.of(remaining.remove(0));
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> splits) {
        remaining.addAll(splits);
        sort();
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(remaining);
    }

    private void sort() {
        remaining.sort(Comparator.comparing(ChronologicalSplitAssigner::sortKey));
    }

    static String sortKey(FileSourceSplit split) {
        String path = split.path().toString();
        String name = split.path().getName();
        Matcher m = STAMP.matcher(name);
        return (m.find() ? m.group(1) : "") + "|" + path;
    }
}
