package io.trailsentry.securityhub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * The forwarder with the real Security Hub client of the AWS SDK against WireMock: the requests it
 * sends (shape, limits, one Security Hub finding per incident) and what it reports back to Lambda.
 */
class SecurityHubForwarderTest {
    static final String IMPORT = "/findings/import";
    static final String OK = "{\"FailedCount\":0,\"SuccessCount\":1,\"FailedFindings\":[]}";

    WireMockServer wm;
    SecurityHubForwarder forwarder;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(post(urlEqualTo(IMPORT)).willReturn(aResponse().withStatus(200).withBody(OK)));
        SecurityHubClient client =
                SecurityHubClient.builder()
                        .endpointOverride(URI.create(wm.baseUrl()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("AKIDTEST", "secret")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
        forwarder =
                new SecurityHubForwarder(
                        new ForwarderConfig(Findings.ACCOUNT, "us-east-1", "aws"),
                        client,
                        log::add);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    List<JsonNode> calls() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : wm.findAll(postRequestedFor(urlEqualTo(IMPORT)))) {
            out.add(Findings.JSON.readTree(r.getBodyAsString()).get("Findings"));
        }
        return out;
    }

    static List<String> ids(JsonNode findings) {
        List<String> out = new ArrayList<>();
        findings.forEach(f -> out.add(f.get("Id").asText()));
        return out;
    }

    static List<String> failures(StreamsEventResponse r) {
        List<String> out = new ArrayList<>();
        r.getBatchItemFailures().forEach(f -> out.add(f.getItemIdentifier()));
        return out;
    }

    @Test
    void sendsEveryRequiredAsffFieldSignedWithinTheLimits() throws Exception {
        StreamsEventResponse r =
                forwarder.handleRequest(
                        Findings.event(List.of(Findings.golden("user"), Findings.golden("role"))),
                        null);
        assertThat(failures(r)).isEmpty();
        wm.verify(
                1,
                postRequestedFor(urlEqualTo(IMPORT))
                        .withHeader("Authorization", containing("AWS4-HMAC-SHA256"))
                        .withHeader("Content-Type", containing("json")));
        JsonNode findings = calls().get(0);
        assertThat(findings).hasSize(2);
        for (JsonNode a : findings) {
            for (String field :
                    List.of(
                            "AwsAccountId",
                            "CreatedAt",
                            "Description",
                            "GeneratorId",
                            "Id",
                            "ProductArn",
                            "Resources",
                            "SchemaVersion",
                            "Severity",
                            "Title",
                            "Types",
                            "UpdatedAt")) {
                assertThat(a.hasNonNull(field)).as(field).isTrue();
            }
            assertThat(a.at("/Severity/Label").asText()).isEqualTo("CRITICAL");
            assertThat(a.get("ProductArn").asText())
                    .isEqualTo(
                            "arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default");
            assertThat(a.get("Description").asText().length()).isBetween(1, 1024);
            assertThat(a.get("Title").asText().length()).isBetween(1, 256);
            assertThat(a.get("Resources").size()).isBetween(1, 32);
            assertThat(a.get("RecordState").asText()).isEqualTo("ARCHIVED");
            assertThat(a.at("/Workflow/Status").asText()).isEqualTo("RESOLVED");
            assertThat(a.toString().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThan(240 * 1024)
                    .isLessThanOrEqualTo(
                            (int)
                                    AsffSize.of(
                                            new AsffMapper(AsffMapperTest.CONFIG)
                                                    .map(
                                                            Findings.golden(
                                                                    a.at("/Resources/0/Type")
                                                                                    .asText()
                                                                                    .equals(
                                                                                            "AwsIamRole")
                                                                            ? "role"
                                                                            : "user"))));
        }
        assertThat(ids(findings))
                .containsExactly(
                        Findings.golden("user").at("/finding_info/uid").asText(),
                        Findings.golden("role").at("/finding_info/uid").asText());
    }

    @Test
    void theVersionsOfAnIncidentUpdateOneSecurityHubFinding() throws Exception {
        long t = 1_773_151_413_000L;
        ObjectNode v1 = Findings.version("ts-one", 1, t, 1);
        ObjectNode v2 = Findings.version("ts-one", 2, t + 60_000, 2);
        ObjectNode v3 = Findings.version("ts-one", 3, t + 7_200_000, 3);
        for (ObjectNode v : List.of(v1, v2, v3)) {
            assertThat(failures(forwarder.handleRequest(Findings.event(List.of(v)), null)))
                    .isEmpty();
        }
        List<JsonNode> calls = calls();
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(c -> c.get(0).get("Id").asText()).containsOnly("ts-one");
        assertThat(calls)
                .extracting(c -> c.get(0).get("CreatedAt").asText())
                .containsOnly("2026-03-10T14:03:27Z");
        assertThat(calls)
                .extracting(c -> c.get(0).get("UpdatedAt").asText())
                .containsExactly(
                        "2026-03-10T14:03:33Z", "2026-03-10T14:04:33Z", "2026-03-10T16:03:33Z");
        assertThat(calls)
                .extracting(c -> c.get(0).get("RecordState").asText())
                .containsExactly("ACTIVE", "ACTIVE", "ARCHIVED");
        // all three in one delivery: only the newest is sent; every record succeeded
        wm.resetRequests();
        assertThat(failures(forwarder.handleRequest(Findings.event(List.of(v1, v3, v2)), null)))
                .isEmpty();
        assertThat(calls())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c).hasSize(1);
                            assertThat(
                                            c.get(0)
                                                    .at(
                                                            "/ProductFields/TrailSentry~1FindingVersion")
                                                    .asText())
                                    .isEqualTo("3");
                        });
    }

    @Test
    void atMostOneHundredFindingsPerCall() throws Exception {
        List<ObjectNode> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(Findings.version("ts-" + i, 1, 1_773_151_413_000L, 1));
        }
        assertThat(failures(forwarder.handleRequest(Findings.event(many), null))).isEmpty();
        assertThat(calls()).extracting(JsonNode::size).containsExactly(100, 100, 50);
    }

    @Test
    void rejectedFindingsAreReportedAsPartialBatchFailures() throws Exception {
        wm.stubFor(
                post(urlEqualTo(IMPORT))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withBody(
                                                "{\"FailedCount\":1,\"SuccessCount\":2,\"FailedFindings\":"
                                                        + "[{\"Id\":\"ts-b\",\"ErrorCode\":\"InvalidInput\","
                                                        + "\"ErrorMessage\":\"bad\\n<script>x</script>\"}]}")));
        StreamsEventResponse r =
                forwarder.handleRequest(
                        Findings.event(
                                List.of(
                                        Findings.version("ts-a", 1, 1_773_151_413_000L, 1),
                                        Findings.version("ts-b", 1, 1_773_151_413_000L, 1),
                                        Findings.version("ts-c", 1, 1_773_151_413_000L, 1))),
                        null);
        assertThat(failures(r)).containsExactly("2");
        assertThat(log).anySatisfy(l -> assertThat(l).contains("ts-b rejected: InvalidInput bad?"));
        assertThat(log).allSatisfy(l -> assertThat(l).doesNotContain("\n"));
    }

    @Test
    void aFailedCallFailsItsOwnRecordsOnly() throws Exception {
        wm.stubFor(
                post(urlEqualTo(IMPORT))
                        .withRequestBody(containing("\"ts-poison\""))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withBody(
                                                "{\"__type\":\"InvalidInputException\",\"Message\":\"no\"}")));
        List<ObjectNode> many = new ArrayList<>();
        many.add(Findings.version("ts-poison", 1, 1_773_151_413_000L, 1));
        for (int i = 0; i < 149; i++) {
            many.add(Findings.version("ts-" + i, 1, 1_773_151_413_000L, 1));
        }
        List<String> failed = failures(forwarder.handleRequest(Findings.event(many), null));
        assertThat(failed).hasSize(100).contains("1", "100").doesNotContain("101", "150");
    }

    @Test
    void unreadableRecordsFailAloneAndOtherAccountsAreSkipped() throws Exception {
        ObjectNode foreign = Findings.version("ts-foreign", 1, 1_773_151_413_000L, 1);
        ((ObjectNode) foreign.at("/cloud/account")).put("uid", "999999999999");
        StreamsEventResponse r =
                forwarder.handleRequest(
                        Findings.event(
                                "not json".getBytes(StandardCharsets.UTF_8),
                                "{\"class_uid\":3001}".getBytes(StandardCharsets.UTF_8),
                                Findings.bytes(foreign),
                                Findings.bytes(
                                        Findings.version("ts-ok", 1, 1_773_151_413_000L, 1))),
                        null);
        assertThat(failures(r)).containsExactly("1", "2");
        assertThat(calls())
                .singleElement()
                .satisfies(c -> assertThat(ids(c)).containsExactly("ts-ok"));
        assertThat(log)
                .anySatisfy(
                        l -> assertThat(l).contains("skipped ts-foreign of account 999999999999"));
    }

    @Test
    void redeliveryRepeatsTheSameImport() throws Exception {
        var event = Findings.event(List.of(Findings.golden("user")));
        forwarder.handleRequest(event, null);
        forwarder.handleRequest(Findings.event(List.of(Findings.golden("user"))), null);
        List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlEqualTo(IMPORT)));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getBodyAsString()).isEqualTo(requests.get(0).getBodyAsString());
    }
}
