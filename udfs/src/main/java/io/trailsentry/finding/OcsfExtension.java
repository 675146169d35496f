package io.trailsentry.finding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.ResponseStep;

/**
 * {@code unmapped.trailsentry}: what OCSF has no home for. The responder reads {@code
 * finding_version}, {@code suppressed}, {@code never_act}, {@code access_key_ids} and {@code
 * response_plan}; docs/findings.md describes every field.
 */
final class OcsfExtension {
    private OcsfExtension() {}

    static void write(ObjectNode ext, Finding f) {
        ext.put("finding_version", f.version);
        ext.put("principal_key", f.principal.key);
        if ("AssumedRole".equals(f.principal.type)) {
            ObjectNode session = ext.putArray("sessions").addObject();
            session.put("name", f.principal.sessionName);
            session.put("user_id", f.principal.userId);
            strings(session.putArray("access_key_ids"), f.accessKeyIds);
            strings(session.putArray("source_ips"), f.sourceIps);
        }
        if (f.linked != null && f.linked.length > 0) {
            ArrayNode linked = ext.putArray("linked_identities");
            for (io.trailsentry.principal.Principal p : f.linked) {
                ObjectNode l = linked.addObject();
                l.put("arn", p.arn);
                l.put("type", p.type);
                OcsfWriter.putIfSet(l, "session_name", p.sessionName);
                OcsfWriter.putIfSet(l, "user_id", p.userId);
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
            ext.put("unsuppressed_severity_id", f.unsuppressedSeverityId);
        }
        strings(ext.putArray("access_key_ids"), f.accessKeyIds);
        ArrayNode plan = ext.putArray("response_plan");
        for (ResponseStep s : f.responsePlan) {
            ObjectNode step = plan.addObject();
            step.put("order", s.order);
            step.put("phase", s.phase);
            step.put("action", s.action);
            step.put("target", s.target);
            OcsfWriter.putIfSet(step, "region", s.region);
            step.put("description", s.description);
            writeStepDetail(step, s);
        }
    }

    private static void writeStepDetail(ObjectNode step, ResponseStep s) {
        OcsfWriter.putIfSet(step, "provenance", s.provenance);
        if (s.createdAt > 0) {
            step.put("created_at", s.createdAt);
        }
        OcsfWriter.putIfSet(step, "cluster", s.cluster);
        OcsfWriter.putIfSet(step, "service", s.service);
        OcsfWriter.putIfSet(step, "template", s.template);
        OcsfWriter.putIfSet(step, "version", s.version);
        if (s.userIds != null) {
            strings(step.putArray("user_ids"), s.userIds);
        }
    }

    private static void strings(ArrayNode out, String[] values) {
        for (String v : values == null ? new String[0] : values) {
            out.add(v);
        }
    }
}
