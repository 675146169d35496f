package io.trailsentry.flink;

import io.trailsentry.detect.Signal;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.Incident;
import io.trailsentry.incident.IncidentCorrelator;
import io.trailsentry.incident.IncidentPolicy;
import io.trailsentry.sequence.SignalOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One open incident per principal. Signals from the profiler and the sequences wait for the
 * watermark and are folded in event-time order (ties broken deterministically), so findings do not
 * depend on which path delivered a signal first. Emits a finding when the incident opens and each
 * time it escalates; an event-time timer closes the idle incident and frees its state.
 */
public class IncidentFunction extends KeyedProcessFunction<String, Signal, Finding> {
    private static final long serialVersionUID = 1L;

    private final IncidentPolicy policy;
    private final Duration idleTtl;

    private transient IncidentCorrelator correlator;
    private transient ValueState<Incident> open;
    private transient ValueState<Incident> lastClosed;
    private transient MapState<Long, List<Signal>> pending;
    private transient Counter findings;
    private transient Counter suppressed;
    private transient Counter closed;
    private transient Counter unjoined;

    public IncidentFunction(IncidentPolicy policy, Duration idleTtl) {
        this.policy = policy;
        this.idleTtl = idleTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        correlator = new IncidentCorrelator(policy);
        open = getRuntimeContext().getState(Descriptors.openIncident(idleTtl));
        lastClosed = getRuntimeContext().getState(Descriptors.lastClosedIncident(idleTtl));
        pending = getRuntimeContext().getMapState(Descriptors.pendingSignals());
        var group = getRuntimeContext().getMetricGroup().addGroup("trailsentry");
        findings = group.counter("findingsEmitted");
        suppressed = group.counter("findingsSuppressed");
        closed = group.counter("incidentsClosed");
        unjoined = group.counter("linkedSignalsNotJoined");
    }

    @Override
    public void processElement(Signal s, Context ctx, Collector<Finding> out) throws Exception {
        if (s.eventTime <= ctx.timerService().currentWatermark()) {
            fold(s, ctx, out); // late: fold now rather than drop
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
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out)
            throws Exception {
        // One timer may serve both roles: pending signals at this time, and the close time.
        List<Signal> at = pending.get(timestamp);
        if (at != null) {
            pending.remove(timestamp);
            at.sort(SignalOrder.ORDER);
            for (Signal s : at) {
                fold(s, ctx, out);
            }
        }
        Incident inc = open.value();
        if (inc != null && timestamp >= inc.closeAt) {
            close(inc, out, ctx.timerService());
            open.clear();
        }
        Incident memory = lastClosed.value();
        if (memory != null && timestamp >= memory.lastSeen + policy.campaignMemoryMs) {
            lastClosed.clear();
        }
    }

    private void close(Incident inc, Collector<Finding> out, TimerService timers) throws Exception {
        closed.inc();
        if (policy.campaignMemoryMs > 0) {
            lastClosed.update(memory(inc));
            // the memory ends in event time too (the TTL is a processing-time backstop)
            timers.registerEventTimeTimer(inc.lastSeen + policy.campaignMemoryMs);
        }
        Finding last = correlator.closing(inc);
        if (last != null) {
            (last.suppressed ? suppressed : findings).inc();
            out.collect(last);
        }
    }

    /** What the campaign memory keeps of a closed incident: its categories and last time. */
    private static Incident memory(Incident inc) {
        Incident m = new Incident();
        m.principal = inc.principal;
        m.uid = inc.uid;
        m.firstSeen = inc.firstSeen;
        m.lastSeen = inc.lastSeen;
        m.categoryLastSeen = inc.categoryLastSeen;
        m.carriedCategories = inc.carriedCategories;
        return m;
    }

    private void fold(Signal s, Context ctx, Collector<Finding> out) throws Exception {
        Incident inc = open.value();
        if (inc != null && correlator.isClosedAt(inc, s.eventTime)) {
            // Decided by event time, not by whether the close timer has fired yet.
            close(inc, out, ctx.timerService());
            inc = null;
        }
        boolean joining = s.route != null || s.linked != null;
        if (joining) {
            // Lineage joins the incident of a principal that already counts something: a
            // routine hand-off (a user assuming its usual role) neither opens nor joins one.
            if (inc == null || !inc.counts()) {
                unjoined.inc();
                return;
            }
            inc.link(s.route != null ? s.principal : s.linked);
        }
        if (inc == null) {
            inc = IncidentCorrelator.open(s);
            correlator.remember(lastClosed.value(), inc);
        }
        Finding f = correlator.add(inc, s);
        long closeAt = inc.lastSeen + policy.incidentIdleCloseMs;
        if (closeAt != inc.closeAt) {
            // Never delete the previous close timer: timers are unique per timestamp, and a
            // pending signal may share it. A stale close timer finds closeAt moved and does
            // nothing.
            ctx.timerService().registerEventTimeTimer(closeAt);
            inc.closeAt = closeAt;
        }
        open.update(inc);
        if (f != null) {
            (f.suppressed ? suppressed : findings).inc();
            out.collect(f);
        }
    }
}
