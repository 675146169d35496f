package io.trailsentry.job.io;

import io.trailsentry.cloudtrail.RawPayload;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads each CloudTrail log file whole, as one {@link RawPayload} named by its path: the decoder
 * handles gzip and the envelope. A file larger than the payload cap is read only to one byte past
 * the cap, so the decoder dead-letters it without the reader holding it all.
 */
public class CloudTrailFileFormat implements BulkFormat<RawPayload, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final int maxBytes;

    public CloudTrailFileFormat(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Reader<RawPayload> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new WholeFileReader(split, false);
    }

    @Override
    public Reader<RawPayload> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        boolean done =
                split.getReaderPosition()
                        .map(p -> p.getRecordsAfterOffset() > 0 || p.getOffset() > 0)
                        .orElse(false);
        return new WholeFileReader(split, done);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawPayload> getProducedType() {
        return TypeInformation.of(RawPayload.class);
    }

    private final class WholeFileReader implements Reader<RawPayload> {
        private final FileSourceSplit split;
        private boolean done;

        WholeFileReader(FileSourceSplit split, boolean done) {
            this.split = split;
            this.done = done;
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
            SingletonResultIterator<RawPayload> it = new SingletonResultIterator<>();
            it.set(
                    new RawPayload(split.path().toString(), data),
                    CheckpointedPosition.NO_OFFSET,
                    1);
            return it;
        }

        @Override
        public void close() {}
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
