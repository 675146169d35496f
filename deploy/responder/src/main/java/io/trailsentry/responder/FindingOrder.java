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
 * The parts of an OCSF Detection Finding the responder needs: who, how severe, which keys and
 * resources the evidence ties to the principal, and the ordered response plan.
 */
public final class FindingOrder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_STEPS = 2_000;

    public final String uid;
    public final int version;
    public final int severityId;
    public final boolean suppressed;
    public final boolean neverAct;
    public final String accountId;
    public final String principalArn;
    public final Set<String> accessKeyIds;

    /**
     * "type|id|region" of every resource in the finding, e.g. "AWS::EC2::Instance|i-1|us-east-1".
     */
    private final Set<String> resources;

    public final List<Step> plan;

    /** One step of the finding's plan, as the detector wrote it. */
    public static final class Step {
        public final int order;
        public final String phase;
        public final String action;
        public final String target;
        public final String region;

        Step(int order, String phase, String action, String target, String region) {
            this.order = order;
            this.phase = phase;
            this.action = action;
            this.target = target;
            this.region = region;
        }

        /** Ledger key part: the same step of any later version of the finding is the same. */
        public String key() {
            return action + "|" + target + "|" + (region == null ? "" : region);
        }
    }

    private FindingOrder(JsonNode f) throws MalformedFindingException {
        if (f.path("class_uid").asInt() != 2004) {
            throw new MalformedFindingException(
                    "not an OCSF Detection Finding (class_uid != 2004)");
        }
        this.uid = text(f, "/finding_info/uid");
        JsonNode ext = f.at("/unmapped/trailsentry");
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
        this.accountId = text(f, "/cloud/account/uid");
        this.principalArn = text(f, "/actor/user/uid");
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode k : ext.path("access_key_ids")) {
            keys.add(k.asText());
        }
        Set<String> res = new LinkedHashSet<>();
        for (JsonNode r : f.path("resources")) {
            res.add(
                    r.path("type").asText()
                            + "|"
                            + r.path("uid").asText()
                            + "|"
                            + r.path("region").asText(""));
            if ("AWS::IAM::AccessKey".equals(r.path("type").asText())) {
                keys.add(r.path("uid").asText());
            }
        }
        this.accessKeyIds = Collections.unmodifiableSet(keys);
        this.resources = res;
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
            steps.add(
                    new Step(
                            s.path("order").asInt(),
                            s.path("phase").asText(),
                            s.path("action").asText(),
                            s.path("target").asText(),
                            s.hasNonNull("region") ? s.get("region").asText() : null));
        }
        steps.sort((a, b) -> Integer.compare(a.order, b.order));
        this.plan = Collections.unmodifiableList(steps);
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

    /** True when the finding lists {@code id} as a resource of that CloudFormation type. */
    public boolean hasResource(String cfnType, String id, String region) {
        return resources.contains(cfnType + "|" + id + "|" + (region == null ? "" : region));
    }

    /** True when the finding lists {@code id} as a resource of that type, in any region. */
    public boolean hasResourceId(String cfnType, String id) {
        String prefix = cfnType + "|" + id + "|";
        for (String r : resources) {
            if (r.startsWith(prefix)) {
                return true;
            }
        }
        return false;
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
