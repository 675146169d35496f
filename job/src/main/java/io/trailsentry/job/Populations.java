package io.trailsentry.job;

import io.trailsentry.detect.Signal;
import io.trailsentry.detect.population.PopulationRecord;
import io.trailsentry.flink.Descriptors;
import io.trailsentry.flink.PopulationFunction;
import io.trailsentry.policy.DetectionPolicy;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Cold start: the population operator ({@link PopulationFunction}) on the profiler's {@link
 * Descriptors#POPULATION} output, under its uid; its signals join the profiler's.
 */
final class Populations {
    private Populations() {}

    /** The profiler's signals and the population's (judged and its own), one stream. */
    static DataStream<Signal> attach(
            SingleOutputStreamOperator<Signal> profiler,
            DetectionPolicy policy,
            Duration ttl,
            int maxWaiting) {
        DataStream<Signal> judged =
                profiler.getSideOutput(Descriptors.POPULATION)
                        .keyBy(r -> PopulationRecord.ORGANISATION, Types.STRING)
                        .process(new PopulationFunction(policy.rules, ttl, maxWaiting))
                        .uid(Uids.POPULATION)
                        .name("Principal populations (cold start)");
        return profiler.union(judged);
    }
}
