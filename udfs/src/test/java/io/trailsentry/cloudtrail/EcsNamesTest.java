package io.trailsentry.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EcsNamesTest {
    @Test
    void clustersByNameOrArn() {
        assertThat(EcsNames.cluster("payments")).isEqualTo("payments");
        assertThat(EcsNames.cluster("arn:aws:ecs:us-east-1:111122223333:cluster/payments"))
                .isEqualTo("payments");
    }

    @Test
    void servicesByNameOrEitherArnFormat() {
        assertThat(EcsNames.service("api")).isEqualTo("api");
        assertThat(EcsNames.service("arn:aws:ecs:us-east-1:111122223333:service/payments/api"))
                .isEqualTo("api");
        assertThat(EcsNames.service("arn:aws:ecs:us-east-1:111122223333:service/api"))
                .isEqualTo("api");
        assertThat(
                        EcsNames.clusterOfService(
                                "arn:aws:ecs:us-east-1:111122223333:service/payments/api"))
                .isEqualTo("payments");
        assertThat(EcsNames.clusterOfService("arn:aws:ecs:us-east-1:111122223333:service/api"))
                .isNull();
        assertThat(EcsNames.clusterOfService("api")).isNull();
    }

    @Test
    void tasksNameTheirClusterInTheNewArnFormatOnly() {
        assertThat(EcsNames.clusterOfTask("arn:aws:ecs:us-east-1:111122223333:task/payments/0a1b"))
                .isEqualTo("payments");
        assertThat(EcsNames.clusterOfTask("arn:aws:ecs:us-east-1:111122223333:task/0a1b")).isNull();
    }

    @Test
    void requestsAddressServicesAsClusterSlashServiceWithPlainNames() {
        RequestFacts byArn = new RequestFacts();
        byArn.clusterName = "arn:aws:ecs:us-east-1:111122223333:cluster/payments";
        byArn.serviceName = "arn:aws:ecs:us-east-1:111122223333:service/payments/api";
        assertThat(byArn.ecsServiceId()).isEqualTo("payments/api");
        RequestFacts serviceArnOnly = new RequestFacts();
        serviceArnOnly.serviceName = "arn:aws:ecs:us-east-1:111122223333:service/payments/api";
        assertThat(serviceArnOnly.ecsCluster()).isEqualTo("payments");
        assertThat(serviceArnOnly.ecsServiceId()).isEqualTo("payments/api");
        RequestFacts none = new RequestFacts();
        none.serviceName = "api";
        assertThat(none.ecsServiceId()).isEqualTo("default/api");
    }
}
