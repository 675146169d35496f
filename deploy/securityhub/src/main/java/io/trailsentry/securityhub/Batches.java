package io.trailsentry.securityhub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/** BatchImportFindings calls within its limits: 100 findings, 240 KB each, 6 MB together. */
final class Batches {
    private Batches() {}

    static List<List<SecurityHubForwarder.Pending>> of(List<SecurityHubForwarder.Pending> all) {
        List<List<SecurityHubForwarder.Pending>> calls = new ArrayList<>();
        List<SecurityHubForwarder.Pending> call = new ArrayList<>();
        long bytes = 0;
        for (SecurityHubForwarder.Pending p : all) {
            if (call.size() == Asff.MAX_FINDINGS_PER_CALL
                    || (!call.isEmpty() && bytes + p.size > Asff.MAX_CALL_BYTES - 1024)) {
                calls.add(call);
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(p);
            bytes += p.size + 1;
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }

    /**
     * {@code f} within 240 KB: the fields are bounded so that it always is; should it still be
     * larger, only the principal stays in Resources and the product fields are cut to the version.
     */
    static AwsSecurityFinding fit(AwsSecurityFinding f) {
        if (AsffSize.of(f) <= Asff.MAX_FINDING_BYTES) {
            return f;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(
                "TrailSentry/OcsfUid", f.productFields().getOrDefault("TrailSentry/OcsfUid", ""));
        fields.put("TrailSentry/ResourcesOmitted", String.valueOf(f.resources().size() - 1));
        return f.toBuilder().resources(f.resources().subList(0, 1)).productFields(fields).build();
    }
}
