package io.trailsentry.sequence;

import io.trailsentry.detect.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs one sequence detection's CEP operator over signals on the current (MiniCluster) environment,
 * keyed by principal as the job keys them, and returns what it emits, timed-out partials included.
 */
public final class SequenceHarness {
    private SequenceHarness() {}

    public static List<Signal> run(SequenceDetection sequence, SequencePolicy policy, Signal... in)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.getConfig().disableGenericTypes();
        DataStream<Signal> signals =
                env.fromData(TypeInformation.of(Signal.class), in)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Signal>forBoundedOutOfOrderness(Duration.ZERO)
                                        .withTimestampAssigner((s, t) -> s.eventTime));
        SingleOutputStreamOperator<Signal> out =
                CEP.pattern(
                                // as the job wires it: only the signals a stage could take
                                signals.filter(sequence.relevant())
                                        .keyBy(s -> s.principal.incidentKey(), Types.STRING),
                                sequence.pattern(policy),
                                new SignalOrder())
                        .inEventTime()
                        .process(sequence.function());
        List<Signal> result = new ArrayList<>();
        try (CloseableIterator<Signal> main = out.collectAsync();
                CloseableIterator<Signal> timedOut =
                        sequence.timedOut() == null
                                ? null
                                : out.getSideOutput(sequence.timedOut()).collectAsync()) {
            env.execute();
            main.forEachRemaining(result::add);
            if (timedOut != null) {
                timedOut.forEachRemaining(result::add);
            }
        }
        return result;
    }
}
