package io.trailsentry.responder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * One SNS message per finding the responder acted on, declined, or planned in dry-run: who, which
 * account, the decision, and each step's outcome. The message is JSON written by Jackson (every
 * value escaped) with attacker-chosen strings capped; the subject carries no finding text at all. A
 * redelivery in which every step was already finished sends nothing.
 */
final class Notifier {
    static final int MAX_VALUE = 256;
    static final int MAX_STEPS_LISTED = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsClients central;
    private final ResponderConfig config;
    private final Audit audit;

    Notifier(AwsClients central, ResponderConfig config, Audit audit) {
        this.central = central;
        this.config = config;
        this.audit = audit;
    }

    void tell(FindingOrder f, Outcomes o) {
        if (config.notifyTopicArn == null || !o.news()) {
            return;
        }
        String message = message(f, o, config.dryRun);
        try {
            central.sns(config.notifyRegion())
                    .publish(
                            b ->
                                    b.topicArn(config.notifyTopicArn)
                                            .subject(subject(f, o, config.dryRun))
                                            .message(message));
        } catch (RuntimeException e) {
            audit.notifyFailed(f, config.dryRun, Responder.reason(e));
        }
    }

    static String decision(Outcomes o, boolean dryRun) {
        if (o.declined != null) {
            return "declined";
        }
        if (o.count("capped") > 0) {
            return "capped";
        }
        return dryRun ? "planned (dry-run)" : o.retry() ? "acted, unfinished" : "acted";
    }

    /** Fixed words and numbers only: SNS subjects are plain ASCII, and no finding text is safe. */
    static String subject(FindingOrder f, Outcomes o, boolean dryRun) {
        return "TrailSentry responder: finding "
                + decision(o, dryRun)
                + ", severity "
                + f.severityId;
    }

    static String message(FindingOrder f, Outcomes o, boolean dryRun) {
        ObjectNode m = JSON.createObjectNode();
        m.put("source", "trailsentry-responder");
        m.put("finding_uid", cap(f.uid));
        m.put("finding_version", f.version);
        m.put("account", cap(f.accountId));
        m.put("principal", cap(f.principalArn));
        m.put("severity_id", f.severityId);
        m.put("dry_run", dryRun);
        m.put("decision", decision(o, dryRun));
        if (o.declined != null) {
            m.put("reason", cap(o.declined));
        }
        Map<String, Integer> counts = new TreeMap<>();
        o.steps.forEach(e -> counts.merge(e.outcome, 1, Integer::sum));
        m.set("outcomes", JSON.valueToTree(counts));
        ArrayNode steps = m.putArray("steps");
        for (Outcomes.Entry e : o.steps.subList(0, Math.min(o.steps.size(), MAX_STEPS_LISTED))) {
            ObjectNode s = steps.addObject();
            s.put("order", e.step.order);
            s.put("action", cap(e.step.action));
            s.put("target", cap(e.step.target));
            if (e.step.region != null) {
                s.put("region", cap(e.step.region));
            }
            s.put("outcome", e.outcome);
            s.put(dryRun ? "calls_planned" : "calls_sent", e.calls);
            if (e.detail != null) {
                s.put("detail", cap(e.detail));
            }
        }
        if (o.steps.size() > MAX_STEPS_LISTED) {
            m.put("steps_not_listed", o.steps.size() - MAX_STEPS_LISTED);
        }
        return m.toString();
    }

    static String cap(String s) {
        if (s == null || s.length() <= MAX_VALUE) {
            return s;
        }
        return s.substring(0, MAX_VALUE) + "...(" + s.length() + " chars)";
    }
}
