package io.trailsentry.flink;

import io.trailsentry.detect.Signal;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.Incident;
import io.trailsentry.incident.IncidentCorrelator;
import io.trailsentry.incident.IncidentPolicy;
import io.trailsentry.sequence.SignalOrder;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.util.Collector;

/**
 * One open incident per principal. Signals from the profiler and the sequences wait for the
 * watermark and are folded in event-time order (ties broken deterministically), so findings do not
 * depend on which path delivered a signal first. Emits a finding when the incident opens and each
 * time it escalates; an event-time timer closes the idle incident and frees its state.
 *
 * <p>Laid out for RocksDB: signals waiting for the watermark are kept in operator memory ({@link
 * WaitingRoom}, checkpointed as union list state), not in keyed state, which cost a read and a
 * write to add one and again to drain it; a principal has one drain timer, at the earliest of its
 * waiting signals. When it fires, every signal of the principal the watermark has passed is folded
 * as one batch, with the open incident and the campaign memory read once and written once. Each
 * finding keeps its signal's event time. Savepoints of earlier releases (a keyed list per
 * principal, or a list per event time with a timer per time) drain the same way.
 */
public class IncidentFunction extends KeyedProcessFunction<String, Signal, Finding>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** Signals one incident may have waiting for the watermark (a stalled watermark's valve). */
    static final int MAX_WAITING = 10_000;

    /**
     * Signals one instance may have waiting for the watermark, over all its principals: beyond it,
     * the earliest of the principal just added to are folded at once, until it is back at this.
     */
    static final int MAX_WAITING_TOTAL = 100_000;

    private final IncidentPolicy policy;
    private final Duration idleTtl;
    private final int maxWaiting;
    private final int maxWaitingTotal;

    private transient WaitingRoom<String, Signal> room;
    private transient ListState<Signal> roomState;
    private transient ListState<Integer> waitingLayoutState;

    /**
     * Whether the keyed waiting lists of the release before {@link #room} may hold signals:
     * restored from a savepoint that does not say otherwise, and carried by every later checkpoint.
     * Only then does a drain also read that list (a lookup per timer, nearly always a miss).
     */
    private transient boolean legacyWaiting;

    private transient IncidentCorrelator correlator;
    private transient ValueState<Incident> open;
    private transient ValueState<Incident> lastClosed;
    private transient MapState<Long, List<Signal>> pending;
    private transient ValueState<List<Signal>> waiting;
    private transient ListState<Boolean> layoutState;

    /**
     * Whether keyed state of a release before the waiting list may be here: restored from a
     * savepoint that does not say otherwise. Only then does a drain also look for that release's
     * time-keyed lists (a lookup per timer, nearly always a miss). Carried by every later
     * checkpoint, since nothing tells when the last of those lists has drained.
     */
    private transient boolean legacyLayout;

    private transient Counter findings;
    private transient Counter suppressed;
    private transient Counter closed;
    private transient Counter unjoined;
    private transient Counter overflows;

    public IncidentFunction(IncidentPolicy policy, Duration idleTtl) {
        this(policy, idleTtl, MAX_WAITING, MAX_WAITING_TOTAL);
    }

    IncidentFunction(IncidentPolicy policy, Duration idleTtl, int maxWaiting, int maxWaitingTotal) {
        this.policy = policy;
        this.idleTtl = idleTtl;
        this.maxWaiting = maxWaiting;
        this.maxWaitingTotal = maxWaitingTotal;
    }

    @Override
    public void open(OpenContext openContext) {
        correlator = new IncidentCorrelator(policy);
        open = getRuntimeContext().getState(Descriptors.openIncident(idleTtl));
        lastClosed = getRuntimeContext().getState(Descriptors.lastClosedIncident(idleTtl));
        pending = getRuntimeContext().getMapState(Descriptors.pendingSignals());
        waiting = getRuntimeContext().getState(Descriptors.waitingSignals());
        var group = getRuntimeContext().getMetricGroup().addGroup("trailsentry");
        findings = group.counter("findingsEmitted");
        suppressed = group.counter("findingsSuppressed");
        closed = group.counter("incidentsClosed");
        unjoined = group.counter("linkedSignalsNotJoined");
        overflows = group.counter("incidentWaitingOverflows");
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        layoutState =
                context.getOperatorStateStore().getUnionListState(Descriptors.incidentLayout());
        legacyLayout = context.isRestored() && legacy(layoutState, legacy -> legacy);
        room = new WaitingRoom<>(s -> s.eventTime, maxWaiting, maxWaitingTotal);
        roomState =
                context.getOperatorStateStore().getUnionListState(Descriptors.incidentWaiting());
        waitingLayoutState =
                context.getOperatorStateStore()
                        .getUnionListState(Descriptors.incidentWaitingLayout());
        legacyWaiting = context.isRestored() && legacy(waitingLayoutState, layout -> layout < 3);
        if (context.isRestored()) {
            room.restore(roomState, Signal::incidentKey, getRuntimeContext().getTaskInfo());
        }
    }

    /**
     * Whether a restored layout marker says earlier keyed state may be here: a subtask's marker
     * says so, or no marker at all (a savepoint of a release before the marker).
     */
    private static <T> boolean legacy(ListState<T> marker, Predicate<T> saysLegacy)
            throws Exception {
        boolean said = false;
        for (T m : marker.get()) {
            if (saysLegacy.test(m)) {
                return true;
            }
            said = true;
        }
        return !said;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        layoutState.update(List.of(legacyLayout));
        waitingLayoutState.update(List.of(legacyWaiting ? 2 : 3));
        room.snapshot(roomState);
    }

    @Override
    public void processElement(Signal s, Context ctx, Collector<Finding> out) throws Exception {
        if (s.eventTime <= ctx.timerService().currentWatermark()) {
            State st = new State();
            fold(st, s, ctx.timerService(), out); // late: fold now rather than drop
            st.store();
            return;
        }
        String key = ctx.getCurrentKey();
        if (room.add(key, s)) {
            ctx.timerService().registerEventTimeTimer(s.eventTime);
        }
        List<Signal> over = room.takeOverflow(key);
        if (!over.isEmpty()) {
            // the watermark is not advancing: fold the earliest now, out of order, and count them
            overflows.inc(over.size());
            State st = new State();
            for (Signal early : over) {
                fold(st, early, ctx.timerService(), out);
            }
            st.store();
        }
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
        Incident inc = st.open.get();
        if (inc != null && timestamp >= inc.closeAt) {
            close(st, inc, out, ctx.timerService());
            st.open.set(null);
        } else if (inc != null && timestamp == inc.closeTimerAt) {
            // the incident's close timer, early: it moved on since; follow it
            ctx.timerService().registerEventTimeTimer(inc.closeAt);
            inc.closeTimerAt = inc.closeAt;
            st.open.set(inc);
        }
        Incident memory = st.memory.get();
        if (memory != null && timestamp >= memory.lastSeen + policy.campaignMemoryMs) {
            st.memory.set(null);
        }
        st.store();
    }

    /**
     * Takes every waiting signal of the principal the watermark has passed, from memory and, when
     * restored from a savepoint that may hold them, from the keyed list of the release before
     * ({@link WaitingSignals}) and the time-keyed list of the one before that, where its per-time
     * timer fires.
     */
    private List<Signal> drain(OnTimerContext ctx) throws Exception {
        long watermark = Math.max(ctx.timestamp(), ctx.timerService().currentWatermark());
        String key = ctx.getCurrentKey();
        List<Signal> due = room.takeDue(key, watermark);
        long left = room.earliest(key);
        if (left != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(left); // unique per time: may exist
        }
        if (legacyWaiting) {
            due.addAll(WaitingSignals.takeDue(waiting, watermark, ctx.timerService()));
        }
        List<Signal> legacy = legacyLayout ? pending.get(ctx.timestamp()) : null;
        if (legacy != null) {
            pending.remove(ctx.timestamp());
            due.addAll(legacy);
        }
        return due;
    }

    /**
     * The principal's open incident and campaign memory for one batch: each read on first use and
     * written once at the end, if it changed.
     */
    private final class State {
        final BatchValue<Incident> open = new BatchValue<>(IncidentFunction.this.open);
        final BatchValue<Incident> memory = new BatchValue<>(lastClosed);

        void store() throws Exception {
            open.store();
            memory.store();
        }
    }

    /** A value state's value for one batch: read on first use, written at the end if set. */
    private static final class BatchValue<T> {
        private final ValueState<T> state;
        private T value;
        private boolean read;
        private boolean changed;

        BatchValue(ValueState<T> state) {
            this.state = state;
        }

        T get() throws Exception {
            if (!read) {
                value = state.value();
                read = true;
            }
            return value;
        }

        void set(T v) {
            value = v;
            read = true;
            changed = true;
        }

        void store() throws Exception {
            if (!changed) {
                return;
            }
            if (value == null) {
                state.clear();
            } else {
                state.update(value);
            }
        }
    }

    private void close(State st, Incident inc, Collector<Finding> out, TimerService timers)
            throws Exception {
        closed.inc();
        if (policy.campaignMemoryMs > 0) {
            if (inc.allCategories() != 0) {
                st.memory.set(memory(inc));
                // the memory ends in event time too (the TTL is a processing-time backstop)
                timers.registerEventTimeTimer(inc.lastSeen + policy.campaignMemoryMs);
            } else {
                // Nothing counted, nothing to carry (remember() passes over such a memory): no
                // value and no timer, but an older memory is replaced, as a memory of this one
                // would. Most incidents are this: a new principal's first activity, in silence.
                st.memory.set(null);
            }
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
        Incident inc = st.open.get();
        if (inc != null && correlator.isClosedAt(inc, s.eventTime)) {
            // Decided by event time, not by whether the close timer has fired yet.
            close(st, inc, out, timers);
            st.open.set(null);
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
            correlator.remember(st.memory.get(), inc);
        }
        Finding f = correlator.add(inc, s);
        long closeAt = inc.lastSeen + policy.incidentIdleCloseMs;
        if (closeAt != inc.closeAt) {
            inc.closeAt = closeAt;
            if (inc.closeTimerAt == 0 || inc.closeTimerAt > closeAt) {
                // One close timer follows the incident (see onTimer), not one per signal. Never
                // delete a timer: timers are unique per timestamp, and a drain may share it.
                timers.registerEventTimeTimer(closeAt);
                inc.closeTimerAt = closeAt;
            }
        }
        st.open.set(inc);
        if (f != null) {
            (f.suppressed ? suppressed : findings).inc();
            out.collect(f);
        }
    }
}
