package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attacker-chosen strings in audit lines: JSON-escaped, capped, one line per step. */
class AuditTest {
    final List<String> audit = new ArrayList<>();
    final AwsStandIn aws = new AwsStandIn();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void attackerChosenNamesAreEscapedAndCappedInTheAuditLine() {
        ObjectNode f = Fixtures.finding("campaign-finding.json");
        Fixtures.plan(f).removeAll();
        String evil = "asg\",\"outcome\":\"done\"}\n{\"audit\":\"forged" + "x".repeat(2_000);
        Fixtures.resource(
                f,
                evil,
                "AWS::AutoScaling::AutoScalingGroup",
                "eu-west-1",
                "created",
                "CreateAutoScalingGroup");
        Fixtures.step(f, "delete-autoscaling-group", evil, "eu-west-1", Fixtures.NOW);
        Fixtures.handler(aws, Map.of(), audit)
                .handleRequest(KinesisEvents.of(Fixtures.bytes(f)), null);

        assertThat(audit).hasSize(1);
        JsonNode l = lines(audit).get(0);
        assertThat(l.get("outcome").asText()).isEqualTo("absent");
        assertThat(l.get("target").asText())
                .startsWith("asg\",\"outcome")
                .endsWith("(" + evil.length() + " chars)")
                .hasSizeLessThan(600);
    }
}
