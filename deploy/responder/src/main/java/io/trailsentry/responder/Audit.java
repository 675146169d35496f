package io.trailsentry.responder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON line per step (and per finding the responder declines), to the Lambda's log: finding uid
 * and version, step, action, target, dry-run, outcome, the exact mutating calls. Strings from the
 * finding are attacker-influenced (group and cluster names), so every value is JSON-escaped and
 * capped.
 */
public final class Audit {
    static final int MAX_VALUE = 512;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Consumer<String> out;

    public Audit(Consumer<String> out) {
        this.out = out;
    }

    void step(
            FindingOrder f,
            FindingOrder.Step s,
            boolean dryRun,
            String outcome,
            List<Map<String, Object>> calls,
            String detail) {
        ObjectNode o = base(f.uid, f.version, f.principalArn, dryRun, outcome);
        o.put("step", s.order);
        o.put("phase", cap(s.phase));
        o.put("action", cap(s.action));
        o.put("target", cap(s.target));
        if (s.region != null) {
            o.put("region", cap(s.region));
        }
        if (calls != null && !calls.isEmpty()) {
            o.set("calls", JSON.valueToTree(calls));
        }
        if (detail != null) {
            o.put("detail", cap(detail));
        }
        write(o);
    }

    void finding(FindingOrder f, boolean dryRun, String outcome, String detail) {
        ObjectNode o = base(f.uid, f.version, f.principalArn, dryRun, outcome);
        o.put("severity_id", f.severityId);
        o.put("detail", cap(detail));
        write(o);
    }

    void malformed(String origin, boolean dryRun, String reason) {
        ObjectNode o = base(null, 0, null, dryRun, "malformed");
        o.put("record", cap(origin));
        o.put("detail", cap(reason));
        write(o);
    }

    private static ObjectNode base(
            String uid, int version, String principal, boolean dryRun, String outcome) {
        ObjectNode o = JSON.createObjectNode();
        o.put("audit", "trailsentry-responder");
        if (uid != null) {
            o.put("finding_uid", cap(uid));
            o.put("finding_version", version);
            o.put("principal", cap(principal));
        }
        o.put("dry_run", dryRun);
        o.put("outcome", outcome);
        return o;
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
