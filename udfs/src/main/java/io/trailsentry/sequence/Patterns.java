package io.trailsentry.sequence;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Signal;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The multi-stage sequences, one static factory each, always bounded by {@code within}. They run
 * over a principal's signals (sparse), not its raw events, so their partial matches stay few.
 */
public final class Patterns {
    public static final String ENUMERATION = "enumeration";
    public static final String VALIDATION = "validation";
    public static final String IMPACT = "impact";
    public static final String PROBE = "probe";
    public static final String LAUNCH = "launch";
    public static final String CLUSTERS = "clusters";
    public static final String PROTECT = "protect";

    private Patterns() {}

    /**
     * Enumeration, then (optionally) permission validation, then provisioning, workload or
     * friction.
     */
    public static Pattern<Signal, Signal> campaign(SequencePolicy p) {
        return Pattern.<Signal>begin(ENUMERATION, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(counted(Category.ENUMERATION))
                .followedBy(VALIDATION)
                .where(counted(Category.PERMISSION_VALIDATION))
                .optional()
                .followedBy(IMPACT)
                .where(
                        counted(
                                Category.COMPUTE_PROVISIONING,
                                Category.CONTAINER_WORKLOAD,
                                Category.FRICTION_PERSISTENCE))
                .within(Duration.ofMillis(p.sequenceWindowMs));
    }

    /** A DryRun probe followed by real provisioning by the same principal. */
    public static Pattern<Signal, Signal> dryRunThenProvision(SequencePolicy p) {
        return Pattern.<Signal>begin(PROBE, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(counted(Detections.DRYRUN_PROBE.id))
                .followedBy(LAUNCH)
                .where(
                        SimpleCondition.of(
                                s ->
                                        (s.counted()
                                                        && s.category
                                                                == Category.COMPUTE_PROVISIONING
                                                                        .number)
                                                || created(
                                                        s,
                                                        ResourceType.INSTANCE,
                                                        ResourceType.AUTOSCALING_GROUP,
                                                        ResourceType.ECS_CLUSTER,
                                                        ResourceType.ECS_SERVICE)))
                .within(Duration.ofMillis(p.followUpWindowMs));
    }

    /** {@code ecsClusterBurst} ECS clusters created within the burst window. */
    public static Pattern<Signal, Signal> clusterFanOut(SequencePolicy p) {
        return Pattern.<Signal>begin(CLUSTERS, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> created(s, ResourceType.ECS_CLUSTER)))
                .times(p.ecsClusterBurst)
                .within(Duration.ofMillis(p.ecsClusterBurstWindowMs));
    }

    /** Instances launched, then termination protection set on some of them. */
    public static Pattern<Signal, Signal> protectOwnLaunch(SequencePolicy p) {
        return Pattern.<Signal>begin(LAUNCH, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> created(s, ResourceType.INSTANCE)))
                .followedBy(PROTECT)
                .where(new ProtectsLaunched())
                .within(Duration.ofMillis(p.followUpWindowMs));
    }

    static SimpleCondition<Signal> counted(Category... categories) {
        Set<Integer> set = new HashSet<>();
        Arrays.stream(categories).forEach(c -> set.add(c.number));
        return SimpleCondition.of(
                s ->
                        s.counted()
                                && set.contains(s.category)
                                && !Detections.CAMPAIGN_SEQUENCE.id.equals(s.detectionId));
    }

    /** Counted (non-routine) signals of one detection. */
    static SimpleCondition<Signal> counted(String detectionId) {
        return SimpleCondition.of(s -> detectionId.equals(s.detectionId) && !s.routine);
    }

    static boolean created(Signal s, ResourceType... types) {
        return Detections.CREATED.id.equals(s.detectionId)
                && s.resourceType != null
                && Arrays.asList(types).contains(ResourceType.ofKey(s.resourceType));
    }

    /** Termination protection on an instance this pattern's launch created. */
    static final class ProtectsLaunched extends IterativeCondition<Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(Signal s, Context<Signal> ctx) throws Exception {
            if (!Detections.TERMINATION_PROTECTION.id.equals(s.detectionId)
                    || s.resources == null) {
                return false;
            }
            Set<String> protectedIds = new HashSet<>(Arrays.asList(s.resources));
            for (Signal launch : ctx.getEventsForPattern(LAUNCH)) {
                for (String id : launch.resources) {
                    if (protectedIds.contains(id)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
