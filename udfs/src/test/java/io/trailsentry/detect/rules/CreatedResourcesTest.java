package io.trailsentry.detect.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.Provenance;
import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Which calls create what: a response plan may eradicate only these. Failed calls, a CreateCluster
 * answered with an existing cluster, and a new version of an existing template create nothing the
 * plan may delete.
 */
class CreatedResourcesTest {
    static final long T = 1_773_151_392_000L;
    final Rules rules = new Rules(RulePolicy.defaults(), BaselinePolicy.defaults());
    final Profile profile = new Profile();
    int seq;

    List<Signal> created(Events e) {
        List<Signal> out = new ArrayList<>();
        rules.observe(profile, e.id("e" + seq++).build(), out::add);
        return out.stream()
                .filter(s -> CreatedResources.DETECTION.id.equals(s.detectionId))
                .collect(Collectors.toList());
    }

    @Test
    void aNewClusterIsCreated() {
        assertThat(
                        created(
                                Events.event("ecs", "CreateCluster", T)
                                        .json(
                                                "{'clusterName':'miner-1'}",
                                                "{'cluster':{'clusterName':'miner-1','runningTasksCount':0,"
                                                        + "'activeServicesCount':0}}")))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.resources).containsExactly("miner-1");
                            assertThat(s.resourceType).isEqualTo("ecs-cluster");
                            assertThat(s.provenance).isEqualTo(Provenance.CREATED);
                        });
    }

    @Test
    void createClusterNamingAnExistingClusterCreatesNothing() {
        assertThat(
                        created(
                                Events.event("ecs", "CreateCluster", T)
                                        .json(
                                                "{'clusterName':'payments-prod'}",
                                                "{'cluster':{'clusterName':'payments-prod',"
                                                        + "'runningTasksCount':12,'activeServicesCount':3}}")))
                .isEmpty();
    }

    @Test
    void runTaskCreatesItsTasksInTheirCluster() {
        assertThat(
                        created(
                                Events.event("ecs", "RunTask", T)
                                        .json(
                                                "{'cluster':'arn:aws:ecs:us-east-1:111122223333:cluster/payments',"
                                                        + "'taskDefinition':'worker:1','count':1}",
                                                "{'tasks':[{'taskArn':"
                                                        + "'arn:aws:ecs:us-east-1:111122223333:task/payments/abc'}]}")))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.resourceType).isEqualTo("ecs-task");
                            assertThat(s.resources)
                                    .containsExactly(
                                            "arn:aws:ecs:us-east-1:111122223333:task/payments/abc");
                            assertThat(s.parent).isEqualTo("payments");
                            assertThat(s.provenance).isEqualTo(Provenance.CREATED);
                        });
    }

    @Test
    void aServiceInAClusterNamedByArnIsAddressedByNames() {
        assertThat(
                        created(
                                Events.event("ecs", "CreateService", T)
                                        .json(
                                                "{'cluster':'arn:aws:ecs:us-east-1:111122223333:cluster/c1',"
                                                        + "'serviceName':'svc','desiredCount':2}",
                                                null)))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.resources).containsExactly("c1/svc");
                            assertThat(s.parent).isEqualTo("c1");
                        });
    }

    @Test
    void aNewTemplateVersionIsAChangeToAnExistingTemplate() {
        assertThat(
                        created(
                                Events.event("ec2", "CreateLaunchTemplateVersion", T)
                                        .json(
                                                "{'LaunchTemplateName':'web-prod-lt'}",
                                                "{'launchTemplateVersion':{'launchTemplateName':'web-prod-lt',"
                                                        + "'versionNumber':7}}")))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.resourceType).isEqualTo("launch-template-version");
                            assertThat(s.resources).containsExactly("web-prod-lt:7");
                            assertThat(s.provenance).isNull();
                        });
    }

    @Test
    void failedCallsCreateNothing() {
        assertThat(
                        created(
                                Events.event("autoscaling", "CreateAutoScalingGroup", T)
                                        .asg("web-prod-asg", 1, 1, 4)
                                        .error("AlreadyExists")))
                .isEmpty();
        assertThat(
                        created(
                                Events.event("ec2", "RunInstances", T)
                                        .types("p3.2xlarge")
                                        .instances("i-1")
                                        .error("Client.DryRunOperation")))
                .isEmpty();
    }
}
