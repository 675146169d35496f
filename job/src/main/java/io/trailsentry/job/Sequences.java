package io.trailsentry.job;

import io.trailsentry.detect.Signal;
import io.trailsentry.sequence.SequenceCatalogue;
import io.trailsentry.sequence.SequenceDetection;
import io.trailsentry.sequence.SequencePolicy;
import io.trailsentry.sequence.SignalOrder;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
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

    static DataStream<Signal> attach(
            DataStream<Signal> signals, KeySelector<Signal, String> key, SequencePolicy p) {
        DataStream<Signal> all = null;
        for (SequenceDetection sequence : SequenceCatalogue.ALL) {
            // Only the signals a stage could take (most are routine): the CEP operator writes
            // each input to keyed state until the watermark, and on RocksDB that was the
            // job's largest cost after the baselines.
            KeyedStream<Signal, String> input =
                    signals.filter(sequence.relevant())
                            .uid(sequence.uid + "-input")
                            .name(sequence.name + " input")
                            .keyBy(key, Types.STRING);
            SingleOutputStreamOperator<Signal> matches =
                    CEP.pattern(input, sequence.pattern(p), new SignalOrder())
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
