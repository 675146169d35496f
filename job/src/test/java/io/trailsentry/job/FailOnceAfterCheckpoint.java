package io.trailsentry.job;

import io.trailsentry.cloudtrail.RawPayload;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Fails the job once, after at least one checkpoint completed and {@code after} records passed; a
 * marker file (not a static field) remembers that it already failed.
 */
final class FailOnceAfterCheckpoint extends RichMapFunction<RawPayload, RawPayload>
        implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    private final String marker;
    private final int after;
    private transient int seen;
    private transient boolean checkpointed;

    FailOnceAfterCheckpoint(Path marker, int after) {
        this.marker = marker.toString();
        this.after = after;
    }

    @Override
    public RawPayload map(RawPayload p) throws Exception {
        if (++seen >= after && !Files.exists(Path.of(marker))) {
            if (!checkpointed) {
                // slow down until a checkpoint completes, so the failure always has one to restore
                Thread.sleep(5);
                return p;
            }
            Files.createFile(Path.of(marker));
            throw new IllegalStateException("injected failure after " + seen + " records");
        }
        return p;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }
}
