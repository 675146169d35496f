package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.described;
import static io.trailsentry.responder.Fixtures.live;
import static io.trailsentry.responder.Fixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Red team, live mode: a stolen session of a shared role (CI's deploy role). Only the thief's
 * session is denied, for a bounded time, and only what it created is removed; the role itself is
 * never given a permanent role-wide deny, so CI keeps deploying.
 */
class RedTeamSessionTest {
    static final String SECOND = "AROAEXAMPLEROLEID0001:second-thief";

    final AwsStandIn aws = ExampleWorlds.sharedRole(new AwsStandIn());
    final List<String> audit = new ArrayList<>();

    @AfterEach
    void stop() {
        aws.close();
    }

    void run(ObjectNode f, Map<String, String> env) {
        Fixtures.handleCleanly(aws, env, audit, f);
    }

    static JsonNode document(AwsStandIn.Call c) throws Exception {
        return Fixtures.JSON.readTree(c.params.get("PolicyDocument"));
    }

    @Test
    void onlyTheThiefsSessionIsDeniedAndOnlyWhatItCreatedIsRemoved() throws Exception {
        run(Fixtures.finding("shared-role-finding.json"), live());

        String denyName =
                Policies.DENY_SESSION_PREFIX + Step.digest("ts-sharedrole000000000000001");
        assertThat(described(aws.mutations()))
                .containsExactly(
                        "iam PutRolePolicy aws-global {RoleName=ci-deploy, PolicyName=TrailSentryRevokeOlderSessions}",
                        "iam PutRolePolicy aws-global {RoleName=ci-deploy, PolicyName="
                                + denyName
                                + "}",
                        "ec2 ModifyInstanceAttribute eu-west-1 {InstanceId=i-0thief0000000001, DisableApiTermination.Value=false}",
                        "autoscaling UpdateAutoScalingGroup eu-west-1 {AutoScalingGroupName=asg-thief, NewInstancesProtectedFromScaleIn=false}",
                        "autoscaling SetInstanceProtection eu-west-1 {InstanceIds.member.1=i-0thiefasg00000001, AutoScalingGroupName=asg-thief, ProtectedFromScaleIn=false}",
                        "autoscaling UpdateAutoScalingGroup eu-west-1 {AutoScalingGroupName=asg-thief, MinSize=0, MaxSize=0, DesiredCapacity=0}",
                        "autoscaling DeleteAutoScalingGroup eu-west-1 {AutoScalingGroupName=asg-thief, ForceDelete=true}",
                        "ec2 TerminateInstances eu-west-1 {InstanceId.1=i-0thief0000000001}");
        assertThat(aws.calls()).noneMatch(c -> c.params.containsValue("asg-prod"));
        assertThat(outcomes(audit)).contains("review-modified-autoscaling-group=advisory");

        JsonNode st = document(aws.mutations().get(1)).at("/Statement/0");
        assertThat(st.path("Effect").asText()).isEqualTo("Deny");
        assertThat(st.path("Action").asText()).isEqualTo("*");
        assertThat(st.at("/Condition/StringEquals/aws:userid"))
                .containsExactly(Fixtures.JSON.getNodeFactory().textNode(Fixtures.THIEF));
        assertThat(st.at("/Condition/DateLessThan/aws:CurrentTime").asText())
                .isEqualTo(Fixtures.NOW.plus(Duration.ofHours(24)).toString());
        assertThat(st.path("Condition").size())
                .as("both conditions, nothing role-wide")
                .isEqualTo(2);
        for (AwsStandIn.Call c : aws.mutations()) {
            if (c.operation.equals("PutRolePolicy")) {
                assertThat(c.params.get("PolicyDocument")).doesNotContain("ec2:RunInstances");
                assertThat(document(c).at("/Statement/0/Condition").isMissingNode())
                        .as("no unconditional deny")
                        .isFalse();
            }
        }
    }

    @Test
    void aRoleWideDenyOfComputeOrEverythingIsRefused() {
        ObjectNode f = Fixtures.bare("shared-role-finding.json");
        Fixtures.step(f, "deny-compute-creation", Fixtures.ROLE_ARN, null, null);
        Fixtures.step(f, "quarantine-principal", Fixtures.ROLE_ARN, null, null);
        run(f, live());

        assertThat(aws.calls()).extracting(c -> c.service).containsOnly("dynamodb");
        assertThat(outcomes(audit))
                .containsExactly("deny-compute-creation=refused", "quarantine-principal=refused");
        assertThat(Fixtures.lines(audit).get(0).get("detail").asText())
                .contains("contained by its sessions");
    }

    @Test
    void sessionsTheFindingDoesNotNameAreNeverDenied() {
        ObjectNode f = Fixtures.bare("shared-role-finding.json");
        ((ArrayNode)
                        Fixtures.step(f, "deny-session", Fixtures.ROLE_ARN, null, null)
                                .putArray("user_ids"))
                .add("AROAEXAMPLEROLEID0001:ci-pipeline-run-42");
        ((ArrayNode)
                        Fixtures.step(f, "deny-session", Fixtures.ROLE_ARN, null, null)
                                .putArray("user_ids"))
                .add("*");
        Fixtures.step(f, "deny-session", Fixtures.ROLE_ARN, null, null).putArray("user_ids");
        run(f, live());

        assertThat(aws.mutations()).isEmpty();
        assertThat(outcomes(audit))
                .containsExactly(
                        "deny-session=refused", "deny-session=refused", "deny-session=refused");
    }

    @Test
    void aLaterVersionAddsItsNewSessionAndKeepsTheFirst() throws Exception {
        Map<String, String> env = live();
        env.put(ResponderConfig.SESSION_DENY_HOURS, "6");
        run(Fixtures.finding("shared-role-finding.json"), env);
        aws.forget();

        ObjectNode v2 = Fixtures.finding("shared-role-finding.json");
        ObjectNode ext = (ObjectNode) v2.at("/unmapped/trailsentry");
        ext.put("finding_version", 2);
        ((ArrayNode) ext.get("sessions"))
                .addObject()
                .put("name", "second-thief")
                .put("user_id", SECOND);
        ((ArrayNode) Fixtures.plan(v2).get(1).get("user_ids")).add(SECOND);
        run(v2, env);

        assertThat(aws.mutations())
                .singleElement()
                .satisfies(c -> assertThat(c.operation).isEqualTo("PutRolePolicy"));
        JsonNode st = document(aws.mutations().get(0)).at("/Statement/0");
        assertThat(st.at("/Condition/StringEquals/aws:userid").toString())
                .isEqualTo("[\"" + Fixtures.THIEF + "\",\"" + SECOND + "\"]");
        assertThat(st.at("/Condition/DateLessThan/aws:CurrentTime").asText())
                .isEqualTo(Fixtures.NOW.plus(Duration.ofHours(6)).toString());
        assertThat(aws.calls()).extracting(c -> c.operation).contains("GetRolePolicy");
    }
}
