package io.trailsentry.responder;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in's request side: reads each signed request (service, region and access key from the
 * SigV4 scope, operation and parameters from the form body or the JSON target), records it, injects
 * chosen failures and throttling, and hands the rest to the protocol's answers.
 */
final class StandInTraffic implements ResponseDefinitionTransformerV2 {
    private static final Pattern SCOPE =
            Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");

    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    final List<AwsStandIn.Call> calls = Collections.synchronizedList(new ArrayList<>());

    /** Runs before each request is answered (tests make AWS slow with it). */
    volatile Runnable onRequest = () -> {};

    private final QueryAnswers query;
    private final JsonAnswers json;

    StandInTraffic(QueryAnswers query, JsonAnswers json) {
        this.query = query;
        this.json = json;
    }

    @Override
    public String getName() {
        return "aws-stand-in";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request r = event.getRequest();
        Matcher m = SCOPE.matcher(String.valueOf(r.getHeader("Authorization")));
        if (!m.find()) {
            return respond(
                    403,
                    "text/xml",
                    QueryAnswers.error(403, "MissingAuthenticationToken", "unsigned request")[1]);
        }
        String target = r.containsHeader("X-Amz-Target") ? r.getHeader("X-Amz-Target") : null;
        String body = r.getBodyAsString();
        Map<String, String> params;
        String operation;
        JsonNode tree = null;
        if (target != null) {
            operation = target.substring(target.indexOf('.') + 1);
            tree = read(body);
            params = flatten(tree);
        } else {
            params = form(body);
            operation = params.remove("Action");
            params.remove("Version");
        }
        String token =
                r.containsHeader("X-Amz-Security-Token")
                        ? r.getHeader("X-Amz-Security-Token")
                        : null;
        AwsStandIn.Call call =
                new AwsStandIn.Call(m.group(3), m.group(2), operation, params, m.group(1), token);
        calls.add(call);
        onRequest.run();
        String[] answer = injected(call, target != null);
        if (answer == null) {
            answer = target == null ? query.answer(call) : json.answer(call, tree);
        }
        return respond(
                Integer.parseInt(answer[0]),
                target == null ? "text/xml" : "application/x-amz-json-1.1",
                answer[1]);
    }

    /** A chosen failure or throttling, or null. */
    private String[] injected(AwsStandIn.Call c, boolean isJson) {
        AtomicInteger t = throttled.get(c.operation);
        if (t != null && t.getAndDecrement() > 0) {
            return isJson
                    ? new String[] {
                        "400", "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"
                    }
                    : c.service.equals("ec2")
                            ? QueryAnswers.ec2Error(
                                    503, "RequestLimitExceeded", "Request limit exceeded.")
                            : QueryAnswers.error(400, "Throttling", "Rate exceeded");
        }
        for (String v : c.params.values()) {
            if (failing.contains(c.operation + "|" + v)) {
                return isJson
                        ? new String[] {
                            "400",
                            "{\"__type\":\"AccessDeniedException\",\"message\":\"stand-in failure\"}"
                        }
                        : c.service.equals("ec2")
                                ? QueryAnswers.ec2Error(
                                        400, "UnauthorizedOperation", "stand-in failure")
                                : QueryAnswers.error(400, "AccessDenied", "stand-in failure");
            }
        }
        return null;
    }

    private ResponseDefinition respond(int status, String type, String body) {
        return new ResponseDefinitionBuilder()
                .withStatus(status)
                .withHeader("Content-Type", type)
                .withBody(body)
                .build();
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k =
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v =
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    /** Top-level JSON fields as strings (arrays and objects as their JSON text). */
    static Map<String, String> flatten(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields()
                .forEachRemaining(
                        e ->
                                out.put(
                                        e.getKey(),
                                        e.getValue().isValueNode()
                                                ? e.getValue().asText()
                                                : e.getValue().toString()));
        return out;
    }

    private static JsonNode read(String body) {
        try {
            return JsonAnswers.JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
