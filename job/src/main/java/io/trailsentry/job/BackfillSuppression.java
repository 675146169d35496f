package io.trailsentry.job;

import io.trailsentry.incident.Finding;
import java.time.Instant;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backfill mode: findings whose incident evidence all lies before the go-live time are history the
 * job learned from, not alerts: they are counted ({@code trailsentry.backfillFindingsSuppressed})
 * and not emitted. When the watermark reaches the go-live time, each subtask logs one summary line.
 * An incident the backfill opened and the stream escalates is emitted from its first version with
 * evidence after go-live.
 */
final class BackfillSuppression extends AbstractStreamOperator<Finding>
        implements OneInputStreamOperator<Finding, Finding> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BackfillSuppression.class);

    private final long goLive;
    private transient Counter suppressed;
    private transient boolean live;

    BackfillSuppression(long goLive) {
        this.goLive = goLive;
    }

    /** The decision, for tests: every piece of evidence predates the go-live time. */
    static boolean beforeGoLive(Finding f, long goLive) {
        return f.lastSeen < goLive;
    }

    @Override
    public void open() throws Exception {
        super.open();
        suppressed =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("trailsentry")
                        .counter("backfillFindingsSuppressed");
    }

    @Override
    public void processElement(StreamRecord<Finding> element) {
        if (beforeGoLive(element.getValue(), goLive)) {
            suppressed.inc();
            return;
        }
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (!live && mark.getTimestamp() >= goLive) {
            live = true;
            LOG.info(
                    "Backfill done up to the go-live time {}: {} finding(s) of the backfill period"
                            + " suppressed (subtask {})",
                    Instant.ofEpochMilli(goLive),
                    suppressed.getCount(),
                    getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        }
        super.processWatermark(mark);
    }
}
