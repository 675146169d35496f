package io.trailsentry.sequence;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * TS-SQ-001, the campaign: enumeration, then (optionally) permission validation, then provisioning,
 * workload or friction, by one principal within {@code sequenceWindowMs}. Its timed-out partial
 * (enumeration and validation, nothing after) is TS-SQ-002.
 */
public final class CampaignSequence extends SequenceDetection {
    public static final Detection DETECTION =
            Detection.id("TS-SQ-001")
                    .title("Enumeration, validation and provisioning in sequence")
                    .category(Category.COMPUTE_PROVISIONING)
                    .severity(Severity.HIGH)
                    .technique("T1496.001", "Resource Hijacking: Compute Hijacking")
                    .tactic("Impact")
                    .matches(
                            "CEP: enumeration -> (validation) -> an impact category (4 to 8)"
                                    + " within `sequenceWindowMs`; of its impact stage's category")
                    .firstCheck(
                            "The stolen-credential campaign's sequence by one principal: contain"
                                    + " the identity and stop spend first.")
                    .build();

    public static final Detection RECON_ONLY =
            Detection.id("TS-SQ-002")
                    .title("Reconnaissance and permission probing without follow-through")
                    .category(Category.ENUMERATION)
                    .severity(Severity.LOW)
                    .technique("T1580", "Cloud Infrastructure Discovery")
                    .tactic("Discovery")
                    .matches(
                            "CEP timed-out partial: enumeration and validation, no"
                                    + " follow-through")
                    .firstCheck(
                            "The principal mapped the account and probed permissions, then"
                                    + " stopped: watch it and check its source.")
                    .build();

    public static final String ENUMERATION = "enumeration";
    public static final String VALIDATION = "validation";
    public static final String IMPACT = "impact";

    /** Partial campaign sequences that timed out (reconnaissance without follow-through). */
    public static final OutputTag<Signal> TIMED_OUT =
            new OutputTag<>("recon-timed-out", TypeInformation.of(Signal.class));

    CampaignSequence() {
        super("cep-campaign-sequence", "Campaign sequence", DETECTION, RECON_ONLY);
    }

    @Override
    public Pattern<Signal, Signal> pattern(SequencePolicy p) {
        return Pattern.<Signal>begin(ENUMERATION, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(Matches.counted(Category.ENUMERATION))
                .followedBy(VALIDATION)
                .where(Matches.counted(Category.PERMISSION_VALIDATION))
                .optional()
                .followedBy(IMPACT)
                .where(
                        Matches.counted(
                                Category.COMPUTE_PROVISIONING,
                                Category.CONTAINER_WORKLOAD,
                                Category.FRICTION_PERSISTENCE,
                                Category.CREDENTIAL_ACCESS,
                                Category.EXPOSURE))
                .within(Duration.ofMillis(p.sequenceWindowMs));
    }

    @Override
    public FilterFunction<Signal> relevant() {
        return Matches.counted(
                Category.ENUMERATION,
                Category.PERMISSION_VALIDATION,
                Category.COMPUTE_PROVISIONING,
                Category.CONTAINER_WORKLOAD,
                Category.FRICTION_PERSISTENCE,
                Category.CREDENTIAL_ACCESS,
                Category.EXPOSURE);
    }

    @Override
    public PatternProcessFunction<Signal, Signal> function() {
        return new Function();
    }

    @Override
    public OutputTag<Signal> timedOut() {
        return TIMED_OUT;
    }

    /** A match is the campaign; a timed-out partial with validation is reconnaissance. */
    static final class Function extends PatternProcessFunction<Signal, Signal>
            implements TimedOutPartialMatchHandler<Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<Signal>> match, Context ctx, Collector<Signal> out) {
            Signal impact = Matches.last(match, IMPACT);
            List<String> stages = new ArrayList<>();
            for (String stage : new String[] {ENUMERATION, VALIDATION, IMPACT}) {
                Signal s = Matches.last(match, stage);
                if (s != null) {
                    stages.add(stage + " (" + Matches.at(s) + ")");
                }
            }
            Signal s =
                    Signal.derived(
                            DETECTION,
                            impact,
                            "sequence: "
                                    + String.join(" -> ", stages)
                                    + " within "
                                    + Matches.minutes(
                                            Matches.first(match).eventTime, impact.eventTime));
            // the sequence is of the category its impact stage matched (IAM, compute, ...)
            s.category = impact.category;
            out.collect(s);
        }

        @Override
        public void processTimedOutMatch(Map<String, List<Signal>> match, Context ctx) {
            Signal validation = Matches.last(match, VALIDATION);
            if (validation != null && match.containsKey(ENUMERATION)) {
                ctx.output(
                        TIMED_OUT,
                        Signal.derived(
                                RECON_ONLY,
                                validation,
                                "enumeration then permission probing ("
                                        + validation.eventName
                                        + "), no provisioning followed"));
            }
        }
    }
}
