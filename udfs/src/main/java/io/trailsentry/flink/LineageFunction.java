package io.trailsentry.flink;

import io.trailsentry.detect.Signal;
import io.trailsentry.incident.Lineage;
import io.trailsentry.sequence.SignalOrder;
import io.trailsentry.util.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Identity lineage, keyed by {@link Signal#lineageKey()}: a hand-off signal (TS-LM-003, a role
 * assumed, a user created or given a key) arrives under the key of the identity it names and
 * records who handed it access; every later signal of that identity passes on unchanged and is also
 * copied, with {@link Signal#route} set, to the incident of the principal that handed it access.
 * The incident function folds such a copy only into an incident that already counts something (a
 * suspicious parent), so routine hand-offs between identities stay apart.
 *
 * <p>Signals wait for the watermark and are handled in event-time order, as the incident function
 * does, because the hand-off and the identity's first signals come from different principals (and
 * so different upstream subtasks): arrival order says nothing. This is the first hop: an identity
 * reached by an identity that was itself handed access joins its direct parent's incident here, and
 * its grandparent's through {@link LineageRelay}, which takes the hand-offs ({@link
 * Descriptors#HAND_OFFS}) and the copies ({@link Descriptors#LINEAGE_COPIES}) from here.
 */
public class LineageFunction extends KeyedProcessFunction<String, Signal, Signal> {
    private static final long serialVersionUID = 1L;

    private final Duration memory;

    private transient ValueState<Lineage> lineage;
    private transient MapState<Long, List<Signal>> pending;
    private transient Counter links;
    private transient Counter copies;

    /** {@code memory}: how long a hand-off keeps joining the identity to its parent. */
    public LineageFunction(Duration memory) {
        this.memory = memory;
    }

    @Override
    public void open(OpenContext openContext) {
        lineage = getRuntimeContext().getState(Descriptors.lineage(memory));
        pending = getRuntimeContext().getMapState(Descriptors.pendingLineage());
        var group = getRuntimeContext().getMetricGroup().addGroup("trailsentry");
        links = group.counter("identityLinks");
        copies = group.counter("linkedSignalsCopied");
    }

    @Override
    public void processElement(Signal s, Context ctx, Collector<Signal> out) throws Exception {
        if (s.eventTime <= ctx.timerService().currentWatermark()) {
            handle(s, ctx, out); // late: decide now rather than hold
            return;
        }
        List<Signal> at = pending.get(s.eventTime);
        if (at == null) {
            at = new ArrayList<>(2);
            ctx.timerService().registerEventTimeTimer(s.eventTime);
        }
        at.add(s);
        pending.put(s.eventTime, at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out)
            throws Exception {
        List<Signal> at = pending.get(timestamp);
        if (at == null) {
            return;
        }
        pending.remove(timestamp);
        at.sort(SignalOrder.ORDER);
        for (Signal s : at) {
            handle(s, ctx, out);
        }
    }

    private void handle(Signal s, Context ctx, Collector<Signal> out) throws Exception {
        String key = ctx.getCurrentKey();
        out.collect(s);
        if (s.linked != null) {
            // a hand-off naming this key's identity: remember the parent
            links.inc();
            lineage.update(new Lineage(s.principal.incidentKey(), s.eventTime, s.eventName));
            ctx.output(Descriptors.HAND_OFFS, s); // the further hops keep their own copy
            return;
        }
        Lineage l = lineage.value();
        if (l == null
                || l.parent.equals(key)
                || s.eventTime < l.since
                || s.eventTime - l.since > memory.toMillis()) {
            return;
        }
        copies.inc();
        Signal copy = copyFor(s, l);
        out.collect(copy);
        ctx.output(Descriptors.LINEAGE_COPIES, copy); // a further hop may take it further
    }

    private static String who(Signal s) {
        String name = s.principal.shortName();
        return s.principal.sessionName == null
                ? name
                : name + " session " + s.principal.sessionName;
    }

    /** {@code s}, routed to the parent's incident and saying whose it is. */
    static Signal copyFor(Signal s, Lineage l) {
        Signal c = s.copy();
        c.summary =
                Text.printable(
                        s.summary + " [by " + who(s) + ", via " + l.via + "]", Signal.MAX_SUMMARY);
        c.route = l.parent;
        if (s.matureSeverity > 0) {
            // the identity is new because the principal just made it: no free pass for that
            c.severity = s.matureSeverity;
            c.routine = false;
            c.summary =
                    Text.printable(
                            c.summary + " (counted: a new identity of a suspicious principal)",
                            Signal.MAX_SUMMARY);
        }
        return c;
    }
}
