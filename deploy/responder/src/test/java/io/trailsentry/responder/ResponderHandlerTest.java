package io.trailsentry.responder;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler with the real SDK v2 clients against the WireMock stand-in: the exact mutating
 * requests for the campaign finding, in order; dry-run; never-act; redelivery; a malformed record;
 * a failing action; targets the evidence does not tie to the principal.
 */
class ResponderHandlerTest {
    static final String USER_ARN = "arn:aws:iam::111122223333:user/svc-reporting";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T14:10:00Z"), ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();

    AwsStandIn aws;
    final List<String> audit = new ArrayList<>();

    @BeforeEach
    void world() {
        Map<String, Boolean> instances = new LinkedHashMap<>();
        instances.put("i-0asgprotected00001", true);
        instances.put("i-0asgfree000000002", false);
        aws =
                new AwsStandIn()
                        .keyOwner("AKIAATTACKERKEY00001", "svc-reporting")
                        .keyOwner("AKIACREATEDKEY000002", "support-ses")
                        .group("asg-miner", instances)
                        .cluster(
                                "ecs-miner",
                                List.of(
                                        "arn:aws:ecs:ap-southeast-1:111122223333:service/ecs-miner/svc-extra"),
                                List.of(
                                        "arn:aws:ecs:ap-southeast-1:111122223333:task/ecs-miner/t1"));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    ResponderHandler handler(Map<String, String> env) {
        return new ResponderHandler(
                ResponderConfig.fromEnv(env), aws.clients("us-east-1"), audit::add, CLOCK);
    }

    static Map<String, String> live() {
        Map<String, String> env = new HashMap<>();
        env.put(ResponderConfig.DRY_RUN, "false");
        env.put(ResponderConfig.LEDGER_TABLE, "trailsentry-responder-ledger");
        return env;
    }

    static byte[] campaign() {
        return KinesisEvents.resource("campaign-finding.json");
    }

    /** "service Operation region key=value..." for the parameters that identify the target. */
    static List<String> described(List<AwsStandIn.Call> calls) {
        return calls.stream().map(ResponderHandlerTest::describe).collect(Collectors.toList());
    }

    static String describe(AwsStandIn.Call c) {
        Map<String, String> p = new LinkedHashMap<>(c.params);
        p.remove("PolicyDocument");
        p.remove("reason");
        return c.service + " " + c.operation + " " + c.region + " " + p;
    }

    @Test
    void campaignFindingGetsTheExactRequestsInResponseOrder() {
        StreamsEventResponse r = handler(live()).handleRequest(KinesisEvents.of(campaign()), null);

        assertThat(r.getBatchItemFailures()).as(String.join("\n", audit)).isEmpty();
        assertThat(described(aws.mutations()))
                .containsExactly(
                        "iam UpdateAccessKey aws-global {UserName=svc-reporting, AccessKeyId=AKIAATTACKERKEY00001, Status=Inactive}",
                        "iam UpdateAccessKey aws-global {UserName=support-ses, AccessKeyId=AKIACREATEDKEY000002, Status=Inactive}",
                        "iam PutUserPolicy aws-global {UserName=svc-reporting, PolicyName=TrailSentryQuarantine}",
                        "iam PutUserPolicy aws-global {UserName=svc-reporting, PolicyName=TrailSentryDenyCompute}",
                        "ec2 ModifyInstanceAttribute us-east-2 {InstanceId=i-0protected0000001, DisableApiTermination.Value=false}",
                        "autoscaling UpdateAutoScalingGroup ap-northeast-1 {AutoScalingGroupName=asg-miner, NewInstancesProtectedFromScaleIn=false}",
                        "autoscaling SetInstanceProtection ap-northeast-1 {InstanceIds.member.1=i-0asgprotected00001, AutoScalingGroupName=asg-miner, ProtectedFromScaleIn=false}",
                        "autoscaling UpdateAutoScalingGroup ap-northeast-1 {AutoScalingGroupName=asg-miner, MinSize=0, MaxSize=0, DesiredCapacity=0}",
                        "autoscaling DeleteAutoScalingGroup ap-northeast-1 {AutoScalingGroupName=asg-miner, ForceDelete=true}",
                        "ecs UpdateService ap-southeast-1 {cluster=ecs-miner, service=svc-miner, desiredCount=0}",
                        "ecs DeleteService ap-southeast-1 {cluster=ecs-miner, service=svc-miner, force=true}",
                        "ecs UpdateService ap-southeast-1 {cluster=ecs-miner, service=arn:aws:ecs:ap-southeast-1:111122223333:service/ecs-miner/svc-extra, desiredCount=0}",
                        "ecs DeleteService ap-southeast-1 {cluster=ecs-miner, service=arn:aws:ecs:ap-southeast-1:111122223333:service/ecs-miner/svc-extra, force=true}",
                        "ecs StopTask ap-southeast-1 {cluster=ecs-miner, task=arn:aws:ecs:ap-southeast-1:111122223333:task/ecs-miner/t1}",
                        "ecs DeleteCluster ap-southeast-1 {cluster=ecs-miner}",
                        "ecs DeregisterTaskDefinition ap-southeast-1 {taskDefinition=arn:aws:ecs:ap-southeast-1:111122223333:task-definition/worker-0:1}",
                        "ec2 TerminateInstances us-east-2 {InstanceId.1=i-0protected0000001}",
                        "ec2 TerminateInstances us-east-2 {InstanceId.1=i-0gpu0000000000002}",
                        "ec2 DeleteLaunchTemplate us-east-2 {LaunchTemplateName=lt-miner}");
        String deny =
                aws.mutations().stream()
                        .filter(c -> "TrailSentryDenyCompute".equals(c.params.get("PolicyName")))
                        .findFirst()
                        .orElseThrow()
                        .params
                        .get("PolicyDocument");
        assertThat(deny).contains("\"Effect\":\"Deny\"", "ec2:RunInstances", "ecs:CreateCluster");
        assertThat(lines()).extracting(l -> l.get("outcome").asText()).doesNotContain("failed");
    }

    @Test
    void dryRunReadsButSendsNothingThatMutatesAndLogsTheExactCalls() {
        StreamsEventResponse r =
                handler(Map.of()).handleRequest(KinesisEvents.of(campaign()), null);

        assertThat(r.getBatchItemFailures()).isEmpty();
        assertThat(aws.mutations()).isEmpty();
        assertThat(aws.calls()).extracting(c -> c.service).doesNotContain("dynamodb");
        JsonNode terminate =
                lines().stream()
                        .filter(l -> l.path("action").asText().equals("terminate-instance"))
                        .findFirst()
                        .orElseThrow();
        assertThat(terminate.get("dry_run").asBoolean()).isTrue();
        assertThat(terminate.get("outcome").asText()).isEqualTo("dry-run");
        assertThat(terminate.at("/calls/0/operation").asText()).isEqualTo("TerminateInstances");
        assertThat(terminate.at("/calls/0/region").asText()).isEqualTo("us-east-2");
        assertThat(lines())
                .filteredOn(l -> l.has("calls"))
                .flatExtracting(l -> l.get("calls").findValuesAsText("operation"))
                .hasSize(19);
    }

    @Test
    void neverActPrincipalGetsNoRequestAtAll() {
        Map<String, String> env = live();
        env.put(ResponderConfig.NEVER_ACT, "arn:aws:iam::*:role/BreakGlass*, " + USER_ARN);
        handler(env).handleRequest(KinesisEvents.of(campaign()), null);

        assertThat(aws.calls()).isEmpty();
        assertThat(lines())
                .singleElement()
                .satisfies(l -> assertThat(l.get("outcome").asText()).isEqualTo("declined"));
    }

    @Test
    void findingMarkedNeverActByTheDetectorIsDeclined() throws Exception {
        ObjectNode f = (ObjectNode) JSON.readTree(campaign());
        ((ObjectNode) f.at("/unmapped/trailsentry")).put("never_act", true);
        handler(live()).handleRequest(KinesisEvents.of(JSON.writeValueAsBytes(f)), null);

        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void belowMinimumSeverityOnlyLogs() throws Exception {
        ObjectNode f = (ObjectNode) JSON.readTree(campaign());
        f.put("severity_id", 3);
        handler(live()).handleRequest(KinesisEvents.of(JSON.writeValueAsBytes(f)), null);

        assertThat(aws.calls()).isEmpty();
        assertThat(lines().get(0).get("detail").asText()).contains("below the minimum 4");
    }

    @Test
    void redeliveryMutatesNothingTwiceAndALaterVersionOnlyItsNewSteps() throws Exception {
        ResponderHandler h = handler(live());
        h.handleRequest(KinesisEvents.of(campaign()), null);
        int first = aws.mutations().size();
        aws.forget();

        // the same record again (retry), and a fresh container with the same durable ledger
        h.handleRequest(KinesisEvents.of(campaign()), null);
        handler(live()).handleRequest(KinesisEvents.of(campaign()), null);
        assertThat(first).isEqualTo(19);
        assertThat(aws.mutations()).isEmpty();

        ObjectNode v4 = (ObjectNode) JSON.readTree(campaign());
        ((ObjectNode) v4.at("/unmapped/trailsentry")).put("finding_version", 4);
        ((com.fasterxml.jackson.databind.node.ArrayNode) v4.get("resources"))
                .addObject()
                .put("uid", "i-0late000000000003")
                .put("type", "AWS::EC2::Instance")
                .put("region", "eu-west-1");
        ((com.fasterxml.jackson.databind.node.ArrayNode)
                        v4.at("/unmapped/trailsentry/response_plan"))
                .addObject()
                .put("order", 16)
                .put("phase", "eradicate")
                .put("action", "terminate-instance")
                .put("target", "i-0late000000000003")
                .put("region", "eu-west-1");
        aws.forget();
        h.handleRequest(KinesisEvents.of(JSON.writeValueAsBytes(v4)), null);
        assertThat(described(aws.mutations()))
                .containsExactly(
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
        assertThat(aws.mutations()).hasSize(19);
        assertThat(lines())
                .filteredOn(l -> l.get("outcome").asText().equals("malformed"))
                .extracting(l -> l.get("detail").asText())
                .containsExactly(
                        lines().stream()
                                .filter(l -> l.get("outcome").asText().equals("malformed"))
                                .findFirst()
                                .orElseThrow()
                                .get("detail")
                                .asText(),
                        "not an OCSF Detection Finding (class_uid != 2004)");
        assertThat(lines().get(0).get("detail").asText()).startsWith("not JSON");
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
                lines().stream()
                        .filter(l -> l.get("outcome").asText().equals("failed"))
                        .findFirst()
                        .orElseThrow();
        assertThat(failed.get("target").asText()).isEqualTo("i-0protected0000001");
        assertThat(failed.get("detail").asText()).contains("UnauthorizedOperation");

        aws.heal();
        aws.forget();
        r = h.handleRequest(KinesisEvents.of(campaign()), null);
        assertThat(r.getBatchItemFailures()).isEmpty();
        assertThat(described(aws.mutations()))
                .containsExactly(
                        "ec2 TerminateInstances us-east-2 {InstanceId.1=i-0protected0000001}");
    }

    @Test
    void targetsTheEvidenceDoesNotTieToThePrincipalAreLeftAlone() throws Exception {
        ObjectNode f = (ObjectNode) JSON.readTree(campaign());
        com.fasterxml.jackson.databind.node.ArrayNode plan =
                (com.fasterxml.jackson.databind.node.ArrayNode)
                        f.at("/unmapped/trailsentry/response_plan");
        plan.removeAll();
        plan.addObject()
                .put("order", 1)
                .put("action", "terminate-instance")
                .put("target", "i-0production000001")
                .put("region", "us-east-2");
        plan.addObject()
                .put("order", 2)
                .put("action", "deactivate-access-key")
                .put("target", "AKIASOMEONEELSE00003");
        plan.addObject()
                .put("order", 3)
                .put("action", "quarantine-principal")
                .put("target", "arn:aws:iam::111122223333:user/alice");
        plan.addObject()
                .put("order", 4)
                .put("action", "terminate-instance")
                .put("target", "i-0protected0000001")
                .put("region", "eu-west-1");
        plan.addObject().put("order", 5).put("action", "format-disk").put("target", "vol-1");
        handler(live()).handleRequest(KinesisEvents.of(JSON.writeValueAsBytes(f)), null);

        assertThat(aws.calls()).isEmpty();
        assertThat(lines())
                .extracting(l -> l.get("outcome").asText())
                .containsExactly(
                        "not-in-evidence",
                        "not-in-evidence",
                        "not-in-evidence",
                        "not-in-evidence",
                        "unsupported-action");
    }

    @Test
    void keyOwnedByAnUnrelatedUserIsRefused() throws Exception {
        aws.keyOwner("AKIACREATEDKEY000002", "payroll-batch");
        handler(live()).handleRequest(KinesisEvents.of(campaign()), null);

        assertThat(described(aws.mutations()))
                .noneMatch(c -> c.contains("AKIACREATEDKEY000002"))
                .anyMatch(c -> c.contains("AKIAATTACKERKEY00001"));
        assertThat(lines())
                .filteredOn(l -> "AKIACREATEDKEY000002".equals(l.path("target").asText()))
                .extracting(l -> l.get("outcome").asText())
                .containsExactly("refused");
    }

    @Test
    void disabledStepsAreSkippedAndTheRestRuns() {
        Map<String, String> env = live();
        env.put(ResponderConfig.DISABLED_ACTIONS, "terminate-instance,delete-ecs-cluster");
        handler(env).handleRequest(KinesisEvents.of(campaign()), null);

        assertThat(aws.mutations())
                .extracting(c -> c.operation)
                .doesNotContain("TerminateInstances", "DeleteCluster", "StopTask")
                .contains("UpdateAccessKey", "DeleteAutoScalingGroup");
    }

    @Test
    void roleFindingRevokesOlderSessionsInsteadOfQuarantine() throws Exception {
        String role = "arn:aws:iam::111122223333:role/ci/deploy-role";
        ObjectNode f = (ObjectNode) JSON.readTree(campaign());
        ((ObjectNode) f.at("/actor/user")).put("uid", role);
        com.fasterxml.jackson.databind.node.ArrayNode plan =
                (com.fasterxml.jackson.databind.node.ArrayNode)
                        f.at("/unmapped/trailsentry/response_plan");
        plan.removeAll();
        plan.addObject().put("order", 1).put("action", "revoke-role-sessions").put("target", role);
        plan.addObject().put("order", 2).put("action", "deny-compute-creation").put("target", role);
        handler(live()).handleRequest(KinesisEvents.of(JSON.writeValueAsBytes(f)), null);

        assertThat(described(aws.mutations()))
                .containsExactly(
                        "iam PutRolePolicy aws-global {RoleName=deploy-role, PolicyName=TrailSentryRevokeOlderSessions}",
                        "iam PutRolePolicy aws-global {RoleName=deploy-role, PolicyName=TrailSentryDenyCompute}");
        assertThat(aws.mutations().get(0).params.get("PolicyDocument"))
                .contains("\"aws:TokenIssueTime\":\"2026-03-10T14:10:00Z\"", "DateLessThan");
    }

    List<JsonNode> lines() {
        List<JsonNode> out = new ArrayList<>();
        for (String l : audit) {
            try {
                out.add(JSON.readTree(l));
            } catch (Exception e) {
                throw new AssertionError("audit line is not JSON: " + l, e);
            }
        }
        return out;
    }
}
