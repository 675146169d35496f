package io.trailsentry.responder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shared pieces of the responder tests: the clock, environments, findings, audit lines. */
final class Fixtures {
    static final String ACCOUNT = "111122223333";
    static final String USER_ARN = "arn:aws:iam::111122223333:user/svc-reporting";
    static final String ROLE_ARN = "arn:aws:iam::111122223333:role/ci-deploy";
    static final String THIEF = "AROAEXAMPLEROLEID0001:i-am-the-thief";

    /** The creating events of the example findings are at 14:00-14:04; the response at 14:10. */
    static final Instant NOW = Instant.parse("2026-03-10T14:10:00Z");

    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Long before any finding: production resources. */
    static final Instant PROD = Instant.parse("2025-06-01T09:00:00Z");

    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static Map<String, String> live() {
        Map<String, String> env = new HashMap<>();
        env.put(ResponderConfig.DRY_RUN, "false");
        env.put(ResponderConfig.LEDGER_TABLE, "trailsentry-responder-ledger");
        return env;
    }

    /** Hands {@code f} to a handler and asserts no record of the batch failed (audit as reason). */
    static void handleCleanly(
            AwsStandIn aws, Map<String, String> env, List<String> audit, ObjectNode f) {
        assertThat(
                        handler(aws, env, audit)
                                .handleRequest(KinesisEvents.of(bytes(f)), null)
                                .getBatchItemFailures())
                .as(String.join("\n", audit))
                .isEmpty();
    }

    static ResponderHandler handler(AwsStandIn aws, Map<String, String> env, List<String> audit) {
        return new ResponderHandler(
                ResponderConfig.fromEnv(env), aws.clients("us-east-1"), audit::add, CLOCK);
    }

    static ObjectNode finding(String resource) {
        try {
            return (ObjectNode) JSON.readTree(KinesisEvents.resource(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode f) {
        try {
            return JSON.writeValueAsBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ArrayNode plan(ObjectNode f) {
        return (ArrayNode) f.at("/unmapped/trailsentry/response_plan");
    }

    static ArrayNode resources(ObjectNode f) {
        return (ArrayNode) f.get("resources");
    }

    /** A plan step; {@code createdAt} null for identity steps. */
    static ObjectNode step(
            ObjectNode f, String action, String target, String region, Instant createdAt) {
        ArrayNode plan = plan(f);
        ObjectNode s =
                plan.addObject()
                        .put("order", plan.size())
                        .put("action", action)
                        .put("target", target);
        if (region != null) {
            s.put("region", region);
        }
        if (createdAt != null) {
            s.put("provenance", "created").put("created_at", createdAt.toEpochMilli());
        }
        return s;
    }

    /** A resource entry with its provenance. */
    static ObjectNode resource(
            ObjectNode f, String uid, String type, String region, String provenance, String event) {
        ObjectNode r =
                resources(f).addObject().put("uid", uid).put("type", type).put("region", region);
        r.putObject("data")
                .put("provenance", provenance)
                .put("event", event)
                .put("time", NOW.minusSeconds(300).toEpochMilli());
        return r;
    }

    /** The finding with an empty plan and no resources: tests add exactly what they need. */
    static ObjectNode bare(String resource) {
        ObjectNode f = finding(resource);
        plan(f).removeAll();
        resources(f).removeAll();
        return f;
    }

    /** "service Operation region key=value..." for the parameters that identify the target. */
    static List<String> described(List<AwsStandIn.Call> calls) {
        return calls.stream().map(Fixtures::describe).collect(Collectors.toList());
    }

    static String describe(AwsStandIn.Call c) {
        Map<String, String> p = new LinkedHashMap<>(c.params);
        p.remove("PolicyDocument");
        p.remove("reason");
        return c.service + " " + c.operation + " " + c.region + " " + p;
    }

    static List<JsonNode> lines(List<String> audit) {
        List<JsonNode> out = new ArrayList<>();
        for (String l : audit) {
            try {
                out.add(JSON.readTree(l));
            } catch (IOException e) {
                throw new AssertionError("audit line is not JSON: " + l, e);
            }
        }
        return out;
    }

    /** The outcome of each step line, in order. */
    static List<String> outcomes(List<String> audit) {
        return lines(audit).stream()
                .filter(l -> l.has("step"))
                .map(l -> l.get("action").asText() + "=" + l.get("outcome").asText())
                .collect(Collectors.toList());
    }

    static JsonNode line(List<String> audit, String action) {
        return lines(audit).stream()
                .filter(l -> action.equals(l.path("action").asText()))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no audit line for "
                                                + action
                                                + ":\n"
                                                + String.join("\n", audit)));
    }
}
