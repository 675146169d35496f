package io.trailsentry.responder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of an OCSF Detection Finding the responder needs: who, how severe, which keys,
 * resources and sessions the evidence ties to the principal, and the ordered response plan. Every
 * JSON path the responder reads is named here and nowhere else.
 */
public final class FindingOrder {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_STEPS = 2_000;

    static final String UID = "/finding_info/uid";
    static final String ACCOUNT = "/cloud/account/uid";
    static final String PRINCIPAL = "/actor/user/uid";
    static final String EXTENSION = "/unmapped/trailsentry";

    public final String uid;
    public final int version;
    public final int severityId;
    public final boolean suppressed;
    public final boolean neverAct;
    public final String accountId;
    public final String principalArn;
    public final Evidence evidence;
    public final List<Step> plan;

    private FindingOrder(JsonNode f) throws MalformedFindingException {
        if (f.path("class_uid").asInt() != 2004) {
            throw new MalformedFindingException(
                    "not an OCSF Detection Finding (class_uid != 2004)");
        }
        this.uid = text(f, UID);
        JsonNode ext = f.at(EXTENSION);
        if (!ext.isObject()) {
            throw new MalformedFindingException("no unmapped.trailsentry extension");
        }
        this.version = ext.path("finding_version").asInt(-1);
        if (version < 1) {
            throw new MalformedFindingException("finding_version missing or not positive");
        }
        this.severityId = f.path("severity_id").asInt(0);
        if (severityId < 1 || severityId > 6) {
            throw new MalformedFindingException("severity_id missing or out of range");
        }
        this.suppressed = f.path("status_id").asInt() == 3 || ext.path("suppressed").asBoolean();
        this.neverAct = ext.path("never_act").asBoolean(false);
        this.accountId = text(f, ACCOUNT);
        this.principalArn = text(f, PRINCIPAL);
        this.evidence = evidence(f, ext);
        this.plan = plan(ext);
    }

    /**
     * When the call that tied a resource happened: OCSF's {@code created_time} (created) or {@code
     * modified_time} (modified), else {@code data.time} (findings written before OCSF 1.6).
     */
    private static Long tiedAt(JsonNode r) {
        for (JsonNode t : new JsonNode[] {r.path("created_time"), r.path("modified_time")}) {
            if (t.isNumber()) {
                return t.asLong();
            }
        }
        JsonNode d = r.path("data").path("time");
        return d.isNumber() ? d.asLong() : null;
    }

    private static Evidence evidence(JsonNode f, JsonNode ext) {
        Set<String> keys = new LinkedHashSet<>();
        ext.path("access_key_ids").forEach(k -> keys.add(k.asText()));
        List<Evidence.Resource> resources = new ArrayList<>();
        for (JsonNode r : f.path("resources")) {
            JsonNode d = r.path("data");
            resources.add(
                    new Evidence.Resource(
                            r.path("uid").asText(),
                            r.path("type").asText(),
                            r.path("region").asText(""),
                            optText(d, "provenance"),
                            optText(d, "event"),
                            tiedAt(r)));
            if ("AWS::IAM::AccessKey".equals(r.path("type").asText())) {
                keys.add(r.path("uid").asText());
            }
        }
        List<Evidence.Session> sessions = new ArrayList<>();
        for (JsonNode s : ext.path("sessions")) {
            sessions.add(new Evidence.Session(optText(s, "name"), optText(s, "user_id")));
        }
        List<Evidence.Linked> linked = new ArrayList<>();
        for (JsonNode l : ext.path("linked_identities")) {
            String arn = optText(l, "arn");
            if (arn != null) {
                linked.add(new Evidence.Linked(arn, optText(l, "type"), optText(l, "user_id")));
            }
        }
        return new Evidence(keys, resources, sessions, linked);
    }

    private static List<Step> plan(JsonNode ext) throws MalformedFindingException {
        JsonNode plan = ext.path("response_plan");
        if (!plan.isArray()) {
            throw new MalformedFindingException("response_plan missing");
        }
        if (plan.size() > MAX_STEPS) {
            throw new MalformedFindingException(
                    "response_plan has more than " + MAX_STEPS + " steps");
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : plan) {
            if (!s.path("action").isTextual() || !s.path("target").isTextual()) {
                throw new MalformedFindingException("a response_plan step lacks action or target");
            }
            Step.Builder b = new Step.Builder();
            b.order = s.path("order").asInt();
            b.phase = s.path("phase").asText();
            b.action = s.path("action").asText();
            b.target = s.path("target").asText();
            b.region = optText(s, "region");
            b.provenance = optText(s, "provenance");
            b.createdAt = s.path("created_at").isNumber() ? s.get("created_at").asLong() : null;
            b.cluster = optText(s, "cluster");
            b.service = optText(s, "service");
            b.template = optText(s, "template");
            b.version = s.path("version").isValueNode() ? optText(s, "version") : null;
            List<String> ids = new ArrayList<>();
            s.path("user_ids").forEach(u -> ids.add(u.asText()));
            b.userIds = ids;
            steps.add(b.build());
        }
        steps.sort((a, b) -> Integer.compare(a.order, b.order));
        return Collections.unmodifiableList(steps);
    }

    public static FindingOrder parse(byte[] data) throws MalformedFindingException {
        JsonNode tree;
        try {
            tree = JSON.readTree(data);
        } catch (IOException e) {
            throw new MalformedFindingException("not JSON: " + firstLine(e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedFindingException("not a JSON object");
        }
        return new FindingOrder(tree);
    }

    private static String optText(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isEmpty() ? v.asText() : null;
    }

    private static String text(JsonNode f, String pointer) throws MalformedFindingException {
        JsonNode n = f.at(pointer);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new MalformedFindingException(pointer + " missing");
        }
        return n.asText();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    /** The record cannot be read as a finding; it fails alone. */
    public static final class MalformedFindingException extends Exception {
        public MalformedFindingException(String message) {
            super(message);
        }
    }
}
