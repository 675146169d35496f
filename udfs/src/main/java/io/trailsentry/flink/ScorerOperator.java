package io.trailsentry.flink;

import io.trailsentry.detect.DetectionPolicy;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.scorer.Attribution;
import io.trailsentry.scorer.FeatureVector;
import io.trailsentry.scorer.OnlineIsolationForest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
 * <p>One model per parallel instance (its memory does not grow with principals), checkpointed as
 * union operator state so that after rescaling every instance restores a trained model. The model
 * is shared by many principals, so the order it learns in matters: windows wait for the watermark
 * to pass their end and are scored in (window end, principal) order, and the waiting windows are
 * checkpointed too; a restart or a different interleaving upstream therefore yields the same
 * scores. Signals are placed at the window's end. No signals during warm-up.
 */
public class ScorerOperator extends AbstractStreamOperator<Signal>
        implements OneInputStreamOperator<FeatureVector, Signal> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<FeatureVector> ORDER =
            Comparator.comparingLong((FeatureVector v) -> v.windowEnd)
                    .thenComparing(v -> v.principal.key)
                    .thenComparingLong(v -> v.windowStart);

    private final DetectionPolicy policy;
    private final long seed;

    private transient OnlineIsolationForest model;
    private transient ListState<byte[]> modelState;
    private transient ListState<FeatureVector> pendingState;
    private transient List<FeatureVector> pending;
    private transient double[] high;
    private transient double[] low;
    private transient Counter scored;
    private transient Counter anomalies;

    public ScorerOperator(DetectionPolicy policy, long seed) {
        this.policy = policy;
        this.seed = seed;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        modelState =
                context.getOperatorStateStore().getUnionListState(Descriptors.isolationForest());
        pendingState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "pending-feature-windows",
                                        TypeInformation.of(FeatureVector.class)));
        List<byte[]> models = new ArrayList<>();
        modelState.get().forEach(models::add);
        int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        model =
                models.isEmpty()
                        ? OnlineIsolationForest.withDefaults(
                                FeatureVector.NAMES.length, seed + index)
                        : OnlineIsolationForest.fromBytes(models.get(index % models.size()));
        pending = new ArrayList<>();
        pendingState.get().forEach(pending::add);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        modelState.update(List.of(model.toBytes()));
        pendingState.update(pending);
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
        boolean mature = model.size() >= policy.scorerMinPoints;
        model.learn(v.features);
        scored.inc();
        if (!mature || score < policy.scorerThreshold) {
            return;
        }
        anomalies.inc();
        Signal s = new Signal();
        s.principal = v.principal;
        s.detectionId = Detections.ANOMALOUS_WINDOW.id;
        s.category = Detections.ANOMALOUS_WINDOW.category.number;
        s.eventTime = v.windowEnd;
        s.eventId = v.eventId;
        s.eventName = "feature window";
        s.region = v.region;
        s.accessKeyId = v.accessKeyId;
        s.summary =
                String.format(
                        Locale.ROOT,
                        "anomaly score %.2f over %d windows; %s",
                        score,
                        model.size(),
                        Attribution.describe(FeatureVector.NAMES, high, low, 3));
        s.severity = (score >= policy.scorerAlertThreshold ? Severity.MEDIUM : Severity.LOW).id;
        s.routine = score < policy.scorerCountThreshold;
        output.collect(new StreamRecord<>(s, v.windowEnd));
    }
}
