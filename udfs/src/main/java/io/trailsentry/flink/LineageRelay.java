package io.trailsentry.flink;

import io.trailsentry.detect.Signal;
import io.trailsentry.incident.Lineage;
import io.trailsentry.sequence.SignalOrder;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One further hop of identity lineage. {@link LineageFunction} copies what an identity does to the
 * incident of its direct parent; a thief rarely stops there (a stolen user key assumes a role, the
 * role assumes another, in another account). This function takes the hand-offs again (each hop
 * keeps its own copy of who handed an identity its access, keyed by the identity) and the previous
 * hop's copies keyed by the incident they were routed to: a copy routed to an identity that was
 * itself handed access is copied once more, to that identity's parent. Its output is only those new
 * copies; the next hop takes them with the hand-offs.
 *
 * <p>As in the first hop, hand-offs and copies wait for the watermark and are handled in event-time
 * order (they come from different principals, so different upstream subtasks), here as one small
 * list per key with one drain timer. A copy goes no further than the memory of the hand-off it
 * follows, never back to the identity whose signal it is (a chain that loops), and never past the
 * policy's number of hops (one function per hop).
 */
public class LineageRelay extends KeyedProcessFunction<String, Signal, Signal> {
    private static final long serialVersionUID = 1L;

    /** The key of the relay's input: a copy's incident, else a hand-off's identity. */
    public static final KeySelector<Signal, String> KEY =
            s -> s.route != null ? s.route : s.lineageKey();

    private final Duration memory;

    private transient ValueState<Lineage> parent;
    private transient ValueState<List<Signal>> waiting;
    private transient Counter copies;

    public LineageRelay(Duration memory) {
        this.memory = memory;
    }

    @Override
    public void open(OpenContext openContext) {
        parent = getRuntimeContext().getState(Descriptors.relayedLineage(memory));
        waiting = getRuntimeContext().getState(Descriptors.relayWaiting());
        copies =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("trailsentry")
                        .counter("linkedSignalsRelayed");
    }

    @Override
    public void processElement(Signal s, Context ctx, Collector<Signal> out) throws Exception {
        if (s.eventTime <= ctx.timerService().currentWatermark()) {
            handle(s, ctx.getCurrentKey(), out); // late: decide now rather than hold
            return;
        }
        WaitingSignals.add(waiting, s, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out)
            throws Exception {
        long watermark = Math.max(timestamp, ctx.timerService().currentWatermark());
        List<Signal> due = WaitingSignals.takeDue(waiting, watermark, ctx.timerService());
        due.sort(SignalOrder.ORDER);
        for (Signal s : due) {
            handle(s, ctx.getCurrentKey(), out);
        }
    }

    private void handle(Signal s, String key, Collector<Signal> out) throws Exception {
        if (s.route == null) {
            if (s.linked != null) {
                parent.update(new Lineage(s.principal.incidentKey(), s.eventTime, s.eventName));
            }
            return;
        }
        Lineage l = parent.value();
        if (l == null
                || l.parent.equals(key)
                || l.parent.equals(s.principal.incidentKey())
                || s.eventTime < l.since
                || s.eventTime - l.since > memory.toMillis()) {
            return;
        }
        Signal c = s.copy();
        c.route = l.parent;
        copies.inc();
        out.collect(c);
    }
}
