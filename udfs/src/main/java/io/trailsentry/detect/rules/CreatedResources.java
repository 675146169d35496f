package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;

/**
 * TS-OB-001, observations of resources a principal creates. Never counted as behaviour, they give
 * the response plan its targets and the CEP patterns their facts (which clusters, which instances).
 * Only a successful call whose response names a new resource creates it: a failed call creates
 * nothing, and an ECS CreateCluster answered with a cluster that already holds services, tasks or
 * instances named an existing cluster (ECS returns it with 200). A launch template version is a
 * change to an existing template: its resource is the version, marked modified, so a response can
 * remove exactly that version.
 */
public final class CreatedResources extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-OB-001")
                    .title("Resource created by the principal")
                    .category(Category.COMPUTE_PROVISIONING)
                    .severity(Severity.INFO)
                    .technique(
                            "T1578.002",
                            "Modify Cloud Compute Infrastructure: Create Cloud Instance")
                    .tactic("Defense Evasion")
                    .matches(
                            "resources the principal created or changed, with their provenance"
                                    + " (response targets, never counted)")
                    .firstCheck(
                            "Listed so the response plan can reach everything the principal"
                                    + " created.")
                    .build();

    CreatedResources() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed() || e.facts == null) {
            return;
        }
        RequestFacts f = e.facts;
        ResourceType type;
        String[] ids;
        String parent = null;
        boolean created = true;
        switch (e.eventName) {
            case "RunInstances":
                type = ResourceType.INSTANCE;
                ids = f.instanceIds;
                break;
            case "CreateAutoScalingGroup":
                type = ResourceType.AUTOSCALING_GROUP;
                ids = one(f.autoScalingGroupName);
                break;
            case "CreateCluster":
                type = ResourceType.ECS_CLUSTER;
                ids = "ecs".equals(e.service()) && f.ecsWorkload <= 0 ? one(f.ecsCluster()) : null;
                break;
            case "CreateService":
                type = ResourceType.ECS_SERVICE;
                ids = one(f.ecsServiceId());
                parent = f.ecsCluster();
                break;
            case "RunTask":
            case "StartTask":
                type = ResourceType.ECS_TASK;
                ids = "ecs".equals(e.service()) ? f.taskArns : null;
                parent = f.ecsCluster();
                break;
            case "CreateLaunchTemplateVersion":
                type = ResourceType.LAUNCH_TEMPLATE_VERSION;
                ids =
                        f.launchTemplateName == null || f.launchTemplateVersion < 1
                                ? null
                                : one(f.launchTemplateName + ":" + f.launchTemplateVersion);
                created = false;
                break;
            case "RegisterTaskDefinition":
                type = ResourceType.TASK_DEFINITION;
                ids = one(f.taskDefinition);
                break;
            case "CreateLaunchTemplate":
                type = ResourceType.LAUNCH_TEMPLATE;
                ids = one(f.launchTemplateName);
                break;
            case "CreateRole":
                type = ResourceType.IAM_ROLE;
                ids = one(f.roleName);
                break;
            case "CreateUser":
                type = ResourceType.IAM_USER;
                ids = one(f.userName);
                break;
            case "CreateAccessKey":
                type = ResourceType.ACCESS_KEY;
                ids = one(f.createdAccessKeyId);
                break;
            case "CreateFunction20150331":
            case "CreateFunction":
                type = ResourceType.LAMBDA_FUNCTION;
                ids = one(f.functionName);
                break;
            default:
                return;
        }
        if (ids != null && ids.length > 0) {
            Signal s =
                    c.emit(
                                    DETECTION,
                                    e.eventName
                                            + (created ? " created " : " added ")
                                            + ids.length
                                            + " "
                                            + type.key
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
