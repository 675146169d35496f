package io.trailsentry.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every form an ECS id takes in a finding, reduced to the names the API calls use. */
class EcsIdsTest {
    static final String ARN = "arn:aws:ecs:eu-west-1:111122223333:";

    @Test
    void clusterByNameOrArn() {
        assertThat(EcsIds.cluster("miners").name).isEqualTo("miners");
        EcsIds.Ref r = EcsIds.cluster(ARN + "cluster/miners");
        assertThat(r.name).isEqualTo("miners");
        assertThat(r.region).isEqualTo("eu-west-1");
        assertThat(r.account).isEqualTo("111122223333");
    }

    @Test
    void serviceArnWithItsClusterAndTheOldFormWithout() {
        EcsIds.Ref r = EcsIds.service(ARN + "service/miners/svc-a");
        assertThat(r.cluster).isEqualTo("miners");
        assertThat(r.name).isEqualTo("svc-a");
        EcsIds.Ref old = EcsIds.service(ARN + "service/svc-a");
        assertThat(old.cluster).isNull();
        assertThat(old.name).isEqualTo("svc-a");
    }

    @Test
    void clusterSlashServiceWhereTheClusterMayBeAnArn() {
        EcsIds.Ref plain = EcsIds.service("miners/svc-a");
        assertThat(plain.cluster).isEqualTo("miners");
        assertThat(plain.name).isEqualTo("svc-a");
        // the old code split at the first '/', making the cluster "arn:aws:ecs:...:cluster"
        EcsIds.Ref byArn = EcsIds.service(ARN + "cluster/miners/svc-a");
        assertThat(byArn.cluster).isEqualTo("miners");
        assertThat(byArn.name).isEqualTo("svc-a");
        assertThat(byArn.region).isEqualTo("eu-west-1");
        assertThat(EcsIds.service("svc-a").cluster).isNull();
    }

    @Test
    void tasksAndTaskDefinitions() {
        EcsIds.Ref t = EcsIds.task(ARN + "task/miners/0123abcd");
        assertThat(t.cluster).isEqualTo("miners");
        assertThat(t.name).isEqualTo("0123abcd");
        assertThat(EcsIds.task(ARN + "task/0123abcd").cluster).isNull();
        assertThat(EcsIds.taskDefinition(ARN + "task-definition/worker:3").name)
                .isEqualTo("worker:3");
        assertThat(EcsIds.taskDefinition("worker:3").name).isEqualTo("worker:3");
    }

    @Test
    void canonicalFormsMatchAcrossNotations() {
        assertThat(EcsIds.canonical("AWS::ECS::Service", ARN + "service/miners/svc-a"))
                .isEqualTo(EcsIds.canonical("AWS::ECS::Service", "miners/svc-a"))
                .isEqualTo(EcsIds.canonical("AWS::ECS::Service", ARN + "cluster/miners/svc-a"));
        assertThat(EcsIds.canonical("AWS::ECS::Cluster", ARN + "cluster/miners"))
                .isEqualTo("miners");
        assertThat(EcsIds.canonical("AWS::ECS::Service", "a/b/c")).isNotEqualTo("b/c");
    }

    @Test
    void otherServicesAndResourceTypesAreRejected() {
        assertThatThrownBy(() -> EcsIds.cluster("arn:aws:ec2:eu-west-1:111122223333:instance/i-1"))
                .hasMessageContaining("not an ECS ARN");
        assertThatThrownBy(() -> EcsIds.cluster(ARN + "service/miners/svc-a"))
                .hasMessageContaining("expected cluster/");
        assertThatThrownBy(() -> EcsIds.service("a/b/c"))
                .hasMessageContaining("not an ECS cluster name");
        assertThatThrownBy(() -> EcsIds.cluster(""))
                .hasMessageContaining("not an ECS cluster name");
    }
}
