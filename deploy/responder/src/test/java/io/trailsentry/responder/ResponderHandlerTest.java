package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.described;
import static io.trailsentry.responder.Fixtures.line;
import static io.trailsentry.responder.Fixtures.lines;
import static io.trailsentry.responder.Fixtures.live;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler with the real SDK v2 clients against the WireMock stand-in: the exact mutating
 * requests for the campaign finding, in order; dry-run; never-act; redelivery; a malformed record;
 * a failing action; targets the evidence does not tie to the principal.
 */
class ResponderHandlerTest {
    static final String TASK =
            "arn:aws:ecs:ap-southeast-1:111122223333:task/ecs-miner/0a1b2c3d4e5f";

    static final List<String> CAMPAIGN_MUTATIONS = ExampleWorlds.CAMPAIGN_MUTATIONS;

    AwsStandIn aws;
    final List<String> audit = new ArrayList<>();

    @BeforeEach
    void world() {
        aws = ExampleWorlds.campaign();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    ResponderHandler handler(Map<String, String> env) {
        return Fixtures.handler(aws, env, audit);
    }

    static byte[] campaign() {
        return KinesisEvents.resource("campaign-finding.json");
    }

    @Test
    void campaignFindingGetsTheExactRequestsInResponseOrder() {
        StreamsEventResponse r = handler(live()).handleRequest(KinesisEvents.of(campaign()), null);

        assertThat(r.getBatchItemFailures()).as(String.join("\n", audit)).isEmpty();
        assertThat(described(aws.mutations())).containsExactlyElementsOf(CAMPAIGN_MUTATIONS);
        String deny =
                aws.mutations().stream()
                        .filter(c -> "TrailSentryDenyCompute".equals(c.params.get("PolicyName")))
                        .findFirst()
                        .orElseThrow()
                        .params
                        .get("PolicyDocument");
        assertThat(deny).contains("\"Effect\":\"Deny\"", "ec2:RunInstances", "ecs:CreateCluster");
        assertThat(Fixtures.outcomes(audit))
                .contains("review-modified-instance=advisory", "rotate-credentials=advisory")
                .allMatch(o -> o.endsWith("=done") || o.endsWith("=advisory"));
    }

    @Test
    void dryRunReadsButSendsNothingThatMutatesAndLogsTheExactCalls() {
        StreamsEventResponse r =
                handler(Map.of()).handleRequest(KinesisEvents.of(campaign()), null);

        assertThat(r.getBatchItemFailures()).isEmpty();
        assertThat(aws.mutations()).isEmpty();
        assertThat(aws.calls()).extracting(c -> c.service).doesNotContain("dynamodb");
        JsonNode terminate = line(audit, "terminate-instance");
        assertThat(terminate.get("dry_run").asBoolean()).isTrue();
        assertThat(terminate.get("outcome").asText()).isEqualTo("dry-run");
        assertThat(terminate.at("/calls/0/operation").asText())
                .isEqualTo("ModifyInstanceAttribute");
        assertThat(terminate.at("/calls/1/operation").asText()).isEqualTo("TerminateInstances");
        assertThat(terminate.at("/calls/1/region").asText()).isEqualTo("us-east-2");
        // planned against the world as it is: nothing was changed, so the cluster step still
        // finds the service and the task that steps before it would have removed, and the
        // terminations still find protection on
        assertThat(lines(audit))
                .filteredOn(l -> l.has("calls"))
                .flatExtracting(l -> l.get("calls").findValuesAsText("operation"))
                .hasSize(CAMPAIGN_MUTATIONS.size() + 3 + 2);
        List<String> scaledDown = new ArrayList<>();
        line(audit, "delete-ecs-cluster")
                .get("calls")
                .forEach(
                        c -> {
                            if (c.path("operation").asText().equals("UpdateService")) {
                                scaledDown.add(c.at("/params/service").asText());
                            }
                        });
        assertThat(scaledDown).containsExactly("svc-miner", "svc-extra");
    }

    @Test
    void neverActPrincipalGetsNoRequestAtAll() {
        Map<String, String> env = live();
        env.put(
                ResponderConfig.NEVER_ACT,
                "arn:aws:iam::*:role/BreakGlass*, ARN:AWS:IAM::111122223333:USER/SVC-*");
        handler(env).handleRequest(KinesisEvents.of(campaign()), null);

        assertThat(aws.calls()).isEmpty();
        assertThat(lines(audit))
                .singleElement()
                .satisfies(l -> assertThat(l.get("outcome").asText()).isEqualTo("declined"));
    }

    @Test
    void findingMarkedNeverActByTheDetectorIsDeclined() {
        ObjectNode f = Fixtures.finding("campaign-finding.json");
        ((ObjectNode) f.at("/unmapped/trailsentry")).put("never_act", true);
        handler(live()).handleRequest(KinesisEvents.of(Fixtures.bytes(f)), null);

        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void belowMinimumSeverityOnlyLogs() {
        ObjectNode f = Fixtures.finding("campaign-finding.json");
        f.put("severity_id", 3);
        handler(live()).handleRequest(KinesisEvents.of(Fixtures.bytes(f)), null);

        assertThat(aws.calls()).isEmpty();
        assertThat(lines(audit).get(0).get("detail").asText()).contains("below the minimum 4");
    }

    @Test
    void redeliveryMutatesNothingTwiceAndALaterVersionOnlyItsNewSteps() {
        ResponderHandler h = handler(live());
        h.handleRequest(KinesisEvents.of(campaign()), null);
        int first = aws.mutations().size();
        aws.forget();

        // the same record again (retry), and a fresh container with the same durable ledger
        h.handleRequest(KinesisEvents.of(campaign()), null);
        handler(live()).handleRequest(KinesisEvents.of(campaign()), null);
        assertThat(first).isEqualTo(CAMPAIGN_MUTATIONS.size());
        assertThat(aws.mutations()).isEmpty();

        ObjectNode v4 = Fixtures.finding("campaign-finding.json");
        ((ObjectNode) v4.at("/unmapped/trailsentry")).put("finding_version", 4);
        Fixtures.resource(
                v4,
                "i-0late000000000003",
                "AWS::EC2::Instance",
                "eu-west-1",
                "created",
                "RunInstances");
        Fixtures.step(
                v4,
                "terminate-instance",
                "i-0late000000000003",
                "eu-west-1",
                Fixtures.NOW.minusSeconds(60));
        aws.forget();
        h.handleRequest(KinesisEvents.of(Fixtures.bytes(v4)), null);
        assertThat(described(aws.mutations()))
                .containsExactly(
                        "ec2 ModifyInstanceAttribute eu-west-1 {InstanceId=i-0late000000000003, DisableApiTermination.Value=false}",
                        "ec2 TerminateInstances eu-west-1 {InstanceId.1=i-0late000000000003}");
    }

    @Test
    void malformedRecordFailsAloneAndItsNeighboursAreHandled() {
        byte[] garbage = "{\"class_uid\":2004, trunc".getBytes(StandardCharsets.UTF_8);
        byte[] notAFinding = "{\"class_uid\":3002}".getBytes(StandardCharsets.UTF_8);
        StreamsEventResponse r =
                handler(live())
                        .handleRequest(KinesisEvents.of(garbage, campaign(), notAFinding), null);

        assertThat(r.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("1", "3");
        assertThat(aws.mutations()).hasSize(CAMPAIGN_MUTATIONS.size());
        List<JsonNode> malformed = new ArrayList<>();
        lines(audit).stream()
                .filter(l -> l.get("outcome").asText().equals("malformed"))
                .forEach(malformed::add);
        assertThat(malformed).hasSize(2);
        assertThat(malformed.get(0).get("detail").asText()).startsWith("not JSON");
        assertThat(malformed.get(1).get("detail").asText())
                .isEqualTo("not an OCSF Detection Finding (class_uid != 2004)");
    }

    @Test
    void failingActionDoesNotStopLaterStepsAndOnlyItIsRetried() {
        aws.failing("TerminateInstances", "i-0protected0000001");
        ResponderHandler h = handler(live());
        StreamsEventResponse r = h.handleRequest(KinesisEvents.of(campaign()), null);

        assertThat(r.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("1");
        assertThat(described(aws.mutations()))
                .contains(
                        "ec2 TerminateInstances us-east-2 {InstanceId.1=i-0gpu0000000000002}",
                        "ec2 DeleteLaunchTemplate us-east-2 {LaunchTemplateName=lt-miner}");
        JsonNode failed =
                lines(audit).stream()
                        .filter(l -> l.get("outcome").asText().equals("failed"))
                        .findFirst()
                        .orElseThrow();
        assertThat(failed.get("target").asText()).isEqualTo("i-0protected0000001");
        assertThat(failed.get("detail").asText()).contains("UnauthorizedOperation");

        aws.heal();
        aws.forget();
        r = h.handleRequest(KinesisEvents.of(campaign()), null);
        assertThat(r.getBatchItemFailures()).isEmpty();
        // protection was lifted on the first run: the retry only terminates
        assertThat(described(aws.mutations()))
                .containsExactly(
                        "ec2 TerminateInstances us-east-2 {InstanceId.1=i-0protected0000001}");
    }

    @Test
    void targetsTheEvidenceDoesNotTieToThePrincipalAreLeftAlone() {
        ObjectNode f = Fixtures.finding("campaign-finding.json");
        Fixtures.plan(f).removeAll();
        Fixtures.step(f, "terminate-instance", "i-0production000001", "us-east-2", Fixtures.NOW);
        Fixtures.step(f, "deactivate-access-key", "AKIASOMEONEELSE00003", null, null);
        Fixtures.step(
                f, "quarantine-principal", "arn:aws:iam::111122223333:user/alice", null, null);
        Fixtures.step(f, "terminate-instance", "i-0protected0000001", "eu-west-1", Fixtures.NOW);
        Fixtures.step(f, "format-disk", "vol-1", null, null);
        handler(live()).handleRequest(KinesisEvents.of(Fixtures.bytes(f)), null);

        assertThat(aws.calls()).extracting(c -> c.service).containsOnly("dynamodb");
        assertThat(Fixtures.outcomes(audit))
                .containsExactly(
                        "terminate-instance=not-in-evidence",
                        "deactivate-access-key=not-in-evidence",
                        "quarantine-principal=not-in-evidence",
                        "terminate-instance=not-in-evidence",
                        "format-disk=unsupported-action");
    }

    @Test
    void disabledStepsAreSkippedAndTheRestRuns() {
        Map<String, String> env = live();
        env.put(ResponderConfig.DISABLED_ACTIONS, "terminate-instance,delete-ecs-cluster");
        handler(env).handleRequest(KinesisEvents.of(campaign()), null);

        assertThat(aws.mutations())
                .extracting(c -> c.operation)
                .doesNotContain("TerminateInstances", "DeleteCluster")
                .contains("UpdateAccessKey", "DeleteAutoScalingGroup");
    }
}
