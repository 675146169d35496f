package io.trailsentry.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The action names are the contract with the detector: renaming one on either side must fail here
 * (the detector's plan would name an action the responder logs as unsupported).
 */
class ActionsTest {
    static final Map<String, Actions.Tie> CONTRACT = new LinkedHashMap<>();

    static {
        CONTRACT.put("deactivate-access-key", Actions.Tie.ACCESS_KEY);
        CONTRACT.put("quarantine-principal", Actions.Tie.USER);
        CONTRACT.put("deny-compute-creation", Actions.Tie.USER);
        CONTRACT.put("revoke-role-sessions", Actions.Tie.ROLE);
        CONTRACT.put("deny-session", Actions.Tie.ROLE);
        CONTRACT.put("enable-instance-termination", Actions.Tie.CREATED);
        CONTRACT.put("clear-scale-in-protection", Actions.Tie.CREATED);
        CONTRACT.put("delete-launch-template-version", Actions.Tie.MODIFIED);
        CONTRACT.put("review-created-iam-role", Actions.Tie.ADVISORY);
        CONTRACT.put("review-created-iam-user", Actions.Tie.ADVISORY);
        CONTRACT.put("review-created-lambda-function", Actions.Tie.ADVISORY);
        CONTRACT.put("review-modified-autoscaling-group", Actions.Tie.ADVISORY);
        CONTRACT.put("review-modified-instance", Actions.Tie.ADVISORY);
        CONTRACT.put("review-modified-ecs-cluster", Actions.Tie.ADVISORY);
        CONTRACT.put("review-modified-ecs-service", Actions.Tie.ADVISORY);
        CONTRACT.put("review-modified-launch-template", Actions.Tie.ADVISORY);
        CONTRACT.put("review-modified-iam-role", Actions.Tie.ADVISORY);
        CONTRACT.put("review-modified-iam-user", Actions.Tie.ADVISORY);
        CONTRACT.put("review-modified-lambda-function", Actions.Tie.ADVISORY);
        CONTRACT.put("delete-autoscaling-group", Actions.Tie.CREATED);
        CONTRACT.put("delete-ecs-service", Actions.Tie.CREATED);
        CONTRACT.put("stop-ecs-task", Actions.Tie.CREATED);
        CONTRACT.put("delete-ecs-cluster", Actions.Tie.CREATED);
        CONTRACT.put("deregister-task-definition", Actions.Tie.CREATED);
        CONTRACT.put("terminate-instance", Actions.Tie.CREATED);
        CONTRACT.put("delete-launch-template", Actions.Tie.CREATED);
        CONTRACT.put("rotate-credentials", Actions.Tie.ADVISORY);
    }

    @Test
    void theResponderKnowsExactlyTheContractsActionsWithTheirTies() {
        assertThat(Actions.NAMES).containsExactlyInAnyOrderElementsOf(CONTRACT.keySet());
        CONTRACT.forEach((name, tie) -> assertThat(Actions.get(name).tie).as(name).isEqualTo(tie));
    }

    @Test
    void everyEradicationNeedsACreatedResourceAndNoRoleGetsAPrincipalWideDeny() {
        for (String name : Actions.NAMES) {
            Actions.Def d = Actions.get(name);
            if (name.startsWith("delete-") && !name.endsWith("-version")
                    || name.startsWith("terminate-")
                    || name.startsWith("stop-")
                    || name.startsWith("deregister-")) {
                assertThat(d.tie).as(name).isEqualTo(Actions.Tie.CREATED);
            }
        }
        assertThat(Actions.get("quarantine-principal").tie).isNotEqualTo(Actions.Tie.ROLE);
        assertThat(Actions.get("deny-compute-creation").tie).isNotEqualTo(Actions.Tie.ROLE);
    }

    @Test
    void theExampleFindingsNameOnlyKnownActions() throws Exception {
        for (String r : new String[] {"campaign-finding.json", "shared-role-finding.json"}) {
            for (Step s : FindingOrder.parse(KinesisEvents.resource(r)).plan) {
                assertThat(Actions.NAMES).as(r).contains(s.action);
            }
        }
    }
}
