package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.live;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Red team: the attacker protects its instances from termination, and the plan's reversal steps
 * came from a capped evidence list (or are disabled). The stand-in refuses to terminate a protected
 * instance, as EC2 does; every instance the plan terminates must still be unprotected and gone.
 */
class RedTeamTerminationTest {
    final AwsStandIn aws = new AwsStandIn();
    final List<String> audit = new ArrayList<>();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void terminateLiftsProtectionOnEveryInstanceItTerminates() {
        ObjectNode f = Fixtures.bare("campaign-finding.json");
        for (int i = 1; i <= 5; i++) {
            aws.instance("i-0miner" + i, StandInWorld.LATE, StandInWorld.LATE, true);
            Fixtures.resource(
                    f,
                    "i-0miner" + i,
                    "AWS::EC2::Instance",
                    "eu-west-1",
                    "created",
                    "RunInstances");
        }
        // the evidence cap left a reversal step for the first instance only
        Fixtures.step(
                f,
                "enable-instance-termination",
                "i-0miner1",
                "eu-west-1",
                Fixtures.NOW.minusSeconds(300));
        for (int i = 1; i <= 5; i++) {
            Fixtures.step(
                    f,
                    "terminate-instance",
                    "i-0miner" + i,
                    "eu-west-1",
                    Fixtures.NOW.minusSeconds(300));
        }
        Map<String, String> env = live();
        Fixtures.handleCleanly(aws, env, audit, f);

        List<AwsStandIn.Call> m = aws.mutations();
        for (int i = 1; i <= 5; i++) {
            String id = "i-0miner" + i;
            int lift = lastIndex(m, "ModifyInstanceAttribute", "InstanceId", id);
            int terminate = lastIndex(m, "TerminateInstances", "InstanceId.1", id);
            assertThat(terminate).as(id + " terminated").isPositive();
            assertThat(lift).as(id + " unprotected before").isBetween(0, terminate - 1);
            assertThat(m.get(lift).params).containsEntry("DisableApiTermination.Value", "false");
            assertThat(aws.world.instance(id).state).isEqualTo("terminated");
        }
        // the plan's reversal lifted the first; the terminations lifted the other four themselves,
        // each right before its TerminateInstances, and nothing was sent twice
        for (int i = 2; i <= 5; i++) {
            assertThat(lastIndex(m, "ModifyInstanceAttribute", "InstanceId", "i-0miner" + i))
                    .isEqualTo(
                            lastIndex(m, "TerminateInstances", "InstanceId.1", "i-0miner" + i) - 1);
        }
        assertThat(m).hasSize(10);
        assertThat(Fixtures.outcomes(audit)).allMatch(o -> o.endsWith("=done"));
    }

    @Test
    void withTheReversalStepDisabledTheInstanceIsStillUnprotectedThenTerminated() {
        aws.instance("i-0miner", StandInWorld.LATE, StandInWorld.LATE, true);
        ObjectNode f = Fixtures.bare("campaign-finding.json");
        Fixtures.resource(
                f, "i-0miner", "AWS::EC2::Instance", "eu-west-1", "created", "RunInstances");
        Fixtures.step(
                f,
                "enable-instance-termination",
                "i-0miner",
                "eu-west-1",
                Fixtures.NOW.minusSeconds(300));
        Fixtures.step(
                f, "terminate-instance", "i-0miner", "eu-west-1", Fixtures.NOW.minusSeconds(300));
        Map<String, String> env = live();
        env.put(ResponderConfig.DISABLED_ACTIONS, "enable-instance-termination");
        Fixtures.handler(aws, env, audit).handleRequest(KinesisEvents.of(Fixtures.bytes(f)), null);

        assertThat(aws.mutations())
                .extracting(c -> c.operation)
                .containsExactly("ModifyInstanceAttribute", "TerminateInstances");
        assertThat(aws.world.instance("i-0miner").state).isEqualTo("terminated");
    }

    static int lastIndex(List<AwsStandIn.Call> calls, String op, String param, String value) {
        int found = -1;
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).operation.equals(op) && value.equals(calls.get(i).params.get(param))) {
                found = i;
            }
        }
        return found;
    }
}
