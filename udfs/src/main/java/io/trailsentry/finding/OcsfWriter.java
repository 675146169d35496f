package io.trailsentry.finding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Severity;
import io.trailsentry.incident.Finding;

/**
 * Renders a {@link Finding} as an OCSF 1.6.0 Detection Finding (class 2004) with the {@code cloud}
 * and {@code host} profiles (the latter is what makes {@code actor} valid in this class). Every
 * attribute sits in its standard home; what OCSF has none for (the ordered response plan, the
 * finding version, categories, the principal key) is in the documented {@code unmapped.trailsentry}
 * extension object, which the responder reads. docs/findings.md describes every field; the build
 * checks every finding of the generated suite against the schema.
 */
public final class OcsfWriter {
    public static final String PRODUCT = "TrailSentry";
    public static final String OCSF_VERSION = "1.6.0";
    public static final int CLASS_UID = 2004;
    public static final int CATEGORY_UID = 2;

    /** Activities of the class: the first version, later ones, and the incident's last word. */
    public static final int CREATE = 1;

    public static final int UPDATE = 2;
    public static final int CLOSE = 3;

    /** {@code metadata.profiles}: every profile whose attributes a finding uses. */
    public static final String[] PROFILES = {"cloud", "host"};

    /** JSON pointers every finding carries (docs/findings.md). */
    public static final String[] REQUIRED_FIELDS = {
        "/activity_id",
        "/category_uid",
        "/class_uid",
        "/type_uid",
        "/time",
        "/severity_id",
        "/metadata/product/name",
        "/metadata/product/vendor_name",
        "/metadata/product/version",
        "/metadata/version",
        "/metadata/profiles",
        "/finding_info/uid",
        "/finding_info/title",
        "/finding_info/desc",
        "/finding_info/created_time",
        "/finding_info/modified_time",
        "/finding_info/attacks",
        "/cloud/provider",
        "/cloud/account/uid",
        "/actor/user/uid",
        "/evidences",
        "/resources",
        "/remediation/desc",
        "/status_id",
        "/confidence_id",
        "/unmapped/trailsentry/finding_version",
        "/unmapped/trailsentry/response_plan"
    };

    private static final String[] ACTIVITIES = {"Unknown", "Create", "Update", "Close"};
    private static final String[] CONFIDENCES = {"Unknown", "Low", "Medium", "High"};

    /** OCSF {@code account.type_id} 10. */
    static final int AWS_ACCOUNT = 10;

    /** OCSF {@code user.type_id} 99: {@code user.type} then holds CloudTrail's identity type. */
    static final int OTHER = 99;

    private final String productVersion;

    public OcsfWriter(String productVersion) {
        this.productVersion = productVersion;
    }

    public String toJson(Finding f) {
        try {
            return SafeJson.MAPPER.writeValueAsString(toNode(f));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render finding " + f.uid, e);
        }
    }

    /**
     * The finding's activity: Close when the incident closed, Create for version 1, else Update.
     */
    public static int activity(Finding f) {
        return f.closed ? CLOSE : f.version == 1 ? CREATE : UPDATE;
    }

    public ObjectNode toNode(Finding f) {
        ObjectNode o = SafeJson.MAPPER.createObjectNode();
        int activity = activity(f);
        o.put("activity_id", activity);
        o.put("activity_name", ACTIVITIES[activity]);
        o.put("category_uid", CATEGORY_UID);
        o.put("category_name", "Findings");
        o.put("class_uid", CLASS_UID);
        o.put("class_name", "Detection Finding");
        o.put("type_uid", CLASS_UID * 100L + activity);
        o.put("type_name", "Detection Finding: " + ACTIVITIES[activity]);
        o.put("time", f.time);
        o.put("timezone_offset", 0);
        Severity sev = Severity.ofId(f.severityId);
        o.put("severity_id", sev.id);
        o.put("severity", sev.ocsfName);
        int status = f.suppressed ? 3 : f.closed ? 4 : 1;
        o.put("status_id", status);
        o.put("status", status == 3 ? "Suppressed" : status == 4 ? "Resolved" : "New");
        String detail = statusDetail(f);
        if (detail != null) {
            o.put("status_detail", detail);
        }
        int confidence =
                f.sequence || f.categories.length >= 3 ? 3 : f.categories.length == 2 ? 2 : 1;
        o.put("confidence_id", confidence);
        o.put("confidence", CONFIDENCES[confidence]);
        o.put("is_alert", !f.suppressed && !f.closed);
        o.put("message", f.title);
        long[] seen = OcsfEvidence.bounds(f);
        o.put("start_time", seen[0]);
        o.put("end_time", seen[1]);

        writeMetadata(o.putObject("metadata"), f);
        writeFindingInfo(o.putObject("finding_info"), f, seen);
        ObjectNode cloud = o.putObject("cloud");
        cloud.put("provider", "AWS");
        account(cloud.putObject("account"), f.principal.accountId);
        if (f.regions.length > 0) {
            cloud.put("region", f.regions[0]);
        }
        OcsfActor.write(o.putObject("actor"), f);
        OcsfEvidence.write(o.putArray("evidences"), f);
        OcsfResources.write(o.putArray("resources"), f);
        o.putObject("remediation").put("desc", Remediation.summary(f));
        OcsfExtension.write(o.putObject("unmapped").putObject("trailsentry"), f);
        return o;
    }

    private static String statusDetail(Finding f) {
        String suppressed =
                f.suppressed
                        ? "Suppressed by policy: "
                                + (f.suppressionReason == null ? "no reason" : f.suppressionReason)
                        : null;
        String closed =
                f.closed
                        ? "Incident closed: no new evidence for "
                                + Math.max(1, f.idleCloseMs / 60_000)
                                + " min"
                        : null;
        if (suppressed != null && closed != null) {
            return suppressed + ". " + closed;
        }
        return suppressed != null ? suppressed : closed;
    }

    private void writeMetadata(ObjectNode meta, Finding f) {
        meta.put("version", OCSF_VERSION);
        meta.put("uid", f.uid + "-v" + f.version);
        ArrayNode profiles = meta.putArray("profiles");
        for (String p : PROFILES) {
            profiles.add(p);
        }
        ObjectNode product = meta.putObject("product");
        product.put("name", PRODUCT);
        product.put("vendor_name", PRODUCT);
        product.put("version", productVersion);
    }

    private static void writeFindingInfo(ObjectNode info, Finding f, long[] seen) {
        info.put("uid", f.uid);
        info.put("title", f.title);
        info.put("desc", f.why);
        info.put("created_time", f.createdTime > 0 ? f.createdTime : f.time);
        info.put("modified_time", f.time);
        info.put("first_seen_time", seen[0]);
        info.put("last_seen_time", seen[1]);
        ArrayNode types = info.putArray("types");
        for (int c : f.categories) {
            types.add(Category.ofNumber(c).label);
        }
        info.putArray("data_sources").add("AWS CloudTrail");
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", "TS-INCIDENT");
        analytic.put("name", "TrailSentry incident correlation");
        analytic.put("type_id", 1);
        analytic.put("type", "Rule");
        OcsfAttacks.writeAnalytics(info.putArray("related_analytics"), f);
        OcsfAttacks.writeAttacks(info.putArray("attacks"), f);
    }

    static void account(ObjectNode account, String uid) {
        account.put("uid", uid);
        account.put("type_id", AWS_ACCOUNT);
        account.put("type", "AWS Account");
    }

    static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(field, value);
        }
    }
}
