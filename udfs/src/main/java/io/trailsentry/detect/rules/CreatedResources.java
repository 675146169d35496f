package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Detections;

/**
 * Observations of resources a principal creates. Never counted as behaviour, they give the response
 * plan its targets and the CEP patterns their facts (which clusters, which instances).
 */
final class CreatedResources {
    private CreatedResources() {}

    static void apply(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed() || e.facts == null) {
            return;
        }
        RequestFacts f = e.facts;
        String type;
        String[] ids;
        switch (e.eventName) {
            case "RunInstances":
                type = "instance";
                ids = f.instanceIds;
                break;
            case "CreateAutoScalingGroup":
                type = "autoscaling-group";
                ids = one(f.autoScalingGroupName);
                break;
            case "CreateCluster":
                type = "ecs-cluster";
                ids = "ecs".equals(e.service()) ? one(f.ecsCluster()) : null;
                break;
            case "CreateService":
                type = "ecs-service";
                ids = one(f.ecsServiceId());
                break;
            case "RegisterTaskDefinition":
                type = "task-definition";
                ids = one(f.taskDefinition);
                break;
            case "CreateLaunchTemplate":
                type = "launch-template";
                ids = one(f.launchTemplateName);
                break;
            case "CreateRole":
                type = "iam-role";
                ids = one(f.roleName);
                break;
            case "CreateUser":
                type = "iam-user";
                ids = one(f.userName);
                break;
            case "CreateAccessKey":
                type = "access-key";
                ids = one(f.createdAccessKeyId);
                break;
            case "CreateFunction20150331":
            case "CreateFunction":
                type = "lambda-function";
                ids = one(f.functionName);
                break;
            default:
                return;
        }
        if (ids != null && ids.length > 0) {
            c.emit(
                            Detections.CREATED,
                            e.eventName
                                    + " created "
                                    + ids.length
                                    + " "
                                    + type
                                    + "(s) in "
                                    + e.awsRegion,
                            ids)
                    .on(type)
                    .asRoutine();
        }
    }

    private static String[] one(String s) {
        return s == null ? null : new String[] {s};
    }
}
