package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.population.PopulationRecord;
import io.trailsentry.detect.rules.Rules;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.EventKeys;
import io.trailsentry.profile.HourSummary;
import io.trailsentry.profile.Profile;
import io.trailsentry.scorer.FeatureExtractor;
import io.trailsentry.scorer.FeatureVector;
import io.trailsentry.scorer.FeatureWindow;
import io.trailsentry.scorer.ScorerPolicy;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keeps each principal's rolling baseline and runs every per-event rule against it (see {@link
 * Rules}); with the scorer on, folds each event into the principal's feature window (against the
 * same baseline) and sends closed windows to the {@link Descriptors#FEATURES} output; hour
 * summaries and the signals the rules leave to the population (cold start) go to {@link
 * Descriptors#POPULATION}.
 *
 * <p>Input is a principal's events in event-time order, in batches, from {@link EventOrderer}: the
 * baseline and the feature window are read once and written once per batch (on RocksDB each is a
 * lookup and a few KB to (de)serialise), and each event's signals and closed windows carry the
 * event's own time, as if the events had come one by one. An operator rather than a process
 * function for that reason (a function's output takes the input record's time); its keyed state and
 * its timers ({@code user-timers}) are those a {@code KeyedProcessFunction} under the same uid
 * wrote, so savepoints of earlier releases restore.
 */
public class ProfilerOperator extends AbstractStreamOperator<Signal>
        implements OneInputStreamOperator<List<CloudTrailEvent>, Signal>,
                Triggerable<String, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    /** The timer service name of {@code KeyedProcessOperator}, which earlier releases used. */
    private static final String TIMERS = "user-timers";

    private final RulePolicy rulePolicy;
    private final BaselinePolicy baseline;
    private final ScorerPolicy scorer;
    private final Duration idleTtl;
    private final boolean features;

    private transient Rules rules;
    private transient FeatureExtractor extractor;
    private transient ValueState<Profile> profiles;
    private transient ValueState<FeatureWindow> windows;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient Counter signals;
    private transient FeatureWindow window;

    /** The time of the event being processed: its signals and closed windows carry it. */
    private transient long now;

    public ProfilerOperator(
            RulePolicy rules,
            BaselinePolicy baseline,
            ScorerPolicy scorer,
            Duration idleTtl,
            boolean features) {
        this.rulePolicy = rules;
        this.baseline = baseline;
        this.scorer = scorer;
        this.idleTtl = idleTtl;
        this.features = features;
        // chained behind the orderer, as the process function it replaces was
        this.chainingStrategy = ChainingStrategy.ALWAYS;
    }

    @Override
    public void open() throws Exception {
        super.open();
        rules = new Rules(rulePolicy, baseline);
        extractor = new FeatureExtractor(scorer, baseline);
        profiles = getRuntimeContext().getState(Descriptors.profile(idleTtl));
        windows = getRuntimeContext().getState(Descriptors.featureWindow(idleTtl));
        timers = getInternalTimerService(TIMERS, VoidNamespaceSerializer.INSTANCE, this);
        signals = getMetricGroup().addGroup("trailsentry").counter("signals");
    }

    @Override
    public void processElement(StreamRecord<List<CloudTrailEvent>> element) throws Exception {
        List<CloudTrailEvent> batch = element.getValue();
        Profile p = profiles.value();
        if (p == null) {
            p = new Profile();
        }
        if (!features) {
            for (CloudTrailEvent e : batch) {
                now = e.eventTime;
                rules.observe(p, e, this::emit, null, this::summarise);
            }
            profiles.update(p);
            return;
        }
        FeatureWindow w = windows.value();
        window = w == null ? new FeatureWindow() : w;
        for (CloudTrailEvent e : batch) {
            now = e.eventTime;
            long openBefore = window.start;
            rules.observe(p, e, this::emit, this::addToWindow, this::summarise);
            if (window.start != 0 && window.start != openBefore) {
                timers.registerEventTimeTimer(
                        VoidNamespace.INSTANCE, window.start + extractor.windowMs());
            }
        }
        if (window.start != 0) {
            extractor.remember(p, window); // its close by the watermark then needs no baseline
        }
        profiles.update(p);
        windows.update(window);
    }

    /** Folds the event into the open window, against the baseline before the event. */
    private void addToWindow(Profile p, CloudTrailEvent e, EventKeys keys) {
        FeatureVector closed = extractor.add(p, window, e, keys);
        if (closed != null) {
            if (closed.principal == null) {
                closed.principal = e.principal;
            }
            output.collect(Descriptors.FEATURES, new StreamRecord<>(closed, now));
        }
    }

    /**
     * A quiet principal's window closes when the watermark passes its end, with what the window
     * kept of the baseline (only a window of an earlier release reads the baseline).
     */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        long timestamp = timer.getTimestamp();
        FeatureWindow w = windows.value();
        if (w == null || w.start == 0 || w.start + extractor.windowMs() > timestamp) {
            return;
        }
        FeatureVector v = w.arn != null ? extractor.closeRemembered(w) : closeAgainstBaseline(w);
        windows.update(w);
        if (v != null) {
            output.collect(Descriptors.FEATURES, new StreamRecord<>(v, timestamp));
        }
    }

    /** Closes a window of an earlier release, which kept nothing of the baseline. */
    private FeatureVector closeAgainstBaseline(FeatureWindow w) throws Exception {
        Profile p = profiles.value();
        if (p == null) {
            return null;
        }
        FeatureVector v = extractor.close(p, w); // closes the window whatever it returns
        return p.arn == null ? null : v;
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    private void emit(Signal s) {
        signals.inc();
        if (s.population != null) {
            // a cold-start question: the population operator answers it and releases the signal
            output.collect(
                    Descriptors.POPULATION, new StreamRecord<>(PopulationRecord.held(s), now));
            return;
        }
        output.collect(new StreamRecord<>(s, now));
    }

    /** A principal's hour summary, for its population. */
    private void summarise(HourSummary s) {
        output.collect(Descriptors.POPULATION, new StreamRecord<>(PopulationRecord.of(s), now));
    }
}
