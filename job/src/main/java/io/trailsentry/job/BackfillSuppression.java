package io.trailsentry.job;

import io.trailsentry.incident.Finding;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
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
 *
 * <p>The go-live time is kept in operator state: a job restored later, whose settings compute a
 * later default, keeps the one it went live with (else every restart would suppress the findings of
 * the 15 minutes before it, and the Close findings of incidents idle since).
 */
final class BackfillSuppression extends AbstractStreamOperator<Finding>
        implements OneInputStreamOperator<Finding, Finding> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BackfillSuppression.class);

    /** Operator state (union: every subtask restores the one value), here beside its only use. */
    static final ListStateDescriptor<Long> GO_LIVE =
            new ListStateDescriptor<>("backfill-go-live", Types.LONG);

    private long goLive;
    private transient ListState<Long> goLiveState;
    private transient Counter suppressed;
    private transient boolean live;

    BackfillSuppression(long goLive) {
        this.goLive = goLive;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        goLiveState = context.getOperatorStateStore().getUnionListState(GO_LIVE);
        for (Long restored : goLiveState.get()) {
            goLive = restored;
        }
        // a restored job logged its summary before (its count would restart at 0)
        live = context.isRestored();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        goLiveState.update(List.of(goLive));
    }

    long goLive() {
        return goLive;
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
