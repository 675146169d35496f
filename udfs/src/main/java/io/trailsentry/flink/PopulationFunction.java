package io.trailsentry.flink;

import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.population.AccountPopulation;
import io.trailsentry.detect.population.PopulationModel;
import io.trailsentry.detect.population.PopulationRecord;
import io.trailsentry.profile.HourSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.util.Collector;

/**
 * The principals' populations (cold start, see {@link PopulationModel}): learns hour summaries and
 * answers the signals the rules left to the population, releasing them to sequences and incidents.
 * Keyed by {@link PopulationRecord#ORGANISATION}: one key holds every account's population (a map
 * entry each, expiring with the idle TTL) and the organisation's. Its input is a few records per
 * principal-hour, not the event stream.
 *
 * <p>Records wait for the watermark and are handled in {@link PopulationRecord#ORDER}, so the same
 * input gives the same answers at any parallelism and however delivery interleaved the profiler's
 * subtasks. Released signals keep their event time.
 *
 * <p>Laid out for RocksDB, since this one key receives a record per principal-hour of the whole
 * organisation (on a first start, one for nearly every event): records wait in operator memory
 * ({@link WaitingRoom}, checkpointed in union list state), not in keyed state, under one event-time
 * timer at the earliest; when it fires, every record the watermark has passed is handled as one
 * batch, reading each account's population (about 2 KiB) once and writing it once.
 */
public class PopulationFunction extends KeyedProcessFunction<String, PopulationRecord, Signal>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** The organisation's own entry in the accounts map. */
    static final String ORGANISATION = "*";

    private final RulePolicy policy;
    private final Duration idleTtl;
    private final int maxWaiting;

    private transient PopulationModel model;
    private transient MapState<String, AccountPopulation> accounts;
    private transient MapState<Long, List<PopulationRecord>> pending;
    private transient WaitingRoom<String, PopulationRecord> waiting;
    private transient ListState<PopulationRecord> waitingState;

    /** The populations a batch has read, by account id; written back once at its end. */
    private transient Map<String, AccountPopulation> batch;

    /** The accounts of the batch whose population learned something. */
    private transient Set<String> changed;

    private transient Counter outliers;
    private transient Counter judged;
    private transient Counter overflowed;

    /**
     * @param maxWaiting records that may wait for the watermark; beyond it the earliest are handled
     *     at once (see {@link WaitingRoom})
     */
    public PopulationFunction(RulePolicy policy, Duration idleTtl, int maxWaiting) {
        this.policy = policy;
        this.idleTtl = idleTtl;
        this.maxWaiting = maxWaiting;
    }

    @Override
    public void open(OpenContext openContext) {
        model = new PopulationModel(policy);
        accounts = getRuntimeContext().getMapState(Descriptors.populations(idleTtl));
        pending = getRuntimeContext().getMapState(Descriptors.populationPending());
        batch = new HashMap<>();
        changed = new TreeSet<>();
        outliers =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("trailsentry")
                        .counter("populationOutliers");
        judged =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("trailsentry")
                        .counter("populationJudged");
        overflowed =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("trailsentry")
                        .counter("populationWaitingOverflows");
    }

    @Override
    public void processElement(PopulationRecord r, Context ctx, Collector<Signal> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        if (waiting.add(key, r)) {
            ctx.timerService().registerEventTimeTimer(waiting.earliest(key));
        }
        List<PopulationRecord> over = waiting.takeOverflow(key);
        if (!over.isEmpty()) {
            // the watermark is not keeping up: do not hold an unbounded backlog in memory
            overflowed.inc(over.size());
            handle(new ArrayList<>(over), out);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        waiting.snapshot(waitingState);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        waiting = new WaitingRoom<>(PopulationRecord::time, maxWaiting);
        waitingState =
                context.getOperatorStateStore().getUnionListState(Descriptors.populationWaiting());
        if (context.isRestored()) {
            waiting.restore(
                    waitingState,
                    r -> PopulationRecord.ORGANISATION,
                    getRuntimeContext().getTaskInfo());
        }
    }

    /**
     * Handles every waiting record the watermark has passed, in {@link PopulationRecord#ORDER}, as
     * one batch: each account's population is read once and written once, whatever the number of
     * its records. A savepoint of an earlier release (a list per event time in keyed state, a timer
     * per time) is read where those timers fire.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out)
            throws Exception {
        long watermark = Math.max(timestamp, ctx.timerService().currentWatermark());
        String key = ctx.getCurrentKey();
        List<PopulationRecord> due = new ArrayList<>(waiting.takeDue(key, watermark));
        List<PopulationRecord> legacy = pending.get(timestamp);
        if (legacy != null) {
            pending.remove(timestamp);
            due.addAll(legacy);
        }
        long next = waiting.earliest(key);
        if (next != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(next);
        }
        if (!due.isEmpty()) {
            handle(due, out);
        }
    }

    /** Handles {@code due} as one batch, in {@link PopulationRecord#ORDER}. */
    private void handle(List<PopulationRecord> due, Collector<Signal> out) throws Exception {
        due.sort(PopulationRecord.ORDER);
        batch.clear();
        AccountPopulation org = population(ORGANISATION);
        for (PopulationRecord r : due) {
            if (r.summary != null) {
                HourSummary h = r.summary;
                String id = h.account();
                if (id == null) {
                    continue;
                }
                AccountPopulation account = population(id);
                Signal outlier = model.observe(h, account, org);
                changed.add(id);
                if (h.deliveredBy != null && !ORGANISATION.equals(h.deliveredBy)) {
                    AccountPopulation delivering =
                            h.deliveredBy.equals(id) ? account : population(h.deliveredBy);
                    if (!delivering.delivers) {
                        delivering.delivers = true;
                        changed.add(h.deliveredBy);
                    }
                }
                if (outlier != null) {
                    outliers.inc();
                    emit(out, outlier, r.time());
                }
            } else {
                Signal held = r.held;
                String id = held.principal == null ? null : held.principal.accountId;
                AccountPopulation account =
                        id == null ? AccountPopulation.of(null) : population(id);
                judged.inc();
                emit(out, model.judge(held, account, org, this::delivers), r.time());
            }
        }
        // only what learned something is written (a write refreshes the entry's TTL): a population
        // a judged signal only read stays as it was
        for (String id : changed) {
            accounts.put(id, batch.get(id));
        }
        accounts.put(ORGANISATION, org);
        batch.clear();
        changed.clear();
    }

    /**
     * Emits {@code s} at its record's own time, not the timer's: a batch spans many times, and the
     * sequences downstream match on element time. The operator running a process function hands it
     * a collector whose timestamp can be set (as it sets the timer's).
     */
    private static void emit(Collector<Signal> out, Signal s, long time) {
        ((TimestampedCollector<Signal>) out).setAbsoluteTimestamp(time);
        out.collect(s);
    }

    /** The batch's copy of an account's population, read from state on first use. */
    private AccountPopulation population(String id) throws Exception {
        AccountPopulation p = batch.get(id);
        if (p == null) {
            p = accounts.get(id);
            if (p == null) {
                p = AccountPopulation.of(id);
            }
            batch.put(id, p);
        }
        return p;
    }

    private boolean delivers(String account) {
        if (ORGANISATION.equals(account)) {
            return false;
        }
        AccountPopulation p = batch.get(account);
        if (p != null) {
            return p.delivers;
        }
        try {
            p = accounts.get(account);
            return p != null && p.delivers;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
