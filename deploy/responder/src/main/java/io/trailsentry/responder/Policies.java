package io.trailsentry.responder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The inline deny policies the responder attaches; names are fixed so a re-run overwrites. */
final class Policies {
    static final String QUARANTINE = "TrailSentryQuarantine";
    static final String REVOKE_SESSIONS = "TrailSentryRevokeOlderSessions";
    static final String DENY_COMPUTE = "TrailSentryDenyCompute";
    static final String DENY_SESSION_PREFIX = "TrailSentryDenySession-";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What starts spend: instances, fleets, groups, templates, clusters, services, tasks. */
    static final String[] COMPUTE_ACTIONS = {
        "ec2:RunInstances",
        "ec2:RequestSpotInstances",
        "ec2:RequestSpotFleet",
        "ec2:CreateFleet",
        "ec2:CreateLaunchTemplate",
        "ec2:CreateLaunchTemplateVersion",
        "ec2:ModifyInstanceAttribute",
        "autoscaling:CreateAutoScalingGroup",
        "autoscaling:UpdateAutoScalingGroup",
        "autoscaling:SetDesiredCapacity",
        "autoscaling:CreateLaunchConfiguration",
        "autoscaling:SetInstanceProtection",
        "ecs:CreateCluster",
        "ecs:CreateService",
        "ecs:UpdateService",
        "ecs:RunTask",
        "ecs:StartTask",
        "ecs:RegisterTaskDefinition",
        "ecs:CreateCapacityProvider"
    };

    private Policies() {}

    static String denyAll() {
        return document(statement("TrailSentryQuarantine"));
    }

    /** Denies everything to sessions issued before {@code now}, as the console's "revoke". */
    static String revokeOlderSessions(long nowMillis) {
        ObjectNode st = statement("TrailSentryRevokeOlderSessions");
        st.putObject("Condition")
                .putObject("DateLessThan")
                .put("aws:TokenIssueTime", Instant.ofEpochMilli(nowMillis).toString());
        return document(st);
    }

    /**
     * Denies everything to the named sessions ({@code aws:userid} is "ROLEID:session-name") until
     * {@code expires}; the role itself and its other sessions keep working.
     */
    static String denySessions(Collection<String> userIds, Instant expires) {
        ObjectNode st = statement("TrailSentryDenySession");
        ObjectNode cond = st.putObject("Condition");
        ArrayNode ids = cond.putObject("StringEquals").putArray("aws:userid");
        userIds.forEach(ids::add);
        cond.putObject("DateLessThan").put("aws:CurrentTime", expires.toString());
        return document(st);
    }

    /** The session ids a deny-session document names (URL-encoded as IAM returns it, or not). */
    static List<String> deniedSessions(String document) {
        List<String> out = new ArrayList<>();
        if (document == null) {
            return out;
        }
        String doc =
                document.trim().startsWith("{")
                        ? document
                        : URLDecoder.decode(document, StandardCharsets.UTF_8);
        try {
            for (JsonNode st : JSON.readTree(doc).path("Statement")) {
                JsonNode ids = st.at("/Condition/StringEquals/aws:userid");
                if (ids.isArray()) {
                    ids.forEach(i -> out.add(i.asText()));
                } else if (ids.isTextual()) {
                    out.add(ids.asText());
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    static String denyCompute() {
        ObjectNode st = JSON.createObjectNode();
        st.put("Sid", "TrailSentryDenyCompute").put("Effect", "Deny");
        ArrayNode actions = st.putArray("Action");
        for (String a : COMPUTE_ACTIONS) {
            actions.add(a);
        }
        st.put("Resource", "*");
        return document(st);
    }

    private static ObjectNode statement(String sid) {
        ObjectNode st = JSON.createObjectNode();
        st.put("Sid", sid).put("Effect", "Deny").put("Action", "*").put("Resource", "*");
        return st;
    }

    private static String document(ObjectNode statement) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Version", "2012-10-17");
        doc.putArray("Statement").add(statement);
        return doc.toString();
    }
}
