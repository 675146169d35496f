package io.trailsentry.sequence;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/** TS-CP-002: {@code ecsClusterBurst} ECS clusters created within the burst window. */
public final class ClusterFanOut extends SequenceDetection {
    public static final Detection DETECTION =
            Detection.id("TS-CP-002")
                    .title("ECS cluster fan-out")
                    .category(Category.COMPUTE_PROVISIONING)
                    .severity(Severity.MEDIUM)
                    .technique("T1496.001", "Resource Hijacking: Compute Hijacking")
                    .tactic("Impact")
                    .matches(
                            "CEP: `ecsClusterBurst` ECS clusters created within"
                                    + " `ecsClusterBurstWindowMs`")
                    .firstCheck(
                            "List the clusters the principal created, their services and task"
                                    + " definitions; scale services to zero and delete.")
                    .build();

    static final String CLUSTERS = "clusters";

    ClusterFanOut() {
        super("cep-ecs-cluster-fanout", "ECS cluster fan-out", DETECTION);
    }

    @Override
    public Pattern<Signal, Signal> pattern(SequencePolicy p) {
        return Pattern.<Signal>begin(CLUSTERS, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> Matches.created(s, ResourceType.ECS_CLUSTER)))
                .times(p.ecsClusterBurst)
                .within(Duration.ofMillis(p.ecsClusterBurstWindowMs));
    }

    @Override
    public FilterFunction<Signal> relevant() {
        return s -> Matches.created(s, ResourceType.ECS_CLUSTER);
    }

    @Override
    public PatternProcessFunction<Signal, Signal> function() {
        return new Function();
    }

    static final class Function extends PatternProcessFunction<Signal, Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<Signal>> match, Context ctx, Collector<Signal> out) {
            List<Signal> clusters = match.get(CLUSTERS);
            Set<String> names = new LinkedHashSet<>();
            Set<String> regions = new LinkedHashSet<>();
            for (Signal c : clusters) {
                if (c.resources != null) {
                    names.addAll(List.of(c.resources));
                }
                regions.add(c.region);
            }
            Signal last = clusters.get(clusters.size() - 1);
            out.collect(
                    Signal.derived(
                                    DETECTION,
                                    last,
                                    clusters.size()
                                            + " ECS clusters created within "
                                            + Matches.minutes(
                                                    clusters.get(0).eventTime, last.eventTime)
                                            + " in "
                                            + String.join(", ", regions),
                                    names.toArray(new String[0]))
                            .on(ResourceType.ECS_CLUSTER));
        }
    }
}
