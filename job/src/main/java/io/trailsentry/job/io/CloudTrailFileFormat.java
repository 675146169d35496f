package io.trailsentry.job.io;

import io.trailsentry.cloudtrail.RawPayload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads CloudTrail input files as {@link RawPayload}s named by path. A log file ({@code .json},
 * {@code .json.gz}) is one payload; the decoder handles gzip and the envelope. A JSON-lines file
 * ({@code .jsonl}/{@code .ndjson}, optionally gzip) holds one payload per line, as Firehose writes
 * EventBridge or raw-record deliveries. A file larger than the cap is read only to one byte past
 * it, so the decoder dead-letters it without the reader holding it all.
 */
public class CloudTrailFileFormat implements BulkFormat<RawPayload, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final int maxBytes;

    public CloudTrailFileFormat(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Reader<RawPayload> createReader(Configuration config, FileSourceSplit split) {
        return new WholeFileReader(split, 0);
    }

    @Override
    public Reader<RawPayload> restoreReader(Configuration config, FileSourceSplit split) {
        long skip =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new WholeFileReader(split, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawPayload> getProducedType() {
        return TypeInformation.of(RawPayload.class);
    }

    static boolean isJsonLines(String name) {
        String n = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        return n.endsWith(".jsonl") || n.endsWith(".ndjson");
    }

    private final class WholeFileReader implements Reader<RawPayload> {
        private final FileSourceSplit split;
        private final long skip;
        private boolean done;

        WholeFileReader(FileSourceSplit split, long skip) {
            this.split = split;
            this.skip = skip;
        }

        @Nullable
        @Override
        public RecordIterator<RawPayload> readBatch() throws IOException {
            if (done) {
                return null;
            }
            done = true;
            byte[] data;
            try (FSDataInputStream in = split.path().getFileSystem().open(split.path())) {
                data = readAtMost(in, maxBytes + 1);
            }
            String origin = split.path().toString();
            List<RawPayload> payloads =
                    isJsonLines(split.path().getName()) && data.length <= maxBytes
                            ? lines(origin, data)
                            : List.of(new RawPayload(origin, data));
            List<RawPayload> remaining =
                    payloads.subList((int) Math.min(skip, payloads.size()), payloads.size());
            return new IteratorResultIterator<>(
                    remaining.iterator(), CheckpointedPosition.NO_OFFSET, skip);
        }

        @Override
        public void close() {}
    }

    /** One payload per non-blank line; a gzip file is inflated first (bounded). */
    List<RawPayload> lines(String origin, byte[] data) throws IOException {
        byte[] text = data;
        if (data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
                text = readAtMost(gz, maxBytes + 1);
            } catch (IOException e) {
                return List.of(new RawPayload(origin, data)); // the decoder names the gzip fault
            }
            if (text.length > maxBytes) {
                return List.of(new RawPayload(origin, text));
            }
        }
        List<RawPayload> out = new ArrayList<>();
        int start = 0;
        int line = 1;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '\n') {
                int end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                if (end > start) {
                    out.add(
                            new RawPayload(
                                    origin + ":" + line, Arrays.copyOfRange(text, start, end)));
                }
                start = i + 1;
                line++;
            }
        }
        return out;
    }

    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] buf = new byte[Math.min(limit, 1 << 16)];
        int n = 0;
        int r;
        while (n < limit && (r = in.read(buf, n, Math.min(buf.length - n, limit - n))) > 0) {
            n += r;
            if (n == buf.length && n < limit) {
                buf = Arrays.copyOf(buf, (int) Math.min((long) limit, buf.length * 2L));
            }
        }
        return Arrays.copyOf(buf, n);
    }
}
