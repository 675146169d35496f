package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.described;
import static io.trailsentry.responder.Fixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Red team, live mode, ECS: an attacker who re-creates an existing cluster by name, runs a task
 * into it, updates a service or registers over a task definition must not get production removed;
 * only the task it ran is stopped.
 */
class RedTeamTouchEcsTest extends TouchCase {
    @Test
    void createClusterWithAnExistingNameStopsOnlyTheTaskTheAttackerRan() {
        aws.cluster("prod")
                .service("prod", "web", Fixtures.PROD, "arn:aws:iam::111122223333:role/ci-deploy")
                .task("prod", PROD_TASK, Fixtures.PROD, "service:web")
                .task("prod", TASK_ARN, StandInWorld.LATE, "family:miner");
        // ECS answered CreateCluster with the existing cluster: the detector may call it created
        claimCreated("delete-ecs-cluster", "prod", "AWS::ECS::Cluster", "created");
        claimCreated("stop-ecs-task", TASK_ARN, "AWS::ECS::Task", "created");

        assertThat(described(run()))
                .containsExactly("ecs StopTask eu-west-1 {cluster=prod, task=" + TASK_ARN + "}");
        assertThat(outcomes(audit))
                .containsExactly("delete-ecs-cluster=not-created", "stop-ecs-task=done");
        assertThat(Fixtures.line(audit, "delete-ecs-cluster").get("detail").asText())
                .contains("service web", "existed already");
    }

    @Test
    void runTaskIntoAnExistingClusterStopsOnlyThatTaskAndNeverAnOlderOne() {
        aws.cluster("prod")
                .task("prod", PROD_TASK, Fixtures.PROD, "family:batch")
                .task("prod", TASK_ARN, StandInWorld.LATE, "family:miner");
        claimCreated("stop-ecs-task", TASK_ARN, "AWS::ECS::Task", "created");
        claimCreated("stop-ecs-task", PROD_TASK, "AWS::ECS::Task", "created");

        assertThat(described(run()))
                .containsExactly("ecs StopTask eu-west-1 {cluster=prod, task=" + TASK_ARN + "}");
        assertThat(outcomes(audit))
                .containsExactly("stop-ecs-task=done", "stop-ecs-task=not-created");
    }

    @Test
    void updateServiceOnAnExistingServiceNeverDeletesIt() {
        aws.cluster("prod")
                .service("prod", "web", Fixtures.PROD, null)
                .service(
                        "prod",
                        "api",
                        StandInWorld.LATE,
                        "arn:aws:iam::111122223333:role/ci-deploy");
        claimCreated("delete-ecs-service", "prod/web", "AWS::ECS::Service", "created");
        // created in the window, but ECS says by someone else (CI deployed while the thief worked)
        claimCreated("delete-ecs-service", "prod/api", "AWS::ECS::Service", "created");

        assertThat(run()).isEmpty();
        assertThat(outcomes(audit))
                .containsExactly(
                        "delete-ecs-service=not-created", "delete-ecs-service=not-created");
        assertThat(Fixtures.lines(audit).get(1).get("detail").asText())
                .contains("created by arn:aws:iam::111122223333:role/ci-deploy");
    }

    @Test
    void anOlderTaskDefinitionIsNeverDeregistered() {
        aws.taskDefinition("web:12", Fixtures.PROD, "arn:aws:iam::111122223333:role/ci-deploy");
        claimCreated(
                "deregister-task-definition",
                "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:12",
                "AWS::ECS::TaskDefinition",
                "created");

        assertThat(run()).isEmpty();
        assertThat(outcomes(audit)).containsExactly("deregister-task-definition=not-created");
    }
}
