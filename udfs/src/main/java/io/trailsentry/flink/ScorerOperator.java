package io.trailsentry.flink;

import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.AnomalyRule;
import io.trailsentry.scorer.FeatureVector;
import io.trailsentry.scorer.OnlineIsolationForest;
import io.trailsentry.scorer.ScorerPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores closed feature windows with their model shard's online isolation forest, then learns them.
 *
 * <p>The input is keyed by model shard ({@link ShardKey}: {@link ScorerPolicy#shardOf} of the
 * principal), so the policy's fixed number of models, not the job's parallelism, decides which
 * principals share a model; a shard's model is keyed state and moves with its key group on a
 * rescale, as do its waiting windows ({@link WaitingRoom}: operator memory, checkpointed in union
 * list state, taken on restore by the subtask owning the shard). A model learns in a fixed order: a
 * window waits for the watermark to pass its end (an event-time timer of its shard), and the
 * windows due together are scored in (window end, principal, window start) order. The profiler
 * emits a window before its watermark passes the window's end, so none arrives after its timer
 * fired. The same input therefore gives the same scores, and the same signals, at any parallelism
 * and across a rescale.
 *
 * <p>The live models of this instance's shards are kept deserialised; each checkpoint writes them
 * into their keyed state first. Signals are placed at the window's end. No signals during warm-up.
 *
 * <p>A savepoint of the earlier operator (one model per parallel instance, in union list state
 * under the same uid) restores: those models belonged to instances, not shards, so they are dropped
 * (the shards start cold) and the state is cleared; its waiting windows go to their shards.
 */
public class ScorerOperator extends AbstractStreamOperator<Signal>
        implements OneInputStreamOperator<FeatureVector, Signal>,
                Triggerable<Integer, VoidNamespace> {
    private static final long serialVersionUID = 2L;
    private static final byte LEGACY_WINDOW = 1;
    private static final Comparator<FeatureVector> ORDER =
            Comparator.comparingLong((FeatureVector v) -> v.windowEnd)
                    .thenComparing(v -> v.principal.key)
                    .thenComparingLong(v -> v.windowStart);

    private final AnomalyRule rule;
    private final ScorerPolicy policy;
    private final long seed;
    private final int maxWaiting;

    private transient ValueState<byte[]> modelState;
    private transient ListState<FeatureVector> pending;
    private transient WaitingRoom<Integer, FeatureVector> waiting;
    private transient ListState<FeatureVector> waitingState;
    private transient InternalTimerService<VoidNamespace> timers;

    /**
     * The deserialised models of this instance's shards, by shard (written back at checkpoints).
     */
    private transient Map<Integer, OnlineIsolationForest> models;

    private transient double[] high;
    private transient double[] low;
    private transient Counter scored;
    private transient Counter anomalies;
    private transient Counter overflowed;

    /**
     * @param maxWaiting windows one shard may hold waiting for the watermark; beyond it the
     *     earliest are scored at once (see {@link WaitingRoom})
     */
    public ScorerOperator(ScorerPolicy policy, long seed, int maxWaiting) {
        this.rule = new AnomalyRule(policy);
        this.policy = policy;
        this.seed = seed;
        this.maxWaiting = maxWaiting;
    }

    /** The key of a feature window: its principal's model shard. */
    public static final class ShardKey implements KeySelector<FeatureVector, Integer> {
        private static final long serialVersionUID = 1L;
        private final ScorerPolicy policy;

        public ShardKey(ScorerPolicy policy) {
            this.policy = policy;
        }

        @Override
        public Integer getKey(FeatureVector v) {
            return policy.shardOf(v.principal.key);
        }
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        models = new TreeMap<>();
        modelState = context.getKeyedStateStore().getState(Descriptors.scorerModel());
        pending = context.getKeyedStateStore().getListState(Descriptors.scorerPending());
        waiting = new WaitingRoom<>(v -> v.windowEnd, maxWaiting);
        waitingState =
                context.getOperatorStateStore().getUnionListState(Descriptors.scorerWaiting());
        timers = getInternalTimerService("scorer-windows", VoidNamespaceSerializer.INSTANCE, this);
        if (context.isRestored()) {
            waiting.restore(
                    waitingState, new ShardKey(policy)::getKey, getRuntimeContext().getTaskInfo());
            migrateLegacyState(context);
        }
    }

    /**
     * The earlier operator's union list state (per instance: a model, and windows waiting for the
     * watermark, each entry tagged with its writer's index and kind): every instance sees all of
     * it, takes the waiting windows of its own shards, and clears it.
     */
    private void migrateLegacyState(StateInitializationContext context) throws Exception {
        ListState<byte[]> legacy =
                context.getOperatorStateStore().getUnionListState(Descriptors.isolationForest());
        var vectors =
                TypeInformation.of(FeatureVector.class)
                        .createSerializer(getExecutionConfig().getSerializerConfig());
        ShardKey key = new ShardKey(policy);
        var task = getRuntimeContext().getTaskInfo();
        for (byte[] entry : legacy.get()) {
            if (entry.length < 5 || entry[4] != LEGACY_WINDOW) {
                continue;
            }
            FeatureVector v =
                    vectors.deserialize(new DataInputDeserializer(entry, 5, entry.length - 5));
            Integer shard = key.getKey(v);
            if (WaitingRoom.owns(shard, task)) {
                setCurrentKey(shard);
                enqueue(v);
            }
        }
        legacy.clear();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        Object current = getCurrentKey();
        for (Map.Entry<Integer, OnlineIsolationForest> m : models.entrySet()) {
            setCurrentKey(m.getKey());
            modelState.update(m.getValue().toBytes());
        }
        if (current != null) {
            setCurrentKey(current);
        }
        waiting.snapshot(waitingState);
        super.snapshotState(context);
    }

    @Override
    public void open() throws Exception {
        super.open();
        high = new double[FeatureVector.NAMES.length];
        low = new double[FeatureVector.NAMES.length];
        var group = getMetricGroup().addGroup("trailsentry");
        scored = group.counter("windowsScored");
        anomalies = group.counter("anomalousWindows");
        overflowed = group.counter("scorerWaitingOverflows");
        group.gauge(
                "scorerModelPoints",
                () ->
                        models == null || models.isEmpty()
                                ? 0
                                : models.values().stream()
                                        .mapToInt(OnlineIsolationForest::size)
                                        .min()
                                        .orElse(0));
        group.gauge("scorerModels", () -> models == null ? 0 : models.size());
    }

    @Override
    public void processElement(StreamRecord<FeatureVector> element) throws Exception {
        enqueue(element.getValue());
    }

    /**
     * Adds a window to its shard's waiting windows (operator memory, see {@link WaitingRoom}), with
     * one timer per shard at the earliest waiting window end.
     */
    private void enqueue(FeatureVector v) throws Exception {
        Integer shard = (Integer) getCurrentKey();
        if (waiting.add(shard, v)) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, waiting.earliest(shard));
        }
        List<FeatureVector> over = waiting.takeOverflow(shard);
        if (!over.isEmpty()) {
            // the watermark is not keeping up: score the earliest now, out of order
            overflowed.inc(over.size());
            OnlineIsolationForest model = model(shard);
            for (FeatureVector w : over) {
                score(model, w);
            }
        }
    }

    /**
     * Scores every waiting window of the shard the watermark has passed, as one batch in {@link
     * #ORDER} (the order one timer per window end gave). Windows of an earlier release's keyed list
     * state are drained too.
     */
    @Override
    public void onEventTime(InternalTimer<Integer, VoidNamespace> timer) throws Exception {
        long watermark = Math.max(timer.getTimestamp(), timers.currentWatermark());
        Integer shard = timer.getKey();
        List<FeatureVector> due = new ArrayList<>(waiting.takeDue(shard, watermark));
        Iterable<FeatureVector> legacy = pending.get();
        if (legacy != null) {
            List<FeatureVector> later = new ArrayList<>();
            for (FeatureVector v : legacy) {
                (v.windowEnd <= watermark ? due : later).add(v);
            }
            pending.clear();
            for (FeatureVector v : later) {
                enqueue(v);
            }
        }
        long next = waiting.earliest(shard);
        if (next != Long.MAX_VALUE) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, next);
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(ORDER);
        OnlineIsolationForest model = model(shard);
        for (FeatureVector v : due) {
            score(model, v);
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<Integer, VoidNamespace> timer) {}

    /** The shard's live model: restored from its keyed state on first use, or a new one. */
    private OnlineIsolationForest model(int shard) throws Exception {
        OnlineIsolationForest m = models.get(shard);
        if (m == null) {
            byte[] saved = modelState.value();
            m =
                    saved == null
                            ? OnlineIsolationForest.withDefaults(
                                    FeatureVector.NAMES.length, seed + shard)
                            : OnlineIsolationForest.fromBytes(saved);
            models.put(shard, m);
        }
        return m;
    }

    private void score(OnlineIsolationForest model, FeatureVector v) {
        // the attribution is read only for a window the rule flags (a few in a thousand in the
        // steady state; most of a first start's, while baselines are immature): the plain score
        // first, the same number, and the attributing walk only then
        double score = model.score(v.features);
        int size = model.size();
        if (rule.flags(size, score)) {
            score = model.scoreAndAttribute(v.features, high, low);
        }
        model.learn(v.features);
        scored.inc();
        Signal s = rule.signal(v, score, size, high, low);
        if (s != null) {
            anomalies.inc();
            output.collect(new StreamRecord<>(s, v.windowEnd));
        }
    }
}
