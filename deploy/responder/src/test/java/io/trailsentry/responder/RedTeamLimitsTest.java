package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.live;
import static io.trailsentry.responder.Fixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Red team: the blast radius is bounded. A cluster the attacker filled with 3,000 tasks, plans with
 * many steps, a slow AWS and throttling: the counts WireMock received stay within the caps, a cap
 * stops with an audit line and a notification, and time or invocation limits leave the rest to
 * redelivery.
 */
class RedTeamLimitsTest {
    static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:trailsentry-responder";

    final AwsStandIn aws = new AwsStandIn();
    final List<String> audit = new ArrayList<>();
    final SteppingClock clock = new SteppingClock(Fixtures.NOW);

    @AfterEach
    void stop() {
        aws.close();
    }

    StreamsEventResponse deliver(
            Map<String, String> env, long remainingMillis, byte[]... findings) {
        ResponderHandler h =
                new ResponderHandler(
                        ResponderConfig.fromEnv(env), aws.clients("us-east-1"), audit::add, clock);
        return h.handleRequest(
                KinesisEvents.of(findings),
                new TestContext("req-" + clock.millis(), clock, remainingMillis));
    }

    long count(String operation) {
        return aws.calls().stream().filter(c -> c.operation.equals(operation)).count();
    }

    /** A finding (its own uid) whose plan terminates {@code n} instances it launched. */
    static byte[] instances(String uid, int n) {
        ObjectNode f = Fixtures.bare("campaign-finding.json");
        ((ObjectNode) f.get("finding_info")).put("uid", uid);
        for (int i = 1; i <= n; i++) {
            Fixtures.resource(
                    f,
                    uid + "-i" + i,
                    "AWS::EC2::Instance",
                    "eu-west-1",
                    "created",
                    "RunInstances");
            Fixtures.step(
                    f,
                    "terminate-instance",
                    uid + "-i" + i,
                    "eu-west-1",
                    Fixtures.NOW.minusSeconds(300));
        }
        return Fixtures.bytes(f);
    }

    @Test
    void aThreeThousandTaskClusterStopsAtTheStepCapWithAnAuditLineAndANotification()
            throws Exception {
        aws.cluster("miners");
        for (int i = 0; i < 3_000; i++) {
            aws.task(
                    "miners",
                    "arn:aws:ecs:eu-west-1:111122223333:task/miners/t" + i,
                    StandInWorld.LATE,
                    "family:xmrig");
        }
        ObjectNode f = Fixtures.bare("campaign-finding.json");
        Fixtures.resource(
                f, "miners", "AWS::ECS::Cluster", "eu-west-1", "created", "CreateCluster");
        Fixtures.step(
                f, "delete-ecs-cluster", "miners", "eu-west-1", Fixtures.NOW.minusSeconds(300));
        Map<String, String> env = live();
        env.put(ResponderConfig.NOTIFY_TOPIC_ARN, TOPIC);

        StreamsEventResponse r = deliver(env, 300_000, Fixtures.bytes(f));

        assertThat(r.getBatchItemFailures())
                .as("a cap is final: a person decides, no retry")
                .isEmpty();
        assertThat(count("StopTask")).isEqualTo(Limits.DEFAULT_PER_STEP);
        assertThat(count("DeleteCluster")).isZero();
        assertThat(count("ListTasks")).as("every page read before anything changed").isEqualTo(30);
        assertThat(count("DescribeTasks")).isEqualTo(30);
        JsonNode line = Fixtures.line(audit, "delete-ecs-cluster");
        assertThat(line.get("outcome").asText()).isEqualTo("capped");
        assertThat(line.get("detail").asText()).contains("step cap of 300");
        assertThat(line.get("call_count").asInt()).isEqualTo(300);
        assertThat(line.get("calls")).hasSize(Audit.MAX_CALLS_LISTED);
        AwsStandIn.Call publish =
                aws.calls().stream()
                        .filter(c -> c.operation.equals("Publish"))
                        .findFirst()
                        .orElseThrow();
        JsonNode message = Fixtures.JSON.readTree(publish.params.get("Message"));
        assertThat(message.get("decision").asText()).isEqualTo("capped");
        assertThat(message.at("/steps/0/calls_sent").asInt()).isEqualTo(300);

        // redelivered: the cap holds, nothing more is sent
        aws.forget();
        audit.clear();
        assertThat(deliver(env, 300_000, Fixtures.bytes(f)).getBatchItemFailures()).isEmpty();
        assertThat(aws.mutations()).isEmpty();
        assertThat(outcomes(audit)).containsExactly("delete-ecs-cluster=already-done");
        assertThat(Fixtures.lines(audit).get(0).get("detail").asText())
                .isEqualTo("earlier outcome: capped");
    }

    @Test
    void theFindingCapHoldsAcrossSteps() {
        Map<String, String> env = live();
        env.put(ResponderConfig.MAX_CALLS_PER_STEP, "5");
        env.put(ResponderConfig.MAX_CALLS_PER_FINDING, "7");

        assertThat(deliver(env, 300_000, instances("ts-many", 6)).getBatchItemFailures()).isEmpty();

        assertThat(aws.mutations()).hasSize(7);
        assertThat(count("TerminateInstances")).isEqualTo(3);
        assertThat(outcomes(audit))
                .containsExactly(
                        "terminate-instance=done",
                        "terminate-instance=done",
                        "terminate-instance=done",
                        "terminate-instance=capped",
                        "terminate-instance=capped",
                        "terminate-instance=capped");
        aws.forget();
        deliver(env, 300_000, instances("ts-many", 6));
        assertThat(aws.mutations()).as("spent calls are kept in the ledger").isEmpty();
    }

    @Test
    void theInvocationCapLeavesTheNextFindingToRedelivery() {
        Map<String, String> env = live();
        env.put(ResponderConfig.MAX_CALLS_PER_STEP, "2");
        env.put(ResponderConfig.MAX_CALLS_PER_FINDING, "4");
        env.put(ResponderConfig.MAX_CALLS_PER_INVOCATION, "4");

        StreamsEventResponse r = deliver(env, 300_000, instances("ts-a", 2), instances("ts-b", 2));

        assertThat(r.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2");
        assertThat(aws.mutations()).hasSize(4);
        assertThat(outcomes(audit))
                .endsWith("terminate-instance=deferred", "terminate-instance=deferred");
        aws.forget();
        assertThat(deliver(env, 300_000, instances("ts-b", 2)).getBatchItemFailures()).isEmpty();
        assertThat(count("TerminateInstances")).isEqualTo(2);
    }

    @Test
    void theResponderStopsBeforeTheDeadlineAndResumesOnRedelivery() {
        aws.onRequest(() -> clock.advance(2_000)); // a slow AWS: two seconds a request
        byte[] f = instances("ts-slow", 5);
        // 45 s left, 30 s margin: room for a few requests only
        StreamsEventResponse r = deliver(live(), 45_000, f);

        assertThat(r.getBatchItemFailures()).hasSize(1);
        assertThat(outcomes(audit))
                .contains("terminate-instance=deferred")
                .startsWith("terminate-instance=done");
        long first = count("TerminateInstances");
        assertThat(first).isBetween(1L, 4L);

        aws.onRequest(() -> {});
        audit.clear();
        assertThat(deliver(live(), 300_000, f).getBatchItemFailures()).isEmpty();
        assertThat(count("TerminateInstances")).isEqualTo(5);
        assertThat(outcomes(audit))
                .doesNotContain("terminate-instance=deferred", "terminate-instance=failed");
    }

    @Test
    void throttlingIsRetriedWithBackoffAndPersistentThrottlingDefersTheRest() {
        aws.instance("ts-t-i1", StandInWorld.LATE, StandInWorld.LATE, false);
        aws.throttle("TerminateInstances", 2);
        assertThat(deliver(live(), 300_000, instances("ts-t", 1)).getBatchItemFailures()).isEmpty();
        assertThat(count("TerminateInstances")).as("two throttled, the third sent").isEqualTo(3);

        aws.forget();
        audit.clear();
        aws.throttle("ModifyInstanceAttribute", 100);
        long started = System.nanoTime();
        StreamsEventResponse r = deliver(live(), 300_000, instances("ts-u", 3));
        // the SDK's standard strategy backs off throttling exponentially from 1 s with full jitter:
        // four waits drawn from [0,1], [0,2], [0,4], [0,8] s sum to under 0.5 s once in 25,000 runs
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThan(500);
        assertThat(r.getBatchItemFailures()).hasSize(1);
        assertThat(count("ModifyInstanceAttribute")).isEqualTo(AwsClients.MAX_ATTEMPTS);
        assertThat(outcomes(audit))
                .containsExactly(
                        "terminate-instance=throttled",
                        "terminate-instance=deferred",
                        "terminate-instance=deferred");
        assertThat(Fixtures.lines(audit).get(0).get("detail").asText())
                .contains("RequestLimitExceeded");
    }
}
