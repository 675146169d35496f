package io.trailsentry.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.trailsentry.responder.KinesisEvents;
import io.trailsentry.securityhub.ForwarderConfig;
import io.trailsentry.securityhub.SecurityHubForwarder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** The Security Hub forwarder's part of deploy/managed-flink/trailsentry.yaml against its code. */
class SecurityHubForwarderTemplateTest {
    static final List<String> FORWARDER =
            List.of(
                    "SecurityHubForwarderFailures",
                    "SecurityHubForwarderLogGroup",
                    "SecurityHubForwarderRole",
                    "SecurityHubForwarder",
                    "FindingsToSecurityHub",
                    "SecurityHubForwarderFailuresAlarm");
    static Template t;

    @BeforeAll
    static void read() throws Exception {
        t = new Template(Yaml.read("deploy/managed-flink/trailsentry.yaml"));
    }

    @Test
    void theForwarderIsDeployedOnlyWhenAsked() {
        assertThat(t.root.at("/Parameters/ForwardToSecurityHub/Default").asText())
                .isEqualTo("false");
        assertThat(t.root.at("/Conditions/ForwardingToSecurityHub/Fn::Equals/0/Ref").asText())
                .isEqualTo("ForwardToSecurityHub");
        for (String name : FORWARDER) {
            assertThat(t.resource(name).path("Condition").asText())
                    .as(name)
                    .isEqualTo("ForwardingToSecurityHub");
        }
    }

    @Test
    void theFunctionRunsTheForwarderFromTheFindingsStream() throws Exception {
        JsonNode fn = t.resource("SecurityHubForwarder").path("Properties");
        String handler = fn.path("Handler").asText();
        Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
        assertThat(RequestHandler.class).isAssignableFrom(type);
        assertThat(type).isEqualTo(SecurityHubForwarder.class);
        assertThat(fn.path("Runtime").asText()).isIn("java17", "java21");
        assertThat(t.resolve(fn.path("Role"))).isEqualTo("att-SecurityHubForwarderRole-Arn");
        JsonNode esm = t.resource("FindingsToSecurityHub").path("Properties");
        assertThat(t.resolve(esm.path("EventSourceArn")))
                .isEqualTo(
                        t.resolve(
                                t.resource("FindingsToResponder")
                                        .at("/Properties/EventSourceArn")));
        assertThat(t.resolve(esm.path("FunctionName"))).isEqualTo("ref-SecurityHubForwarder");
        assertThat(Yaml.strings(esm.path("FunctionResponseTypes")))
                .containsExactly("ReportBatchItemFailures");
        assertThat(esm.path("BisectBatchOnFunctionError").asBoolean()).isTrue();
        assertThat(esm.path("MaximumRetryAttempts").asInt()).isBetween(1, 10);
        assertThat(esm.path("BatchSize").asInt()).isBetween(1, 100);
        assertThat(t.resolve(esm.at("/DestinationConfig/OnFailure/Destination")))
                .isEqualTo("att-SecurityHubForwarderFailures-Arn");
    }

    /**
     * The handler, configured by the function's environment as the template sets it, imports a
     * golden finding through the real SDK client (against WireMock): what it calls is what the role
     * allows, on the resource the role names.
     */
    @Test
    void theRoleGrantsExactlyTheCallTheForwarderMakesOnTheDefaultProduct() throws Exception {
        Map<String, String> env = new HashMap<>();
        JsonNode vars = t.resource("SecurityHubForwarder").at("/Properties/Environment/Variables");
        for (Iterator<Map.Entry<String, JsonNode>> it = vars.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            env.put(e.getKey(), t.resolve(e.getValue()));
        }
        env.put(ForwarderConfig.REGION, Template.REGION); // set by the Lambda runtime
        ForwarderConfig config = ForwarderConfig.fromEnv(env);
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        Set<String> called = new TreeSet<>();
        try {
            wm.stubFor(
                    any(anyUrl())
                            .willReturn(
                                    aResponse()
                                            .withStatus(200)
                                            .withBody(
                                                    "{\"FailedCount\":0,\"SuccessCount\":1,\"FailedFindings\":[]}")));
            SecurityHubClient client =
                    SecurityHubClient.builder()
                            .endpointOverride(URI.create(wm.baseUrl()))
                            .region(Region.of(config.region))
                            .credentialsProvider(
                                    StaticCredentialsProvider.create(
                                            AwsBasicCredentials.create("AKIDTEST", "secret")))
                            .httpClient(UrlConnectionHttpClient.create())
                            .build();
            byte[] golden =
                    Files.readAllBytes(
                            Path.of(
                                    "..",
                                    "..",
                                    "testdata",
                                    "contract",
                                    "golden-finding-user.json"));
            KinesisEvent event = KinesisEvents.of(golden);
            List<String> log = new ArrayList<>();
            assertThat(
                            new SecurityHubForwarder(config, client, log::add)
                                    .handleRequest(event, null)
                                    .getBatchItemFailures())
                    .as("%s", log)
                    .isEmpty();
            for (LoggedRequest r :
                    wm.getAllServeEvents().stream().map(s -> s.getRequest()).toList()) {
                assertThat(r.getUrl()).isEqualTo("/findings/import"); // BatchImportFindings
                called.add("securityhub:BatchImportFindings");
            }
        } finally {
            wm.stop();
        }
        List<String> granted = new ArrayList<>(t.allowed("SecurityHubForwarderRole"));
        // what the event source mapping and logging need, which the handler never calls
        granted.removeAll(
                List.of(
                        "kinesis:DescribeStream",
                        "kinesis:DescribeStreamSummary",
                        "kinesis:GetRecords",
                        "kinesis:GetShardIterator",
                        "kinesis:ListShards",
                        "kinesis:ListStreams",
                        "sqs:SendMessage",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents"));
        assertThat(new TreeSet<>(granted))
                .isEqualTo(called)
                .containsExactly("securityhub:BatchImportFindings");
        for (Object[] rs : t.statements()) {
            JsonNode st = (JsonNode) rs[1];
            if (rs[0].equals("SecurityHubForwarderRole")
                    && Yaml.strings(st.path("Action"))
                            .contains("securityhub:BatchImportFindings")) {
                assertThat(t.resolve(st.path("Resource"))).isEqualTo(config.productArn());
            }
        }
    }
}
