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
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.util.Collector;

/**
 * One open incident per principal. Signals from the profiler and the sequences wait for the
 * watermark and are folded in event-time order (ties broken deterministically), so findings do not
 * depend on which path delivered a signal first. Emits a finding when the incident opens and each
 * time it escalates; an event-time timer closes the idle incident and frees its state.
 *
 * <p>Laid out for RocksDB: each waiting signal is its own map entry, written without a read (keyed
 * as {@link EventOrderer} keys its buffer); a principal has one drain timer, at its earliest
 * waiting signal; when it fires, every signal the watermark has passed is folded as one batch, with
 * the open incident and the campaign memory read once and written once. Each finding keeps its
 * signal's event time. A savepoint of an earlier release (a list per event time, a timer per time)
 * drains the same way.
 */
public class IncidentFunction extends KeyedProcessFunction<String, Signal, Finding> {
    private static final long serialVersionUID = 1L;

    private final IncidentPolicy policy;
    private final Duration idleTtl;

    private transient IncidentCorrelator correlator;
    private transient ValueState<Incident> open;
    private transient ValueState<Incident> lastClosed;
    private transient MapState<Long, List<Signal>> pending;
    private transient ValueState<OrderingStatus> status;
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
        status = getRuntimeContext().getState(Descriptors.pendingSignalsStatus());
        var group = getRuntimeContext().getMetricGroup().addGroup("trailsentry");
        findings = group.counter("findingsEmitted");
        suppressed = group.counter("findingsSuppressed");
        closed = group.counter("incidentsClosed");
        unjoined = group.counter("linkedSignalsNotJoined");
    }

    @Override
    public void processElement(Signal s, Context ctx, Collector<Finding> out) throws Exception {
        if (s.eventTime <= ctx.timerService().currentWatermark()
                || s.eventTime < 0
                || s.eventTime > EventOrderer.MAX_TIME) {
            State st = new State();
            fold(st, s, ctx.timerService(), out); // late: fold now rather than drop
            st.store();
            return;
        }
        OrderingStatus o = status.value();
        if (o == null) {
            o = new OrderingStatus(0, s.eventTime);
            ctx.timerService().registerEventTimeTimer(s.eventTime);
        } else if (s.eventTime < o.earliest) {
            // never delete the later timer: it may also be a close or memory timer
            ctx.timerService().registerEventTimeTimer(s.eventTime);
            o.earliest = s.eventTime;
        }
        List<Signal> one = new ArrayList<>(1);
        one.add(s);
        pending.put(EventOrderer.entryKey(s.eventTime, o.seq), one); // a write, no read
        o.seq = (o.seq + 1) & EventOrderer.SEQ_MASK;
        o.buffered++;
        status.update(o);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out)
            throws Exception {
        // One timer may serve several roles: the drain, the close time, the memory's end.
        State st = new State();
        List<Signal> due = drain(ctx);
        if (!due.isEmpty()) {
            due.sort(SignalOrder.ORDER);
            TimestampedCollector<Finding> timed = (TimestampedCollector<Finding>) out;
            for (Signal s : due) {
                timed.setAbsoluteTimestamp(s.eventTime); // as if its own timer had fired
                fold(st, s, ctx.timerService(), out);
            }
            timed.setAbsoluteTimestamp(timestamp);
        }
        Incident inc = st.open();
        if (inc != null && timestamp >= inc.closeAt) {
            close(st, inc, out, ctx.timerService());
            st.setOpen(null);
        }
        Incident memory = st.memory();
        if (memory != null && timestamp >= memory.lastSeen + policy.campaignMemoryMs) {
            st.setMemory(null);
        }
        st.store();
    }

    /** Takes every waiting signal the watermark has passed and re-arms at the earliest left. */
    private List<Signal> drain(OnTimerContext ctx) throws Exception {
        long watermark = Math.max(ctx.timestamp(), ctx.timerService().currentWatermark());
        OrderingStatus o = status.value();
        List<Long> dueKeys = new ArrayList<>();
        List<Signal> due = new ArrayList<>();
        long earliest = Long.MAX_VALUE;
        int left = 0;
        for (Map.Entry<Long, List<Signal>> e : pending.entries()) {
            long time = EventOrderer.timeOf(e.getKey());
            if (time <= watermark) {
                dueKeys.add(e.getKey());
                due.addAll(e.getValue());
            } else {
                earliest = Math.min(earliest, time);
                left += e.getValue().size();
            }
        }
        for (Long k : dueKeys) {
            pending.remove(k); // after the iteration: the heap backend then frees it
        }
        if (earliest == Long.MAX_VALUE) {
            if (o != null) {
                status.clear();
            }
        } else {
            if (o == null || o.earliest != earliest) {
                ctx.timerService().registerEventTimeTimer(earliest);
            }
            OrderingStatus next = new OrderingStatus(left, earliest);
            next.seq = o == null ? 0 : o.seq;
            status.update(next);
        }
        return due;
    }

    /**
     * The principal's open incident and campaign memory for one batch: each read on first use and
     * written once at the end, if it changed.
     */
    private final class State {
        private Incident open;
        private Incident memory;
        private boolean openRead;
        private boolean memoryRead;
        private boolean openChanged;
        private boolean memoryChanged;

        Incident open() throws Exception {
            if (!openRead) {
                open = IncidentFunction.this.open.value();
                openRead = true;
            }
            return open;
        }

        void setOpen(Incident inc) {
            open = inc;
            openRead = true;
            openChanged = true;
        }

        Incident memory() throws Exception {
            if (!memoryRead) {
                memory = lastClosed.value();
                memoryRead = true;
            }
            return memory;
        }

        void setMemory(Incident m) {
            memory = m;
            memoryRead = true;
            memoryChanged = true;
        }

        void store() throws Exception {
            if (openChanged) {
                if (open == null) {
                    IncidentFunction.this.open.clear();
                } else {
                    IncidentFunction.this.open.update(open);
                }
            }
            if (memoryChanged) {
                if (memory == null) {
                    lastClosed.clear();
                } else {
                    lastClosed.update(memory);
                }
            }
        }
    }

    private void close(State st, Incident inc, Collector<Finding> out, TimerService timers)
            throws Exception {
        closed.inc();
        if (policy.campaignMemoryMs > 0) {
            st.setMemory(memory(inc));
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

    private void fold(State st, Signal s, TimerService timers, Collector<Finding> out)
            throws Exception {
        Incident inc = st.open();
        if (inc != null && correlator.isClosedAt(inc, s.eventTime)) {
            // Decided by event time, not by whether the close timer has fired yet.
            close(st, inc, out, timers);
            st.setOpen(null);
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
            correlator.remember(st.memory(), inc);
        }
        Finding f = correlator.add(inc, s);
        long closeAt = inc.lastSeen + policy.incidentIdleCloseMs;
        if (closeAt != inc.closeAt) {
            // Never delete the previous close timer: timers are unique per timestamp, and a
            // pending signal may share it. A stale close timer finds closeAt moved and does
            // nothing.
            timers.registerEventTimeTimer(closeAt);
            inc.closeAt = closeAt;
        }
        st.setOpen(inc);
        if (f != null) {
            (f.suppressed ? suppressed : findings).inc();
            out.collect(f);
        }
    }
}
