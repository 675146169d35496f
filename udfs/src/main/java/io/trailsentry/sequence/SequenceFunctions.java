package io.trailsentry.sequence;

import io.trailsentry.detect.Detections;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Signal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.util.Collector;

/** What each sequence pattern's match becomes: one derived signal. */
public final class SequenceFunctions {
    private SequenceFunctions() {}

    /**
     * The campaign sequence; a timed-out partial (enumeration + validation, no impact) is recon.
     */
    public static final class Campaign extends PatternProcessFunction<Signal, Signal>
            implements TimedOutPartialMatchHandler<Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<Signal>> match, Context ctx, Collector<Signal> out) {
            Signal impact = last(match, Patterns.IMPACT);
            List<String> stages = new ArrayList<>();
            for (String stage :
                    new String[] {Patterns.ENUMERATION, Patterns.VALIDATION, Patterns.IMPACT}) {
                Signal s = last(match, stage);
                if (s != null) {
                    stages.add(
                            stage
                                    + " ("
                                    + s.eventName
                                    + " at "
                                    + java.time.Instant.ofEpochMilli(s.eventTime)
                                    + ")");
                }
            }
            out.collect(
                    Signal.derived(
                            Detections.CAMPAIGN_SEQUENCE,
                            impact,
                            "sequence: "
                                    + String.join(" -> ", stages)
                                    + " within "
                                    + minutes(first(match).eventTime, impact.eventTime)));
        }

        @Override
        public void processTimedOutMatch(Map<String, List<Signal>> match, Context ctx) {
            Signal validation = last(match, Patterns.VALIDATION);
            if (validation != null && match.containsKey(Patterns.ENUMERATION)) {
                ctx.output(
                        TIMED_OUT,
                        Signal.derived(
                                Detections.RECON_ONLY,
                                validation,
                                "enumeration then permission probing ("
                                        + validation.eventName
                                        + "), no provisioning followed"));
            }
        }
    }

    /** Partial campaign sequences that timed out (reconnaissance without follow-through). */
    public static final org.apache.flink.util.OutputTag<Signal> TIMED_OUT =
            new org.apache.flink.util.OutputTag<>(
                    "recon-timed-out",
                    org.apache.flink.api.common.typeinfo.TypeInformation.of(Signal.class));

    /** DryRun probing followed by real provisioning. */
    public static final class DryRunThenProvision extends PatternProcessFunction<Signal, Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<Signal>> match, Context ctx, Collector<Signal> out) {
            Signal probe = last(match, Patterns.PROBE);
            Signal launch = last(match, Patterns.LAUNCH);
            out.collect(
                    Signal.derived(
                                    Detections.DRYRUN_THEN_PROVISION,
                                    launch,
                                    "DryRun probe ("
                                            + probe.summary
                                            + ") then "
                                            + launch.eventName
                                            + " in "
                                            + launch.region
                                            + " after "
                                            + minutes(probe.eventTime, launch.eventTime),
                                    launch.resources == null ? new String[0] : launch.resources)
                            .on(ResourceType.ofKey(launch.resourceType)));
        }
    }

    /** ECS cluster fan-out. */
    public static final class ClusterFanOut extends PatternProcessFunction<Signal, Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<Signal>> match, Context ctx, Collector<Signal> out) {
            List<Signal> clusters = match.get(Patterns.CLUSTERS);
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
                                    Detections.ECS_CLUSTER_BURST,
                                    last,
                                    clusters.size()
                                            + " ECS clusters created within "
                                            + minutes(clusters.get(0).eventTime, last.eventTime)
                                            + " in "
                                            + String.join(", ", regions),
                                    names.toArray(new String[0]))
                            .on(ResourceType.ECS_CLUSTER));
        }
    }

    /** Termination protection on instances the principal launched shortly before. */
    public static final class ProtectOwnLaunch extends PatternProcessFunction<Signal, Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<Signal>> match, Context ctx, Collector<Signal> out) {
            Signal launch = last(match, Patterns.LAUNCH);
            Signal protect = last(match, Patterns.PROTECT);
            Signal s =
                    Signal.derived(
                                    Detections.PROTECT_OWN_LAUNCH,
                                    protect,
                                    "launched "
                                            + launch.resources.length
                                            + " instance(s), then protected them from termination "
                                            + minutes(launch.eventTime, protect.eventTime)
                                            + " later",
                                    protect.resources)
                            .on(ResourceType.INSTANCE);
            if (protect.routine) {
                s.asRoutine();
            }
            out.collect(s);
        }
    }

    static Signal last(Map<String, List<Signal>> match, String stage) {
        List<Signal> l = match.get(stage);
        return l == null || l.isEmpty() ? null : l.get(l.size() - 1);
    }

    static Signal first(Map<String, List<Signal>> match) {
        Signal first = null;
        for (List<Signal> l : match.values()) {
            for (Signal s : l) {
                if (first == null || s.eventTime < first.eventTime) {
                    first = s;
                }
            }
        }
        return first;
    }

    static String minutes(long from, long to) {
        long s = Math.max(0, to - from) / 1000;
        return s < 120 ? s + " s" : (s / 60) + " min";
    }
}
