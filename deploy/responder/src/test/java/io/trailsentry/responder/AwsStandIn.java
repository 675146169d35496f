package io.trailsentry.responder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * WireMock standing in for IAM, EC2, Auto Scaling, ECS, DynamoDB, STS and SNS, answering in each
 * API's wire protocol (query/XML for IAM, EC2, Auto Scaling, STS and SNS; JSON for ECS and
 * DynamoDB) so the real SDK clients parse real-shaped responses. It holds a small world ({@link
 * StandInWorld}), keeps the ledger table with DynamoDB's conditional-put semantics, can fail or
 * throttle chosen calls, and records every request in order with the access key that signed it.
 */
public final class AwsStandIn implements AutoCloseable {
    public static final String CENTRAL_KEY = "AKIDSTANDIN";

    private final WireMockServer server;
    final StandInWorld world = new StandInWorld();
    private final QueryAnswers query = new QueryAnswers(world);
    private final JsonAnswers json = new JsonAnswers(world);
    private final StandInTraffic traffic = new StandInTraffic(query, json);

    /** One request as the AWS API saw it. */
    public static final class Call {
        public final String service;
        public final String region;
        public final String operation;
        public final Map<String, String> params;

        /** The access key id in the request's signature, and its session token header. */
        public final String accessKeyId;

        public final String sessionToken;

        Call(
                String service,
                String region,
                String operation,
                Map<String, String> params,
                String accessKeyId,
                String sessionToken) {
            this.service = service;
            this.region = region;
            this.operation = operation;
            this.params = params;
            this.accessKeyId = accessKeyId;
            this.sessionToken = sessionToken;
        }

        /** Reads, the ledger, STS and notifications are not mutations of the account. */
        public boolean mutates() {
            return !service.equals("dynamodb")
                    && !service.equals("sts")
                    && !service.equals("sns")
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
                        options().dynamicPort().bindAddress("127.0.0.1").extensions(traffic));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    public URI endpoint() {
        return URI.create(server.baseUrl());
    }

    /** SDK clients with dummy static credentials ({@link #CENTRAL_KEY}), every endpoint here. */
    public AwsClients clients(String homeRegion) {
        return new AwsClients(
                endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(CENTRAL_KEY, "secret")),
                Region.of(homeRegion));
    }

    /** The access key id STS hands out for a member account's role. */
    public static String memberKey(String account) {
        return "ASIAMEMBER" + account;
    }

    public AwsStandIn keyOwner(String accessKeyId, String user) {
        world.keyOwners.put(accessKeyId, user);
        return this;
    }

    /**
     * A group created at {@link StandInWorld#LATE}, with instances protected from scale-in or not.
     */
    public AwsStandIn group(String name, Map<String, Boolean> instances) {
        return group(name, instances, StandInWorld.LATE);
    }

    public AwsStandIn group(String name, Map<String, Boolean> instances, Instant created) {
        world.groups.put(name, new StandInWorld.Group(new LinkedHashMap<>(instances), created));
        return this;
    }

    /** An instance that first ran at {@code firstRan}, last (re)started at {@code launchTime}. */
    public AwsStandIn instance(
            String id, Instant firstRan, Instant launchTime, boolean protectedFromTermination) {
        StandInWorld.Instance i = new StandInWorld.Instance(firstRan, launchTime);
        i.protectedFromTermination = protectedFromTermination;
        world.instances.put(id, i);
        return this;
    }

    public AwsStandIn template(String name, Instant created, String createdBy) {
        world.templates.put(name, new StandInWorld.Template(created, createdBy));
        return this;
    }

    public AwsStandIn templateVersion(
            String name, String version, Instant created, boolean isDefault) {
        StandInWorld.Template t = world.template(name);
        t.versions.put(version, created);
        if (isDefault) {
            t.defaultVersion = version;
        }
        return this;
    }

    /** A cluster whose services and tasks (by ARN) were created at {@link StandInWorld#LATE}. */
    public AwsStandIn cluster(String name, List<String> serviceArns, List<String> taskArns) {
        StandInWorld.Cluster c = new StandInWorld.Cluster();
        for (String s : serviceArns) {
            c.services.add(
                    new StandInWorld.Service(
                            s.substring(s.lastIndexOf('/') + 1), StandInWorld.LATE, null));
        }
        for (String t : taskArns) {
            c.tasks.add(new StandInWorld.Task(t, StandInWorld.LATE, "family:worker"));
        }
        world.clusters.put(name, c);
        return this;
    }

    /** An empty cluster; add to it with {@link #service} and {@link #task}. */
    public AwsStandIn cluster(String name) {
        world.clusters.put(name, new StandInWorld.Cluster());
        return this;
    }

    public AwsStandIn service(String cluster, String name, Instant created, String createdBy) {
        world.clusters
                .get(cluster)
                .services
                .add(new StandInWorld.Service(name, created, createdBy));
        return this;
    }

    public AwsStandIn task(String cluster, String arn, Instant created, String group) {
        world.clusters.get(cluster).tasks.add(new StandInWorld.Task(arn, created, group));
        return this;
    }

    public AwsStandIn taskDefinition(
            String familyRevision, Instant registered, String registeredBy) {
        world.taskDefinitions.put(
                familyRevision, new StandInWorld.TaskDefinition(registered, registeredBy));
        return this;
    }

    /** Every {@code operation} call whose parameters mention {@code value} fails (HTTP 400). */
    public AwsStandIn failing(String operation, String value) {
        traffic.failing.add(operation + "|" + value);
        return this;
    }

    /** The next {@code times} calls of {@code operation} are throttled. */
    public AwsStandIn throttle(String operation, int times) {
        traffic.throttled.put(operation, new AtomicInteger(times));
        return this;
    }

    /** Runs {@code hook} before answering each request. */
    public AwsStandIn onRequest(Runnable hook) {
        traffic.onRequest = hook;
        return this;
    }

    public void heal() {
        traffic.failing.clear();
        traffic.throttled.clear();
    }

    /** A ledger item as stored: attribute name to its value. */
    public Map<String, String> ledgerItem(String pk) {
        return json.dynamo.ledgerItem(pk);
    }

    /** Stores a claim as an invocation that died would have left it. */
    public void leaveClaim(String pk, String owner, long at, long lease) {
        json.dynamo.leaveClaim(pk, owner, at, lease);
    }

    public List<Call> calls() {
        synchronized (traffic.calls) {
            return new ArrayList<>(traffic.calls);
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
        traffic.calls.clear();
    }

    @Override
    public void close() {
        server.stop();
    }
}
