package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;
import java.util.Set;

/** TS-EN-002: reads of the EC2 vCPU and GPU quotas, how miners size their fan-out. */
public final class QuotaRecon extends Rule {
    /** EC2 vCPU and GPU/accelerated quota codes (on-demand and spot). */
    static final Set<String> COMPUTE_QUOTAS =
            Set.of(
                    "L-1216C47A",
                    "L-DB2E81BA",
                    "L-417A185B",
                    "L-3819A6DF",
                    "L-7212CCBC",
                    "L-34B43A08",
                    "L-85EED4F7",
                    "L-74FC7D96",
                    "L-2753CF59",
                    "L-88CF9481");

    public static final Detection DETECTION =
            Detection.id("TS-EN-002")
                    .title("Compute quota reconnaissance")
                    .category(Category.ENUMERATION)
                    .severity(Severity.MEDIUM)
                    .technique("T1526", "Cloud Service Discovery")
                    .tactic("Discovery")
                    .matches(
                            "EC2 vCPU/GPU quota reads (L-1216C47A, L-DB2E81BA, L-417A185B,"
                                    + " spot...)")
                    .firstCheck(
                            "Reading EC2 vCPU and GPU quotas is how miners size their fan-out;"
                                    + " check what the principal provisions next.")
                    .build();

    QuotaRecon() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        String quota = c.facts().quotaCode;
        if (quota != null && COMPUTE_QUOTAS.contains(quota)) {
            c.emitFor(
                    ActionClass.QUOTA_READ, DETECTION, c.event.eventName + " " + quota + c.where());
        }
    }
}
