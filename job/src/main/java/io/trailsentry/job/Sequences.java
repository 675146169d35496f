package io.trailsentry.job;

import io.trailsentry.detect.Signal;
import io.trailsentry.sequence.SequenceCatalogue;
import io.trailsentry.sequence.SequenceDetection;
import io.trailsentry.sequence.SequencePolicy;
import io.trailsentry.sequence.SignalOrder;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires every sequence of {@link SequenceCatalogue} over a principal's signals, each under its own
 * uid, with its timed-out partial matches when it has them.
 */
final class Sequences {
    private Sequences() {}

    static DataStream<Signal> attach(KeyedStream<Signal, String> signals, SequencePolicy p) {
        DataStream<Signal> all = null;
        for (SequenceDetection sequence : SequenceCatalogue.ALL) {
            SingleOutputStreamOperator<Signal> matches =
                    CEP.pattern(signals, sequence.pattern(p), new SignalOrder())
                            .inEventTime()
                            .process(sequence.function())
                            .uid(sequence.uid)
                            .name(sequence.name);
            DataStream<Signal> out =
                    sequence.timedOut() == null
                            ? matches
                            : matches.union(matches.getSideOutput(sequence.timedOut()));
            all = all == null ? out : all.union(out);
        }
        return all;
    }
}
