package io.trailsentry.finding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.Provenance;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.incident.Evidence;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.ResourceRef;
import io.trailsentry.incident.ResponseStep;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Renders a {@link Finding} as an OCSF 1.3 Detection Finding (class 2004), one JSON object. The
 * explanation and response plan also go into the documented {@code unmapped.trailsentry} extension
 * object, which the responder reads.
 */
public final class OcsfWriter {
    public static final String PRODUCT = "TrailSentry";
    public static final String OCSF_VERSION = "1.3.0";
    public static final int CLASS_UID = 2004;
    public static final int CATEGORY_UID = 2;

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
        "/finding_info/uid",
        "/finding_info/title",
        "/finding_info/desc",
        "/cloud/provider",
        "/cloud/account/uid",
        "/actor/user/uid",
        "/evidences",
        "/resources",
        "/attacks",
        "/status_id",
        "/confidence_id",
        "/unmapped/trailsentry/finding_version",
        "/unmapped/trailsentry/response_plan"
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String productVersion;

    public OcsfWriter(String productVersion) {
        this.productVersion = productVersion;
    }

    public String toJson(Finding f) {
        try {
            return MAPPER.writeValueAsString(toNode(f));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render finding " + f.uid, e);
        }
    }

    public ObjectNode toNode(Finding f) {
        ObjectNode o = MAPPER.createObjectNode();
        int activity = f.version == 1 ? 1 : 2; // Create, Update
        o.put("activity_id", activity);
        o.put("activity_name", activity == 1 ? "Create" : "Update");
        o.put("category_uid", CATEGORY_UID);
        o.put("category_name", "Findings");
        o.put("class_uid", CLASS_UID);
        o.put("class_name", "Detection Finding");
        o.put("type_uid", CLASS_UID * 100 + activity);
        o.put("time", f.time);
        Severity sev = Severity.ofId(f.severityId);
        o.put("severity_id", sev.id);
        o.put("severity", sev.ocsfName);
        o.put("status_id", f.suppressed ? 3 : 1);
        o.put("status", f.suppressed ? "Suppressed" : "New");
        int confidence =
                f.sequence || f.categories.length >= 3 ? 3 : f.categories.length == 2 ? 2 : 1;
        o.put("confidence_id", confidence);
        o.put("message", f.title);

        ObjectNode meta = o.putObject("metadata");
        meta.put("version", OCSF_VERSION);
        meta.put("uid", f.uid + "-v" + f.version);
        meta.putArray("profiles").add("cloud");
        ObjectNode product = meta.putObject("product");
        product.put("name", PRODUCT);
        product.put("vendor_name", PRODUCT);
        product.put("version", productVersion);

        ObjectNode info = o.putObject("finding_info");
        info.put("uid", f.uid);
        info.put("title", f.title);
        info.put("desc", f.why);
        info.put("first_seen_time", f.firstSeen);
        info.put("last_seen_time", f.lastSeen);
        ArrayNode types = info.putArray("types");
        for (int c : f.categories) {
            types.add(Category.ofNumber(c).label);
        }
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("name", "TrailSentry incident correlation");
        analytic.put("type_id", 1);
        analytic.put("type", "Rule");
        ArrayNode related = info.putArray("related_analytics");
        for (String id : f.detectionIds) {
            Detection d = Detections.byId(id);
            ObjectNode a = related.addObject();
            a.put("uid", d.id);
            a.put("name", d.title);
            a.put("category", d.category.label);
        }

        ObjectNode cloud = o.putObject("cloud");
        cloud.put("provider", "AWS");
        cloud.putObject("account").put("uid", f.principal.accountId);
        if (f.regions.length > 0) {
            cloud.put("region", f.regions[0]);
        }

        ObjectNode user = o.putObject("actor").putObject("user");
        user.put("uid", f.principal.arn);
        user.put("name", f.principal.shortName());
        user.put("type", f.principal.type);
        user.putObject("account").put("uid", f.principal.accountId);
        if (f.accessKeyIds.length > 0) {
            user.put("credential_uid", f.accessKeyIds[0]);
        }

        writeEvidence(o.putArray("evidences"), f);
        writeResources(o.putArray("resources"), f);
        writeAttacks(o.putArray("attacks"), f);
        writeExtension(o.putObject("unmapped").putObject("trailsentry"), f);
        return o;
    }

    private static void writeEvidence(ArrayNode out, Finding f) {
        for (Evidence e : f.evidence) {
            ObjectNode ev = out.addObject();
            ObjectNode api = ev.putObject("api");
            api.put("operation", e.eventName);
            api.putObject("service").put("name", e.eventSource);
            api.putObject("request").put("uid", e.eventId);
            if (e.sourceIp != null) {
                ev.putObject("src_endpoint").put("ip", e.sourceIp);
            }
            ObjectNode data = ev.putObject("data");
            data.put("detection_uid", e.detectionId);
            data.put("category", e.category);
            data.put("time", e.eventTime);
            data.put("region", e.region);
            data.put("summary", e.summary);
            data.put("user_agent", e.userAgent);
            data.put("access_key_id", e.accessKeyId);
            if (e.routine) {
                data.put("routine", true);
            }
        }
    }

    private static void writeResources(ArrayNode out, Finding f) {
        Set<String> seen = new LinkedHashSet<>();
        for (ResourceRef r : f.targets) {
            if (seen.add(r.type + "|" + r.id + "|" + r.region)) {
                ObjectNode res = out.addObject();
                res.put("uid", r.id);
                res.put("type", cloudFormationType(r.type));
                if (r.region != null) {
                    res.put("region", r.region);
                }
                ObjectNode data = res.putObject("data");
                data.put("provenance", r.created() ? Provenance.CREATED : Provenance.MODIFIED);
                if (r.event != null) {
                    data.put("event", r.event);
                    data.put("time", r.time);
                }
                if (r.parent != null) {
                    data.put("cluster", r.parent);
                }
            }
        }
    }

    static String cloudFormationType(String type) {
        return ResourceType.ofKey(type).cloudFormationType;
    }

    private static void writeAttacks(ArrayNode out, Finding f) {
        Set<String> seen = new LinkedHashSet<>();
        for (String id : f.detectionIds) {
            Detection d = Detections.byId(id);
            if (seen.add(d.techniqueId)) {
                ObjectNode a = out.addObject();
                a.put("version", "v16");
                ObjectNode t = a.putObject("technique");
                t.put("uid", d.techniqueId);
                t.put("name", d.techniqueName);
                a.putObject("tactic").put("name", d.tacticName);
            }
        }
    }

    private static void writeStepDetail(ObjectNode step, ResponseStep s) {
        if (s.provenance != null) {
            step.put("provenance", s.provenance);
        }
        if (s.createdAt > 0) {
            step.put("created_at", s.createdAt);
        }
        putIfSet(step, "cluster", s.cluster);
        putIfSet(step, "service", s.service);
        putIfSet(step, "template", s.template);
        putIfSet(step, "version", s.version);
        if (s.userIds != null) {
            ArrayNode ids = step.putArray("user_ids");
            for (String id : s.userIds) {
                ids.add(id);
            }
        }
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static void writeExtension(ObjectNode ext, Finding f) {
        ext.put("finding_version", f.version);
        ext.put("principal_key", f.principal.key);
        if (f.principal.sessionName != null) {
            ext.put("session_name", f.principal.sessionName);
        }
        if ("AssumedRole".equals(f.principal.type)) {
            ObjectNode session = ext.putArray("sessions").addObject();
            session.put("name", f.principal.sessionName);
            session.put("user_id", f.principal.userId);
            ArrayNode keys = session.putArray("access_key_ids");
            for (String k : f.accessKeyIds) {
                keys.add(k);
            }
            ArrayNode ips = session.putArray("source_ips");
            for (String ip : f.sourceIps) {
                ips.add(ip);
            }
        }
        ArrayNode cats = ext.putArray("categories");
        for (int c : f.categories) {
            cats.add(c);
        }
        ArrayNode active = ext.putArray("active_categories");
        for (int c : f.activeCategories) {
            active.add(c);
        }
        ext.put("span_ms", f.spanMs);
        ext.put("sequence", f.sequence);
        ext.put("never_act", f.neverAct);
        if (f.suppressed) {
            ext.put("suppressed", true);
            ext.put("suppression_reason", f.suppressionReason);
            ext.put("unsuppressed_severity_id", f.unsuppressedSeverityId);
        }
        ArrayNode keys = ext.putArray("access_key_ids");
        for (String k : f.accessKeyIds) {
            keys.add(k);
        }
        ArrayNode plan = ext.putArray("response_plan");
        for (ResponseStep s : f.responsePlan) {
            ObjectNode step = plan.addObject();
            step.put("order", s.order);
            step.put("phase", s.phase);
            step.put("action", s.action);
            step.put("target", s.target);
            if (s.region != null) {
                step.put("region", s.region);
            }
            step.put("description", s.description);
            writeStepDetail(step, s);
        }
    }
}
