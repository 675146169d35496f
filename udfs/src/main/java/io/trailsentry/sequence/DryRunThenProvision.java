package io.trailsentry.sequence;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.DryRunProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/** TS-CP-006: a counted DryRun probe, then real provisioning within {@code followUpWindowMs}. */
public final class DryRunThenProvision extends SequenceDetection {
    public static final Detection DETECTION =
            Detection.id("TS-CP-006")
                    .title("DryRun probing followed by real provisioning")
                    .category(Category.COMPUTE_PROVISIONING)
                    .severity(Severity.MEDIUM)
                    .technique("T1496.001", "Resource Hijacking: Compute Hijacking")
                    .tactic("Impact")
                    .matches("CEP: DryRun probe then real provisioning within `followUpWindowMs`")
                    .firstCheck(
                            "The principal validated launch permissions, then launched: treat the"
                                    + " launched capacity as hostile until confirmed.")
                    .build();

    static final String PROBE = "probe";
    static final String LAUNCH = "launch";

    DryRunThenProvision() {
        super("cep-dryrun-then-provision", "DryRun then provisioning", DETECTION);
    }

    @Override
    public Pattern<Signal, Signal> pattern(SequencePolicy p) {
        return Pattern.<Signal>begin(PROBE, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(Matches.counted(DryRunProbe.DETECTION.id))
                .followedBy(LAUNCH)
                .where(SimpleCondition.of(DryRunThenProvision::launch))
                .within(Duration.ofMillis(p.followUpWindowMs));
    }

    /** Counted compute provisioning, or the observation that compute was created. */
    static boolean launch(Signal s) {
        return (s.counted() && s.category == Category.COMPUTE_PROVISIONING.number)
                || Matches.created(
                        s,
                        ResourceType.INSTANCE,
                        ResourceType.AUTOSCALING_GROUP,
                        ResourceType.ECS_CLUSTER,
                        ResourceType.ECS_SERVICE);
    }

    @Override
    public FilterFunction<Signal> relevant() {
        FilterFunction<Signal> probe = Matches.counted(DryRunProbe.DETECTION.id);
        return s -> probe.filter(s) || launch(s);
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
            Signal probe = Matches.last(match, PROBE);
            Signal launch = Matches.last(match, LAUNCH);
            out.collect(
                    Signal.derived(
                                    DETECTION,
                                    launch,
                                    "DryRun probe ("
                                            + probe.summary
                                            + ") then "
                                            + launch.eventName
                                            + " in "
                                            + launch.region
                                            + " after "
                                            + Matches.minutes(probe.eventTime, launch.eventTime),
                                    launch.resources == null ? new String[0] : launch.resources)
                            .on(ResourceType.ofKey(launch.resourceType)));
        }
    }
}
