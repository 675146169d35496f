package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.Signal;

/**
 * Observations of resources a principal creates. Never counted as behaviour, they give the response
 * plan its targets and the CEP patterns their facts (which clusters, which instances). Only a
 * successful call whose response names a new resource creates it: a failed call creates nothing,
 * and an ECS CreateCluster answered with a cluster that already holds services, tasks or instances
 * named an existing cluster (ECS returns it with 200). A launch template version is a change to an
 * existing template: its resource is the version, marked modified, so a response can remove exactly
 * that version.
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
        String parent = null;
        boolean created = true;
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
                ids = "ecs".equals(e.service()) && f.ecsWorkload <= 0 ? one(f.ecsCluster()) : null;
                break;
            case "CreateService":
                type = "ecs-service";
                ids = one(f.ecsServiceId());
                parent = f.ecsCluster();
                break;
            case "RunTask":
            case "StartTask":
                type = "ecs-task";
                ids = "ecs".equals(e.service()) ? f.taskArns : null;
                parent = f.ecsCluster();
                break;
            case "CreateLaunchTemplateVersion":
                type = "launch-template-version";
                ids =
                        f.launchTemplateName == null || f.launchTemplateVersion < 1
                                ? null
                                : one(f.launchTemplateName + ":" + f.launchTemplateVersion);
                created = false;
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
            Signal s =
                    c.emit(
                                    Detections.CREATED,
                                    e.eventName
                                            + (created ? " created " : " added ")
                                            + ids.length
                                            + " "
                                            + type
                                            + "(s) in "
                                            + e.awsRegion,
                                    ids)
                            .on(type)
                            .asRoutine();
            s.parent = parent;
            if (created) {
                s.created();
            }
        }
    }

    private static String[] one(String s) {
        return s == null ? null : new String[] {s};
    }
}
