package io.trailsentry.responder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * WireMock standing in for IAM, EC2, Auto Scaling, ECS and DynamoDB, answering in each API's wire
 * protocol (query/XML for IAM, EC2 and Auto Scaling; JSON for ECS and DynamoDB) so the real SDK
 * clients parse real-shaped responses. It holds a small world (key owners, groups, clusters), keeps
 * the ledger table with DynamoDB's conditional-put semantics, can fail chosen calls, and records
 * every request in order.
 */
public final class AwsStandIn implements AutoCloseable {
    private static final Pattern SCOPE =
            Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final Map<String, String> keyOwners = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Boolean>> groups = new ConcurrentHashMap<>();
    private final Map<String, List<List<String>>> clusters = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, String>> ledger = new ConcurrentHashMap<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    /** One request as the AWS API saw it. */
    public static final class Call {
        public final String service;
        public final String region;
        public final String operation;
        public final Map<String, String> params;

        Call(String service, String region, String operation, Map<String, String> params) {
            this.service = service;
            this.region = region;
            this.operation = operation;
            this.params = params;
        }

        /** Reads and the ledger are not mutations of the account. */
        public boolean mutates() {
            return !service.equals("dynamodb")
                    && !operation.startsWith("Describe")
                    && !operation.startsWith("List")
                    && !operation.startsWith("Get");
        }

        @Override
        public String toString() {
            return service + " " + operation + " " + params;
        }
    }

    public AwsStandIn() {
        server =
                new WireMockServer(
                        options().dynamicPort().bindAddress("127.0.0.1").extensions(new Answer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    public URI endpoint() {
        return URI.create(server.baseUrl());
    }

    /** SDK clients with dummy static credentials, every endpoint pointed here. */
    public AwsClients clients(String homeRegion) {
        return new AwsClients(
                endpoint(),
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDSTANDIN", "secret")),
                Region.of(homeRegion));
    }

    public AwsStandIn keyOwner(String accessKeyId, String user) {
        keyOwners.put(accessKeyId, user);
        return this;
    }

    /** A group with instances, each protected from scale-in or not. */
    public AwsStandIn group(String name, Map<String, Boolean> instances) {
        groups.put(name, new LinkedHashMap<>(instances));
        return this;
    }

    public AwsStandIn cluster(String name, List<String> serviceArns, List<String> taskArns) {
        clusters.put(name, List.of(List.copyOf(serviceArns), List.copyOf(taskArns)));
        return this;
    }

    /** Every {@code operation} call whose parameters mention {@code value} fails (HTTP 400). */
    public AwsStandIn failing(String operation, String value) {
        failing.add(operation + "|" + value);
        return this;
    }

    public void heal() {
        failing.clear();
    }

    public List<Call> calls() {
        synchronized (calls) {
            return new ArrayList<>(calls);
        }
    }

    public List<Call> mutations() {
        List<Call> out = new ArrayList<>();
        for (Call c : calls()) {
            if (c.mutates()) {
                out.add(c);
            }
        }
        return out;
    }

    public void forget() {
        calls.clear();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Answer implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "aws-stand-in";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request r = event.getRequest();
            Matcher m = SCOPE.matcher(String.valueOf(r.getHeader("Authorization")));
            if (!m.find()) {
                return error(403, "MissingAuthenticationToken", "unsigned request");
            }
            String region = m.group(1);
            String service = m.group(2);
            String target = r.containsHeader("X-Amz-Target") ? r.getHeader("X-Amz-Target") : null;
            String body = r.getBodyAsString();
            Map<String, String> params;
            String operation;
            if (target != null) {
                operation = target.substring(target.indexOf('.') + 1);
                params = flatten(body);
            } else {
                params = form(body);
                operation = params.remove("Action");
                params.remove("Version");
            }
            Call call = new Call(service, region, operation, params);
            calls.add(call);
            for (String v : params.values()) {
                if (failing.contains(operation + "|" + v)) {
                    return target == null
                            ? service.equals("ec2")
                                    ? ec2Error("UnauthorizedOperation", "stand-in failure")
                                    : error(400, "AccessDenied", "stand-in failure")
                            : json(
                                    400,
                                    "{\"__type\":\"AccessDeniedException\",\"message\":\"stand-in failure\"}");
                }
            }
            return target == null ? query(call) : jsonAnswer(call, body);
        }

        private ResponseDefinition query(Call c) {
            String op = c.operation;
            if (c.service.equals("ec2")) {
                return xml(
                        "<"
                                + op
                                + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                                + "<requestId>standin</requestId><return>true</return></"
                                + op
                                + "Response>");
            }
            String ns =
                    c.service.equals("iam")
                            ? "https://iam.amazonaws.com/doc/2010-05-08/"
                            : "http://autoscaling.amazonaws.com/doc/2011-01-01/";
            String result = "";
            if (op.equals("GetAccessKeyLastUsed")) {
                String owner = keyOwners.get(c.params.get("AccessKeyId"));
                if (owner == null) {
                    return error(404, "NoSuchEntity", "no such key");
                }
                result = "<UserName>" + owner + "</UserName>";
            } else if (op.equals("DescribeAutoScalingGroups")) {
                StringBuilder b = new StringBuilder("<AutoScalingGroups>");
                String name = c.params.get("AutoScalingGroupNames.member.1");
                Map<String, Boolean> instances = groups.get(name);
                if (instances != null) {
                    b.append("<member><AutoScalingGroupName>")
                            .append(name)
                            .append(
                                    "</AutoScalingGroupName><MinSize>0</MinSize><MaxSize>50</MaxSize>")
                            .append("<DesiredCapacity>")
                            .append(instances.size())
                            .append("</DesiredCapacity><Instances>");
                    instances.forEach(
                            (id, prot) ->
                                    b.append("<member><InstanceId>")
                                            .append(id)
                                            .append("</InstanceId><ProtectedFromScaleIn>")
                                            .append(prot)
                                            .append("</ProtectedFromScaleIn></member>"));
                    b.append("</Instances></member>");
                }
                result = b.append("</AutoScalingGroups>").toString();
            }
            return xml(
                    "<"
                            + op
                            + "Response xmlns=\""
                            + ns
                            + "\"><"
                            + op
                            + "Result>"
                            + result
                            + "</"
                            + op
                            + "Result><ResponseMetadata><RequestId>standin</RequestId></ResponseMetadata></"
                            + op
                            + "Response>");
        }

        private ResponseDefinition jsonAnswer(Call c, String body) {
            if (c.service.equals("dynamodb")) {
                return dynamo(c, body);
            }
            String name = c.params.get("cluster");
            List<List<String>> cluster = name == null ? null : clusters.get(name);
            switch (c.operation) {
                case "ListServices":
                case "ListTasks":
                    if (cluster == null) {
                        return json(
                                400,
                                "{\"__type\":\"ClusterNotFoundException\",\"message\":\"Cluster not found.\"}");
                    }
                    String field = c.operation.equals("ListServices") ? "serviceArns" : "taskArns";
                    List<String> arns = cluster.get(c.operation.equals("ListServices") ? 0 : 1);
                    return json(
                            200,
                            JSON.createObjectNode().set(field, JSON.valueToTree(arns)).toString());
                default:
                    return json(200, "{}");
            }
        }

        /** PutItem with the one condition the ledger uses, evaluated on the stored item. */
        private ResponseDefinition dynamo(Call c, String body) {
            if (!c.operation.equals("PutItem")) {
                return json(
                        400,
                        "{\"__type\":\"ValidationException\",\"message\":\"stand-in supports PutItem\"}");
            }
            JsonNode req = read(body);
            JsonNode item = req.get("Item");
            String pk = item.at("/pk/S").asText();
            Map<String, String> stored = ledger.get(pk);
            if (req.has("ConditionExpression") && stored != null) {
                String status = stored.get("status");
                long at = Long.parseLong(stored.get("at"));
                long stale = req.at("/ExpressionAttributeValues/:stale/N").asLong();
                boolean ok = status.equals("failed") || (status.equals("claimed") && at < stale);
                if (!ok) {
                    return json(
                            400,
                            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                                    + "\"message\":\"The conditional request failed\"}");
                }
            }
            Map<String, String> next = new HashMap<>();
            next.put("status", item.at("/status/S").asText());
            next.put("at", item.at("/at/N").asText());
            ledger.put(pk, next);
            return json(200, "{}");
        }

        private ResponseDefinition xml(String body) {
            return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(body)
                    .build();
        }

        private ResponseDefinition error(int status, String code, String message) {
            return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
                    .withStatus(status)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                            "<ErrorResponse><Error><Type>Sender</Type><Code>"
                                    + code
                                    + "</Code><Message>"
                                    + message
                                    + "</Message></Error><RequestId>standin</RequestId></ErrorResponse>")
                    .build();
        }

        private ResponseDefinition ec2Error(String code, String message) {
            return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
                    .withStatus(400)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                            "<Response><Errors><Error><Code>"
                                    + code
                                    + "</Code><Message>"
                                    + message
                                    + "</Message></Error></Errors><RequestID>standin</RequestID></Response>")
                    .build();
        }

        private ResponseDefinition json(int status, String body) {
            return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(body)
                    .build();
        }
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
    static Map<String, String> flatten(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode n = read(body);
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
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
