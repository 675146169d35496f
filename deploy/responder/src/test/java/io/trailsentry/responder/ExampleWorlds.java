package io.trailsentry.responder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-in worlds that match the example findings in the test resources: everything a finding lists
 * as created exists and was created after the finding's events. Public for the deploy checks, which
 * run the same findings to learn the responder's calls.
 */
public final class ExampleWorlds {
    public static final String CAMPAIGN_TASK =
            "arn:aws:ecs:ap-southeast-1:111122223333:task/ecs-miner/0a1b2c3d4e5f";

    private ExampleWorlds() {}

    /** The mutating requests campaign-finding.json gets in live mode, in order. */
    public static final List<String> CAMPAIGN_MUTATIONS =
            List.of(
                    "iam UpdateAccessKey aws-global {UserName=svc-reporting, AccessKeyId=AKIAATTACKERKEY00001, Status=Inactive}",
                    "iam UpdateAccessKey aws-global {UserName=support-ses, AccessKeyId=AKIACREATEDKEY000002, Status=Inactive}",
                    "iam PutUserPolicy aws-global {UserName=svc-reporting, PolicyName=TrailSentryQuarantine}",
                    "iam PutUserPolicy aws-global {UserName=svc-reporting, PolicyName=TrailSentryDenyCompute}",
                    "ec2 ModifyInstanceAttribute us-east-2 {InstanceId=i-0protected0000001, DisableApiTermination.Value=false}",
                    "ec2 ModifyInstanceAttribute us-east-2 {InstanceId=i-0gpu0000000000002, DisableApiTermination.Value=false}",
                    "autoscaling UpdateAutoScalingGroup ap-northeast-1 {AutoScalingGroupName=asg-miner, NewInstancesProtectedFromScaleIn=false}",
                    "autoscaling SetInstanceProtection ap-northeast-1 {InstanceIds.member.1=i-0asgprotected00001, AutoScalingGroupName=asg-miner, ProtectedFromScaleIn=false}",
                    "ec2 DeleteLaunchTemplateVersions us-east-2 {LaunchTemplateName=lt-prod, LaunchTemplateVersion.1=7}",
                    "autoscaling UpdateAutoScalingGroup ap-northeast-1 {AutoScalingGroupName=asg-miner, MinSize=0, MaxSize=0, DesiredCapacity=0}",
                    "autoscaling DeleteAutoScalingGroup ap-northeast-1 {AutoScalingGroupName=asg-miner, ForceDelete=true}",
                    "ecs UpdateService ap-southeast-1 {cluster=ecs-miner, service=svc-miner, desiredCount=0}",
                    "ecs DeleteService ap-southeast-1 {cluster=ecs-miner, service=svc-miner, force=true}",
                    "ecs StopTask ap-southeast-1 {cluster=ecs-miner, task=" + CAMPAIGN_TASK + "}",
                    "ecs UpdateService ap-southeast-1 {cluster=ecs-miner, service=svc-extra, desiredCount=0}",
                    "ecs DeleteService ap-southeast-1 {cluster=ecs-miner, service=svc-extra, force=true}",
                    "ecs DeleteCluster ap-southeast-1 {cluster=ecs-miner}",
                    "ecs DeregisterTaskDefinition ap-southeast-1 {taskDefinition=worker-0:1}",
                    "ec2 TerminateInstances us-east-2 {InstanceId.1=i-0protected0000001}",
                    "ec2 TerminateInstances us-east-2 {InstanceId.1=i-0gpu0000000000002}",
                    "ec2 DeleteLaunchTemplate us-east-2 {LaunchTemplateName=lt-miner}");

    /** For campaign-finding.json (a user's keys): every action of the user plan has work to do. */
    public static AwsStandIn campaign() {
        Map<String, Boolean> instances = new LinkedHashMap<>();
        instances.put("i-0asgprotected00001", true);
        instances.put("i-0asgfree000000002", false);
        return new AwsStandIn()
                .keyOwner("AKIAATTACKERKEY00001", "svc-reporting")
                .keyOwner("AKIACREATEDKEY000002", "support-ses")
                .group("asg-miner", instances)
                .instance("i-0protected0000001", StandInWorld.LATE, StandInWorld.LATE, true)
                .templateVersion("lt-prod", "7", StandInWorld.LATE, false)
                .cluster("ecs-miner")
                .service(
                        "ecs-miner",
                        "svc-miner",
                        StandInWorld.LATE,
                        "arn:aws:iam::111122223333:user/svc-reporting")
                .service("ecs-miner", "svc-extra", StandInWorld.LATE, null)
                .task("ecs-miner", CAMPAIGN_TASK, StandInWorld.LATE, "family:worker-0")
                .task(
                        "ecs-miner",
                        "arn:aws:ecs:ap-southeast-1:111122223333:task/ecs-miner/t1",
                        StandInWorld.LATE,
                        "service:svc-extra");
    }

    /** For shared-role-finding.json: the thief's group and instance, and a production group. */
    public static AwsStandIn sharedRole(AwsStandIn aws) {
        return aws.group("asg-thief", Map.of("i-0thiefasg00000001", true))
                .group("asg-prod", Map.of("i-0prodasg000000001", true), Fixtures.PROD)
                .instance("i-0thief0000000001", StandInWorld.LATE, StandInWorld.LATE, true);
    }
}
