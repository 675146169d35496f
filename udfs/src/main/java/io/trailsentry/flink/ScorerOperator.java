package io.trailsentry.flink;

import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.AnomalyRule;
import io.trailsentry.scorer.FeatureVector;
import io.trailsentry.scorer.OnlineIsolationForest;
import io.trailsentry.scorer.ScorerPolicy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores closed feature windows with this instance's online isolation forest, then learns them.
 *
 * <p>One model per parallel instance (its memory does not grow with principals). The model is
 * shared by many principals, so the order it learns in matters: windows wait for the watermark to
 * pass their end and are scored in (window end, principal) order. Model and waiting windows are
 * checkpointed in one union list, every entry tagged with the instance that wrote it: an instance
 * takes back its own model and windows, so a restart yields the same scores; after rescaling, an
 * instance without a predecessor takes a trained model, and waiting windows go to their writer
 * modulo the parallelism. (Split list state would be dealt round-robin next to union state, even at
 * unchanged parallelism, handing one instance's windows to another's model.) Signals are placed at
 * the window's end. No signals during warm-up.
 */
public class ScorerOperator extends AbstractStreamOperator<Signal>
        implements OneInputStreamOperator<FeatureVector, Signal> {
    private static final long serialVersionUID = 1L;
    private static final byte MODEL = 0;
    private static final byte WINDOW = 1;
    private static final Comparator<FeatureVector> ORDER =
            Comparator.comparingLong((FeatureVector v) -> v.windowEnd)
                    .thenComparing(v -> v.principal.key)
                    .thenComparingLong(v -> v.windowStart);

    private final AnomalyRule rule;
    private final long seed;

    private transient OnlineIsolationForest model;
    private transient ListState<byte[]> state;
    private transient TypeSerializer<FeatureVector> vectors;
    private transient List<FeatureVector> pending;
    private transient double[] high;
    private transient double[] low;
    private transient Counter scored;
    private transient Counter anomalies;

    public ScorerOperator(ScorerPolicy policy, long seed) {
        this.rule = new AnomalyRule(policy);
        this.seed = seed;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        state = context.getOperatorStateStore().getUnionListState(Descriptors.isolationForest());
        vectors =
                TypeInformation.of(FeatureVector.class)
                        .createSerializer(getExecutionConfig().getSerializerConfig());
        int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        List<byte[]> models = new ArrayList<>();
        pending = new ArrayList<>();
        for (byte[] entry : state.get()) {
            int writer = ByteBuffer.wrap(entry).getInt();
            if (entry[4] == MODEL) {
                models.add(entry);
            } else if (writer % parallelism == index) {
                pending.add(
                        vectors.deserialize(new DataInputDeserializer(entry, 5, entry.length - 5)));
            }
        }
        models.sort(Comparator.comparingInt(e -> ByteBuffer.wrap(e).getInt()));
        byte[] mine = null;
        for (byte[] m : models) {
            if (ByteBuffer.wrap(m).getInt() == index) {
                mine = m;
            }
        }
        if (mine == null && !models.isEmpty()) {
            mine = models.get(index % models.size());
        }
        model =
                mine == null
                        ? OnlineIsolationForest.withDefaults(
                                FeatureVector.NAMES.length, seed + index)
                        : OnlineIsolationForest.fromBytes(Arrays.copyOfRange(mine, 5, mine.length));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        List<byte[]> entries = new ArrayList<>();
        entries.add(tag(index, MODEL, model.toBytes()));
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (FeatureVector v : pending) {
            out.clear();
            vectors.serialize(v, out);
            entries.add(tag(index, WINDOW, out.getCopyOfBuffer()));
        }
        state.update(entries);
    }

    private static byte[] tag(int writer, byte kind, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length)
                .putInt(writer)
                .put(kind)
                .put(payload)
                .array();
    }

    @Override
    public void open() throws Exception {
        super.open();
        high = new double[FeatureVector.NAMES.length];
        low = new double[FeatureVector.NAMES.length];
        var group = getMetricGroup().addGroup("trailsentry");
        scored = group.counter("windowsScored");
        anomalies = group.counter("anomalousWindows");
        group.gauge("scorerModelPoints", () -> model == null ? 0 : model.size());
        group.gauge("scorerPendingWindows", () -> pending == null ? 0 : pending.size());
    }

    @Override
    public void processElement(StreamRecord<FeatureVector> element) {
        pending.add(element.getValue());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (!pending.isEmpty()) {
            List<FeatureVector> due = new ArrayList<>();
            List<FeatureVector> later = new ArrayList<>();
            for (FeatureVector v : pending) {
                (v.windowEnd <= mark.getTimestamp() ? due : later).add(v);
            }
            due.sort(ORDER);
            pending = later;
            for (FeatureVector v : due) {
                score(v);
            }
        }
        super.processWatermark(mark);
    }

    private void score(FeatureVector v) {
        double score = model.scoreAndAttribute(v.features, high, low);
        int size = model.size();
        model.learn(v.features);
        scored.inc();
        Signal s = rule.signal(v, score, size, high, low);
        if (s != null) {
            anomalies.inc();
            output.collect(new StreamRecord<>(s, v.windowEnd));
        }
    }
}
