package io.trailsentry.sequence;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.TerminationProtection;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * TS-FR-003: instances launched, then termination protection set on some of them within {@code
 * followUpWindowMs}.
 */
public final class ProtectOwnLaunch extends SequenceDetection {
    public static final Detection DETECTION =
            Detection.id("TS-FR-003")
                    .title("Termination protection on instances the principal just launched")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.LOW)
                    .technique("T1578", "Modify Cloud Compute Infrastructure")
                    .tactic("Defense Evasion")
                    .matches(
                            "CEP: protection on instances the principal launched within"
                                    + " `followUpWindowMs`")
                    .firstCheck(
                            "Launch then protect is how miners slow responders down; reverse the"
                                    + " protection and terminate.")
                    .build();

    static final String LAUNCH = "launch";
    static final String PROTECT = "protect";

    ProtectOwnLaunch() {
        super("cep-protect-own-launch", "Protect own launch", DETECTION);
    }

    @Override
    public Pattern<Signal, Signal> pattern(SequencePolicy p) {
        return Pattern.<Signal>begin(LAUNCH, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> Matches.created(s, ResourceType.INSTANCE)))
                .followedBy(PROTECT)
                .where(new ProtectsLaunched())
                .within(Duration.ofMillis(p.followUpWindowMs));
    }

    @Override
    public FilterFunction<Signal> relevant() {
        return s ->
                Matches.created(s, ResourceType.INSTANCE)
                        || (TerminationProtection.DETECTION.id.equals(s.detectionId)
                                && s.resources != null);
    }

    @Override
    public PatternProcessFunction<Signal, Signal> function() {
        return new Function();
    }

    /** Termination protection on an instance this pattern's launch created. */
    static final class ProtectsLaunched extends IterativeCondition<Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(Signal s, Context<Signal> ctx) throws Exception {
            if (!TerminationProtection.DETECTION.id.equals(s.detectionId) || s.resources == null) {
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

    static final class Function extends PatternProcessFunction<Signal, Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<Signal>> match, Context ctx, Collector<Signal> out) {
            Signal launch = Matches.last(match, LAUNCH);
            Signal protect = Matches.last(match, PROTECT);
            Signal s =
                    Signal.derived(
                                    DETECTION,
                                    protect,
                                    "launched "
                                            + launch.resources.length
                                            + " instance(s), then protected them from termination "
                                            + Matches.minutes(launch.eventTime, protect.eventTime)
                                            + " later",
                                    protect.resources)
                            .on(ResourceType.INSTANCE);
            if (protect.routine) {
                s.asRoutine();
            }
            out.collect(s);
        }
    }
}
