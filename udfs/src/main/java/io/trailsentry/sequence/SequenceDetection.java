package io.trailsentry.sequence;

import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Signal;
import java.util.List;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.util.OutputTag;

/**
 * One multi-stage detection: its metadata, its CEP pattern over a principal's signals (always
 * bounded by {@code within}), what a match becomes, and the operator uid its state lives under.
 * Registered once in {@link SequenceCatalogue#ALL}; the job wires every entry the same way, so
 * adding one does not touch {@code job/}.
 */
public abstract class SequenceDetection {
    /** The detections this sequence emits: the match's, then any timed-out partial's. */
    public final List<Detection> detections;

    /**
     * The operator's uid. Its CEP state (partial matches) is stored under it in savepoints: never
     * rename it once released.
     */
    public final String uid;

    /** The operator's name in the Flink UI. */
    public final String name;

    protected SequenceDetection(String uid, String name, Detection... detections) {
        this.uid = uid;
        this.name = name;
        this.detections = List.of(detections);
    }

    public abstract Pattern<Signal, Signal> pattern(SequencePolicy policy);

    public abstract PatternProcessFunction<Signal, Signal> function();

    /**
     * The signals some stage of {@link #pattern} could take; the job hands the pattern only these.
     * Every stage has relaxed contiguity ({@code followedBy}, looping stages' default), so a signal
     * no stage takes changes no match: filtering it out before the CEP operator, which buffers each
     * input in keyed state until the watermark, changes nothing but the cost.
     */
    public abstract FilterFunction<Signal> relevant();

    /** Where the function sends signals of timed-out partial matches, or null. */
    public OutputTag<Signal> timedOut() {
        return null;
    }
}
