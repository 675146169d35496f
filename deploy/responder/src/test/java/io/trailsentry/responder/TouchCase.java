package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The red team's touched-production cases: a live responder, a finding, a stand-in world. */
abstract class TouchCase {
    static final String TASK_ARN = "arn:aws:ecs:eu-west-1:111122223333:task/prod/0a0a0a0a";
    static final String PROD_TASK = "arn:aws:ecs:eu-west-1:111122223333:task/prod/0b0b0b0b";
    static final Instant EVENT = Fixtures.NOW.minusSeconds(300);

    final AwsStandIn aws = new AwsStandIn();
    final List<String> audit = new ArrayList<>();
    final ObjectNode f = Fixtures.bare("campaign-finding.json");

    @AfterEach
    void stop() {
        aws.close();
    }

    List<AwsStandIn.Call> run() {
        Fixtures.handleCleanly(aws, live(), audit, f);
        return aws.mutations();
    }

    /** A plan step that claims the target was created, whatever the evidence says. */
    void claimCreated(String action, String target, String type, String provenance) {
        Fixtures.resource(f, target, type, "eu-west-1", provenance, "touch");
        Fixtures.step(f, action, target, "eu-west-1", EVENT);
    }
}
