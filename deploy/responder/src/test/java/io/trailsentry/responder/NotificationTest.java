package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.live;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One SNS Publish per finding acted on, declined or planned in dry-run, against the stand-in: what
 * was (or would be) done, per step; attacker-chosen text escaped and capped; the subject free of
 * it.
 */
class NotificationTest {
    static final String TOPIC = "arn:aws:sns:eu-central-1:111122223333:trailsentry-responder";

    final AwsStandIn aws = ExampleWorlds.campaign();
    final List<String> audit = new ArrayList<>();

    @AfterEach
    void stop() {
        aws.close();
    }

    static Map<String, String> env(boolean live) {
        Map<String, String> env = live ? live() : new java.util.HashMap<>();
        env.put(ResponderConfig.NOTIFY_TOPIC_ARN, TOPIC);
        return env;
    }

    List<AwsStandIn.Call> publishes() {
        return aws.calls().stream()
                .filter(c -> c.service.equals("sns"))
                .collect(Collectors.toList());
    }

    JsonNode message(int i) throws Exception {
        return Fixtures.JSON.readTree(publishes().get(i).params.get("Message"));
    }

    @Test
    void aFindingActedOnIsToldOnceWithEachStepsOutcome() throws Exception {
        ResponderHandler h = Fixtures.handler(aws, env(true), audit);
        h.handleRequest(KinesisEvents.of(KinesisEvents.resource("campaign-finding.json")), null);

        assertThat(publishes())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.operation).isEqualTo("Publish");
                            assertThat(p.region).isEqualTo("eu-central-1");
                            assertThat(p.params)
                                    .containsEntry("TopicArn", TOPIC)
                                    .containsEntry(
                                            "Subject",
                                            "TrailSentry responder: finding acted, severity 5");
                        });
        JsonNode m = message(0);
        assertThat(m.get("decision").asText()).isEqualTo("acted");
        assertThat(m.get("account").asText()).isEqualTo("111122223333");
        assertThat(m.get("steps")).hasSize(19);
        assertThat(m.at("/steps/0/action").asText()).isEqualTo("deactivate-access-key");
        assertThat(m.at("/steps/0/outcome").asText()).isEqualTo("done");
        assertThat(m.at("/steps/0/calls_sent").asInt()).isEqualTo(1);
        assertThat(m.at("/outcomes/done").asInt()).isEqualTo(16);
        assertThat(m.at("/outcomes/advisory").asInt()).isEqualTo(3);

        // a redelivery with nothing new is not told again
        h.handleRequest(KinesisEvents.of(KinesisEvents.resource("campaign-finding.json")), null);
        assertThat(publishes()).hasSize(1);
    }

    @Test
    void aDeclinedFindingAndADryRunPlanAreToldToo() throws Exception {
        Map<String, String> never = env(true);
        never.put(ResponderConfig.NEVER_ACT, Fixtures.USER_ARN);
        Fixtures.handler(aws, never, audit)
                .handleRequest(
                        KinesisEvents.of(KinesisEvents.resource("campaign-finding.json")), null);
        Fixtures.handler(aws, env(false), audit)
                .handleRequest(
                        KinesisEvents.of(KinesisEvents.resource("campaign-finding.json")), null);

        assertThat(publishes()).hasSize(2);
        assertThat(message(0).get("decision").asText()).isEqualTo("declined");
        assertThat(message(0).get("reason").asText()).isEqualTo("never-act principal");
        assertThat(message(1).get("decision").asText()).isEqualTo("planned (dry-run)");
        assertThat(message(1).get("dry_run").asBoolean()).isTrue();
        assertThat(message(1).at("/steps/18/action").asText()).isEqualTo("rotate-credentials");
        JsonNode terminate = message(1).at("/steps/15");
        assertThat(terminate.get("outcome").asText()).isEqualTo("dry-run");
        assertThat(terminate.get("calls_planned").asInt()).isEqualTo(2);
        assertThat(aws.mutations()).isEmpty();
    }

    @Test
    void attackerTextIsEscapedCappedAndKeptOutOfTheSubject() throws Exception {
        ObjectNode f = Fixtures.bare("campaign-finding.json");
        String evil = "asg\"}],\"decision\":\"ignore\",\"x\":[{\"\n" + "y".repeat(1_000);
        ((ObjectNode) f.get("finding_info")).put("uid", "ts-\r\nSubject: forged");
        Fixtures.resource(
                f,
                evil,
                "AWS::AutoScaling::AutoScalingGroup",
                "eu-west-1",
                "created",
                "CreateAutoScalingGroup");
        Fixtures.step(
                f, "delete-autoscaling-group", evil, "eu-west-1", Fixtures.NOW.minusSeconds(60));
        Fixtures.handler(aws, env(true), audit)
                .handleRequest(KinesisEvents.of(Fixtures.bytes(f)), null);

        AwsStandIn.Call p = publishes().get(0);
        assertThat(p.params.get("Subject"))
                .isEqualTo("TrailSentry responder: finding acted, severity 5");
        JsonNode m = message(0);
        assertThat(m.get("decision").asText()).isEqualTo("acted");
        assertThat(m.at("/steps/0/target").asText())
                .startsWith("asg\"}]")
                .endsWith("(" + evil.length() + " chars)")
                .hasSizeLessThan(300);
        assertThat(m.get("finding_uid").asText()).isEqualTo("ts-\r\nSubject: forged");
    }

    @Test
    void aFailedPublishIsAuditedAndDoesNotFailTheRecord() {
        aws.failing("Publish", TOPIC);
        assertThat(
                        Fixtures.handler(aws, env(true), audit)
                                .handleRequest(
                                        KinesisEvents.of(
                                                KinesisEvents.resource("campaign-finding.json")),
                                        null)
                                .getBatchItemFailures())
                .isEmpty();
        assertThat(Fixtures.lines(audit))
                .anySatisfy(
                        l -> {
                            assertThat(l.get("outcome").asText()).isEqualTo("notify-failed");
                            assertThat(l.get("detail").asText()).contains("AccessDenied");
                        });
    }
}
