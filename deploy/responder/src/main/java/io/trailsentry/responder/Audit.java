package io.trailsentry.responder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON line per step (and per finding the responder declines), to the Lambda's log: finding uid
 * and version, account, step, action, target, dry-run, outcome, the exact mutating calls. Strings
 * from the finding are attacker-influenced (group and cluster names), so every value is
 * JSON-escaped (Jackson writes the line) and capped.
 */
public final class Audit {
    static final int MAX_VALUE = 512;

    /** Calls listed in full on one line; the rest are counted. */
    static final int MAX_CALLS_LISTED = 50;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Consumer<String> out;

    public Audit(Consumer<String> out) {
        this.out = out;
    }

    void step(
            FindingOrder f,
            Step s,
            boolean dryRun,
            String outcome,
            List<Map<String, Object>> calls,
            String detail) {
        ObjectNode o = base(f, dryRun, outcome);
        o.put("step", s.order);
        o.put("phase", cap(s.phase));
        o.put("action", cap(s.action));
        o.put("target", cap(s.target));
        if (s.region != null) {
            o.put("region", cap(s.region));
        }
        if (calls != null && !calls.isEmpty()) {
            List<Map<String, Object>> listed =
                    calls.subList(0, Math.min(calls.size(), MAX_CALLS_LISTED));
            o.set("calls", capped(JSON.valueToTree(listed)));
            o.put("call_count", calls.size());
        }
        if (detail != null) {
            o.put("detail", cap(detail));
        }
        write(o);
    }

    void finding(FindingOrder f, boolean dryRun, String outcome, String detail) {
        ObjectNode o = base(f, dryRun, outcome);
        o.put("severity_id", f.severityId);
        o.put("detail", cap(detail));
        write(o);
    }

    void notifyFailed(FindingOrder f, boolean dryRun, String detail) {
        ObjectNode o = base(f, dryRun, "notify-failed");
        o.put("detail", cap(detail));
        write(o);
    }

    void malformed(String origin, boolean dryRun, String reason) {
        ObjectNode o = JSON.createObjectNode();
        o.put("audit", "trailsentry-responder");
        o.put("dry_run", dryRun);
        o.put("outcome", "malformed");
        o.put("record", cap(origin));
        o.put("detail", cap(reason));
        write(o);
    }

    private static ObjectNode base(FindingOrder f, boolean dryRun, String outcome) {
        ObjectNode o = JSON.createObjectNode();
        o.put("audit", "trailsentry-responder");
        o.put("finding_uid", cap(f.uid));
        o.put("finding_version", f.version);
        o.put("account", cap(f.accountId));
        o.put("principal", cap(f.principalArn));
        o.put("dry_run", dryRun);
        o.put("outcome", outcome);
        return o;
    }

    /** Every string inside the call parameters capped too (names come from the finding). */
    private static com.fasterxml.jackson.databind.JsonNode capped(
            com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isTextual()) {
            return JSON.getNodeFactory().textNode(cap(n.asText()));
        }
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            o.fieldNames().forEachRemaining(k -> o.set(k, capped(o.get(k))));
            return o;
        }
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) n).set(i, capped(n.get(i)));
            }
        }
        return n;
    }

    private void write(ObjectNode o) {
        try {
            out.accept(JSON.writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit line not writable", e);
        }
    }

    static String cap(String s) {
        if (s == null || s.length() <= MAX_VALUE) {
            return s;
        }
        return s.substring(0, MAX_VALUE) + "...(" + s.length() + " chars)";
    }
}
