package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.described;
import static io.trailsentry.responder.Fixtures.live;
import static io.trailsentry.responder.Fixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Red team: the attacker (or bad luck) kills the Lambda right after a step was claimed. The ledger
 * claim is a lease to the invocation's deadline: after it lapses the redelivery runs the step;
 * while another invocation's lease is live the record is retried, never acknowledged as done.
 */
class RedTeamKilledInvocationTest {
    static final String UID = "ts-campaign0000000000000001";
    static final String PK = UID + "|terminate-instance|i-0miner|eu-west-1";
    static final long NOW = Fixtures.NOW.toEpochMilli();

    final AwsStandIn aws =
            new AwsStandIn().instance("i-0miner", StandInWorld.LATE, StandInWorld.LATE, true);
    final List<String> audit = new ArrayList<>();
    final SteppingClock clock = new SteppingClock(Fixtures.NOW);
    final ObjectNode f = Fixtures.bare("campaign-finding.json");

    RedTeamKilledInvocationTest() {
        Fixtures.resource(
                f, "i-0miner", "AWS::EC2::Instance", "eu-west-1", "created", "RunInstances");
        Fixtures.step(
                f, "terminate-instance", "i-0miner", "eu-west-1", Fixtures.NOW.minusSeconds(300));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    StreamsEventResponse deliver(String requestId, long remainingMillis) {
        ResponderHandler h =
                new ResponderHandler(
                        ResponderConfig.fromEnv(live()),
                        aws.clients("us-east-1"),
                        audit::add,
                        clock);
        return h.handleRequest(
                KinesisEvents.of(Fixtures.bytes(f)),
                new TestContext(requestId, clock, remainingMillis));
    }

    @Test
    void aClaimWhoseInvocationDiedRunsOnRedeliveryOnceItsLeaseLapsed() {
        // the dead invocation claimed at 14:04 with a 5-minute deadline, and never finished
        aws.leaveClaim(PK, "dead-invocation", NOW - 360_000, NOW - 60_000);

        StreamsEventResponse r = deliver("redelivery", 300_000);

        assertThat(r.getBatchItemFailures()).isEmpty();
        assertThat(described(aws.mutations()))
                .containsExactly(
                        "ec2 ModifyInstanceAttribute eu-west-1 {InstanceId=i-0miner, DisableApiTermination.Value=false}",
                        "ec2 TerminateInstances eu-west-1 {InstanceId.1=i-0miner}");
        assertThat(outcomes(audit))
                .containsExactly("terminate-instance=done")
                .doesNotContain("terminate-instance=already-done");
        assertThat(aws.ledgerItem(PK)).containsEntry("status", "done");
    }

    @Test
    void aLiveLeaseOfAnotherInvocationIsRetriedLaterNeverAcknowledged() {
        aws.leaveClaim(PK, "still-running", NOW - 10_000, NOW + 120_000);

        StreamsEventResponse r = deliver("second", 300_000);

        assertThat(r.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("1");
        assertThat(aws.mutations()).isEmpty();
        assertThat(outcomes(audit)).containsExactly("terminate-instance=in-progress");

        // the holder died: once its lease is over, the retried record runs the step
        clock.advance(180_000);
        audit.clear();
        assertThat(deliver("third", 300_000).getBatchItemFailures()).isEmpty();
        assertThat(aws.mutations())
                .extracting(c -> c.operation)
                .containsExactly("ModifyInstanceAttribute", "TerminateInstances");
        assertThat(outcomes(audit)).containsExactly("terminate-instance=done");
    }

    @Test
    void theClaimNamesTheInvocationAndEndsAtItsDeadline() throws Exception {
        deliver("req-7", 240_000);

        AwsStandIn.Call claim =
                aws.calls().stream()
                        .filter(
                                c ->
                                        c.operation.equals("PutItem")
                                                && c.params.containsKey("ConditionExpression"))
                        .findFirst()
                        .orElseThrow();
        JsonNode item = Fixtures.JSON.readTree(claim.params.get("Item"));
        assertThat(item.at("/owner/S").asText()).isEqualTo("req-7");
        assertThat(item.at("/lease/N").asLong()).isEqualTo(NOW + 240_000);
        assertThat(claim.params.get("ConditionExpression")).isEqualTo(DynamoDbLedger.CLAIMABLE);
    }

    @Test
    void aClaimFromBeforeLeasesIsTakenOverOnlyWhenStale() {
        aws.leaveClaim(PK, "old", NOW - 60_000, NOW + 60_000);
        assertThat(deliver("a", 300_000).getBatchItemFailures()).hasSize(1);
        aws.leaveClaim(PK, "old", NOW - 25 * 60_000, NOW - 20 * 60_000);
        assertThat(deliver("b", 300_000).getBatchItemFailures()).isEmpty();
        assertThat(aws.mutations())
                .extracting(c -> c.operation)
                .containsExactly("ModifyInstanceAttribute", "TerminateInstances");
    }

    @Test
    void aStepThatThrowsHalfWayIsRedoneOnRedeliveryAndFinishes() {
        ObjectNode c = Fixtures.bare("campaign-finding.json");
        Fixtures.resource(
                c, "miners", "AWS::ECS::Cluster", "eu-west-1", "created", "CreateCluster");
        Fixtures.step(
                c, "delete-ecs-cluster", "miners", "eu-west-1", Fixtures.NOW.minusSeconds(300));
        f.setAll(c);
        aws.cluster("miners")
                .service("miners", "svc-1", StandInWorld.LATE, null)
                .service("miners", "svc-2", StandInWorld.LATE, null);
        aws.failing("DeleteService", "svc-2");

        assertThat(deliver("first", 300_000).getBatchItemFailures()).hasSize(1);
        assertThat(outcomes(audit)).containsExactly("delete-ecs-cluster=failed");
        assertThat(aws.ledgerItem(UID + "|delete-ecs-cluster|miners|eu-west-1"))
                .containsEntry("status", "failed")
                .containsEntry("sent", "4");

        aws.heal();
        aws.forget();
        audit.clear();
        assertThat(deliver("second", 300_000).getBatchItemFailures()).isEmpty();
        // svc-1 went on the first run; the redo picks up where the failure left off
        assertThat(described(aws.mutations()))
                .containsExactly(
                        "ecs UpdateService eu-west-1 {cluster=miners, service=svc-2, desiredCount=0}",
                        "ecs DeleteService eu-west-1 {cluster=miners, service=svc-2, force=true}",
                        "ecs DeleteCluster eu-west-1 {cluster=miners}");
        assertThat(outcomes(audit)).containsExactly("delete-ecs-cluster=done");
    }

    @Test
    void theInMemoryLedgerKeepsTheSameLeaseRules() {
        SteppingClock c = new SteppingClock(Fixtures.NOW);
        InMemoryLedger l = new InMemoryLedger(c);
        assertThat(l.claim("k", "a", NOW + 1_000).kind).isEqualTo(Ledger.Claim.Kind.ACQUIRED);
        assertThat(l.claim("k", "b", NOW + 5_000).kind).isEqualTo(Ledger.Claim.Kind.BUSY);
        c.advance(2_000);
        assertThat(l.claim("k", "b", NOW + 5_000).kind).isEqualTo(Ledger.Claim.Kind.ACQUIRED);
        l.release("k", 3);
        Ledger.Claim again = l.claim("k", "c", NOW + 9_000);
        assertThat(again.kind).isEqualTo(Ledger.Claim.Kind.ACQUIRED);
        assertThat(again.sent).isEqualTo(3);
        l.finish("k", "capped", 5);
        Ledger.Claim done = l.claim("k", "d", NOW + 9_000);
        assertThat(done.kind).isEqualTo(Ledger.Claim.Kind.FINISHED);
        assertThat(done.status).isEqualTo("capped");
    }
}
