package io.trailsentry.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.FindingProviderFields;
import software.amazon.awssdk.services.securityhub.model.FindingProviderSeverity;
import software.amazon.awssdk.services.securityhub.model.Recommendation;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.Remediation;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;
import software.amazon.awssdk.services.securityhub.model.Workflow;
import software.amazon.awssdk.services.securityhub.model.WorkflowStatus;

/**
 * One TrailSentry finding (OCSF 1.6.0 Detection Finding) as an ASFF finding. {@code Id} is the
 * incident's uid, so every version updates the same Security Hub finding; {@code CreatedAt} is the
 * incident's first finding, {@code UpdatedAt} this version's time; a Close finding archives it.
 * docs/security-hub.md lists every field.
 */
final class AsffMapper {
    static final String GENERATOR_ID = "trailsentry/incident-correlation";

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final SeverityLabel[] LABELS = {
        SeverityLabel.INFORMATIONAL,
        SeverityLabel.INFORMATIONAL,
        SeverityLabel.LOW,
        SeverityLabel.MEDIUM,
        SeverityLabel.HIGH,
        SeverityLabel.CRITICAL,
        SeverityLabel.CRITICAL
    };

    private final ForwarderConfig config;

    AsffMapper(ForwarderConfig config) {
        this.config = config;
    }

    /** The record cannot be imported, now or on a retry. */
    static final class Unmappable extends Exception {
        Unmappable(String message) {
            super(message);
        }
    }

    AwsSecurityFinding map(JsonNode f) throws Unmappable {
        if (f.path("class_uid").asInt() != 2004) {
            throw new Unmappable("not an OCSF Detection Finding (class_uid != 2004)");
        }
        String uid = required(f, "/finding_info/uid");
        String account = required(f, "/cloud/account/uid");
        if (!ACCOUNT_ID.matcher(account).matches()) {
            throw new Unmappable("cloud.account.uid is not an account id");
        }
        JsonNode info = f.path("finding_info");
        long time = f.path("time").asLong();
        boolean closed = f.path("activity_id").asInt() == 3;
        int severityId = Math.max(0, Math.min(6, f.path("severity_id").asInt()));
        String original = Asff.text(f.path("severity").asText(), 64, "Unknown");
        int confidence =
                new int[] {0, 30, 60, 90}
                        [Math.max(0, Math.min(3, f.path("confidence_id").asInt()))];
        List<String> types = types(f);
        AsffResources resources = AsffResources.of(f, config);
        return AwsSecurityFinding.builder()
                .schemaVersion(Asff.SCHEMA_VERSION)
                .id(Asff.text(uid, Asff.MAX_ID, "?"))
                .productArn(config.productArn())
                .generatorId(GENERATOR_ID)
                .awsAccountId(account)
                .types(types)
                .createdAt(iso(info.path("created_time").asLong(time)))
                .updatedAt(iso(info.path("modified_time").asLong(time)))
                .firstObservedAt(iso(info.path("first_seen_time").asLong(time)))
                .lastObservedAt(iso(info.path("last_seen_time").asLong(time)))
                .severity(Severity.builder().label(LABELS[severityId]).original(original).build())
                .confidence(confidence)
                .title(
                        Asff.text(
                                info.path("title").asText(), Asff.MAX_TITLE, "TrailSentry finding"))
                .description(
                        Asff.text(
                                info.path("desc").asText(),
                                Asff.MAX_DESCRIPTION,
                                "No description."))
                .remediation(
                        Remediation.builder()
                                .recommendation(
                                        Recommendation.builder()
                                                .text(
                                                        Asff.text(
                                                                f.at("/remediation/desc").asText(),
                                                                Asff.MAX_RECOMMENDATION,
                                                                "Review the evidence."))
                                                .build())
                                .build())
                .productFields(productFields(f, resources.omitted))
                .resources(resources.resources)
                .recordState(closed ? RecordState.ARCHIVED : RecordState.ACTIVE)
                // honoured when the finding is new to Security Hub; afterwards the workflow is
                // the analysts' (BatchImportFindings does not update it)
                .workflow(
                        Workflow.builder()
                                .status(
                                        closed
                                                ? WorkflowStatus.RESOLVED
                                                : f.path("status_id").asInt() == 3
                                                        ? WorkflowStatus.SUPPRESSED
                                                        : WorkflowStatus.NEW)
                                .build())
                .findingProviderFields(
                        FindingProviderFields.builder()
                                .severity(
                                        FindingProviderSeverity.builder()
                                                .label(LABELS[severityId])
                                                .original(original)
                                                .build())
                                .types(types)
                                .confidence(confidence)
                                .build())
                .build();
    }

    /**
     * ASFF types: the identity behaving unusually, each ATT&amp;CK tactic as a TTP with its
     * technique, and resource consumption for Impact (the miner's effect).
     */
    static List<String> types(JsonNode f) {
        Set<String> out = new LinkedHashSet<>();
        out.add("Unusual Behaviors/User");
        for (JsonNode a : f.at("/finding_info/attacks")) {
            String tactic = a.at("/tactic/name").asText("");
            if ("Impact".equals(tactic)) {
                out.add("Effects/Resource Consumption");
            } else if (!tactic.isEmpty()) {
                out.add(
                        Asff.text(
                                "TTPs/" + tactic + "/" + a.at("/technique/uid").asText(),
                                128,
                                "TTPs"));
            }
        }
        return new ArrayList<>(out).subList(0, Math.min(out.size(), Asff.MAX_TYPES));
    }

    private static Map<String, String> productFields(JsonNode f, int omitted) {
        JsonNode ext = f.at("/unmapped/trailsentry");
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "OcsfUid", f.at("/metadata/uid").asText());
        put(p, "FindingVersion", ext.path("finding_version").asText());
        put(p, "Activity", f.path("activity_name").asText());
        put(p, "Status", f.path("status").asText());
        put(p, "StatusDetail", f.path("status_detail").asText());
        put(p, "Principal", f.at("/actor/user/uid").asText());
        put(p, "PrincipalKey", ext.path("principal_key").asText());
        put(p, "Categories", join(f.at("/finding_info/types"), null));
        put(p, "Detections", join(f.at("/finding_info/related_analytics"), "uid"));
        put(p, "AccessKeys", join(ext.path("access_key_ids"), null));
        put(p, "NeverAct", ext.path("never_act").asText());
        put(p, "ResponsePlanSteps", String.valueOf(ext.path("response_plan").size()));
        put(p, "FirstStep", ext.at("/response_plan/0/description").asText());
        if (omitted > 0) {
            put(p, "ResourcesOmitted", String.valueOf(omitted));
        }
        return p;
    }

    private static String join(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(field == null ? n.asText() : n.path(field).asText());
        }
        return String.join(", ", out);
    }

    private static void put(Map<String, String> p, String key, String value) {
        if (value != null && !value.isBlank() && p.size() < Asff.MAX_PRODUCT_FIELDS) {
            p.put("TrailSentry/" + key, Asff.text(value, Asff.MAX_FIELD_VALUE, "?"));
        }
    }

    private static String required(JsonNode f, String pointer) throws Unmappable {
        JsonNode n = f.at(pointer);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new Unmappable(pointer + " missing");
        }
        return n.asText();
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
