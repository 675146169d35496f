package io.trailsentry.job.io;

import io.trailsentry.cloudtrail.DecodedRecord;
import io.trailsentry.cloudtrail.DecoderLimits;
import io.trailsentry.cloudtrail.RawPayload;
import io.trailsentry.flink.SourceDecoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.util.Collector;

/**
 * The backfill's log files, decoded inside the file reader with the decoder the Kinesis source uses
 * ({@link SourceDecoding}), so both halves of the backfill source produce {@link DecodedRecord}s
 * and share one path and one watermark strategy. Events outside the backfill window become {@link
 * DecodedRecord#SKIPPED} markers (counted, not profiled): the stream has those after it, and those
 * before it are older than the backfill asked for. A file's records are re-decoded on restore and
 * the ones already emitted skipped (decoding is deterministic).
 */
public final class BackfillFileFormat implements BulkFormat<DecodedRecord, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final CloudTrailFileFormat files;
    private final SourceDecoding decoding;
    private final BackfillWindow window;

    public BackfillFileFormat(DecoderLimits limits, BackfillWindow window) {
        this.files = new CloudTrailFileFormat(limits.maxPayloadBytes);
        this.decoding = new SourceDecoding(limits);
        this.window = window;
    }

    @Override
    public Reader<DecodedRecord> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new DecodingReader(files.createReader(config, split), 0);
    }

    @Override
    public Reader<DecodedRecord> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long skip =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new DecodingReader(files.createReader(config, split), skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<DecodedRecord> getProducedType() {
        return TypeInformation.of(DecodedRecord.class);
    }

    private final class DecodingReader implements Reader<DecodedRecord> {
        private final Reader<RawPayload> payloads;
        private final long skip;
        private boolean done;

        DecodingReader(Reader<RawPayload> payloads, long skip) {
            this.payloads = payloads;
            this.skip = skip;
        }

        @Nullable
        @Override
        public RecordIterator<DecodedRecord> readBatch() throws IOException {
            if (done) {
                return null;
            }
            done = true;
            List<DecodedRecord> out = new ArrayList<>();
            Collector<DecodedRecord> windowed = new Windowed(out);
            long now = System.currentTimeMillis();
            RecordIterator<RawPayload> batch;
            while ((batch = payloads.readBatch()) != null) {
                var r = batch.next();
                while (r != null) {
                    RawPayload p = r.getRecord();
                    decoding.decode(p.data, p.origin, now, windowed);
                    r = batch.next();
                }
                batch.releaseBatch();
            }
            List<DecodedRecord> remaining =
                    out.subList((int) Math.min(skip, out.size()), out.size());
            return new IteratorResultIterator<>(
                    remaining.iterator(), CheckpointedPosition.NO_OFFSET, skip);
        }

        @Override
        public void close() throws IOException {
            payloads.close();
        }
    }

    /** Keeps the window's events; others become skipped markers. */
    private final class Windowed implements Collector<DecodedRecord> {
        private final List<DecodedRecord> out;

        Windowed(List<DecodedRecord> out) {
            this.out = out;
        }

        @Override
        public void collect(DecodedRecord r) {
            out.add(
                    r.isEvent() && !window.contains(r.event.eventTime)
                            ? DecodedRecord.marker(DecodedRecord.SKIPPED, r.arrivalMillis)
                            : r);
        }

        @Override
        public void close() {}
    }
}
