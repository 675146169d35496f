package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.Sources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Category 4: GPU/ML requests, large capacities and counts, compute in unused regions. */
final class ProvisioningRules {
    static final Set<String> COMPUTE_APIS =
            Set.of(
                    "RunInstances",
                    "CreateFleet",
                    "RequestSpotInstances",
                    "RequestSpotFleet",
                    "CreateLaunchTemplate",
                    "CreateLaunchTemplateVersion",
                    "CreateAutoScalingGroup",
                    "UpdateAutoScalingGroup",
                    "CreateService",
                    "UpdateService",
                    "RunTask",
                    "CreateTrainingJob",
                    "CreateNotebookInstance",
                    "CreateEndpointConfig",
                    "CreateComputeEnvironment",
                    "CreateProcessingJob");

    private ProvisioningRules() {}

    static boolean isCompute(CloudTrailEvent e) {
        return COMPUTE_APIS.contains(e.eventName);
    }

    static void apply(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed() || !isCompute(e)) {
            return;
        }
        RequestFacts f = e.facts == null ? new RequestFacts() : e.facts;
        List<String> gpu = new ArrayList<>();
        boolean knownFamilies = true;
        for (String t : f.instanceTypes == null ? new String[0] : f.instanceTypes) {
            if (Sources.isAccelerated(t)) {
                gpu.add(t);
            }
            knownFamilies &= c.profile.instanceFamilies.contains(Sources.family(t));
        }
        boolean newRegion = newRegion(c, e.awsRegion);
        String where = " in " + e.awsRegion;
        if (!gpu.isEmpty()) {
            Signal s =
                    c.emit(
                            Detections.GPU_COMPUTE,
                            e.eventName + " " + String.join(",", gpu) + where,
                            resources(e, f));
            s.on(resourceType(e));
            if (knownFamilies && c.routine(ActionClass.PROVISIONING)) {
                s.asRoutine();
            }
        }
        boolean asg = e.eventName.endsWith("AutoScalingGroup");
        if (asg && f.requestedCapacity() >= c.policy.largeCapacity) {
            String group = f.autoScalingGroupName == null ? "?" : f.autoScalingGroupName;
            Signal s =
                    c.emit(
                                    Detections.LARGE_AUTOSCALING_GROUP,
                                    e.eventName
                                            + " '"
                                            + group
                                            + "' min/desired/max "
                                            + f.minSize
                                            + "/"
                                            + f.desiredCapacity
                                            + "/"
                                            + f.maxSize
                                            + types(f)
                                            + where,
                                    group)
                            .on(ResourceType.AUTOSCALING_GROUP);
            if (!gpu.isEmpty() || newRegion) {
                s.severity(Severity.MEDIUM);
            } else if (c.routine(ActionClass.PROVISIONING)) {
                s.asRoutine();
            }
        }
        if (!asg && f.instanceCount >= c.policy.largeCount) {
            Signal s =
                    c.emit(
                                    Detections.LARGE_COUNT,
                                    e.eventName + " count " + f.instanceCount + types(f) + where,
                                    resources(e, f))
                            .on(resourceType(e));
            if (c.routine(ActionClass.PROVISIONING) && gpu.isEmpty()) {
                s.asRoutine();
            }
        }
        if (newRegion) {
            c.emit(
                            Detections.NEW_REGION_COMPUTE,
                            e.eventName
                                    + where
                                    + " (regions in use: "
                                    + String.join(", ", usual(c))
                                    + ")",
                            resources(e, f))
                    .on(resourceType(e));
        }
    }

    /** Unused by this (mature) principal, or outside the organisation's expected regions. */
    static boolean newRegion(RuleContext c, String region) {
        if (region == null) {
            return false;
        }
        if (!c.policy.expectedRegions.isEmpty()) {
            return !c.policy.expectedRegions.contains(region);
        }
        return c.mature() && !c.profile.regions.contains(region);
    }

    private static List<String> usual(RuleContext c) {
        return !c.policy.expectedRegions.isEmpty()
                ? c.policy.expectedRegions
                : Arrays.asList(c.profile.regions.keys);
    }

    static String types(RequestFacts f) {
        return f.instanceTypes == null ? "" : " " + String.join(",", f.instanceTypes);
    }

    static String[] resources(CloudTrailEvent e, RequestFacts f) {
        if (f.instanceIds != null) {
            return f.instanceIds;
        }
        if (f.serviceName != null && f.autoScalingGroupName == null) {
            return new String[] {f.ecsServiceId()};
        }
        String name =
                f.autoScalingGroupName != null
                        ? f.autoScalingGroupName
                        : f.serviceName != null
                                ? f.serviceName
                                : f.launchTemplateName != null
                                        ? f.launchTemplateName
                                        : f.clusterName == null ? null : f.ecsCluster();
        return name == null ? new String[0] : new String[] {name};
    }

    static ResourceType resourceType(CloudTrailEvent e) {
        switch (e.eventName) {
            case "CreateAutoScalingGroup":
            case "UpdateAutoScalingGroup":
                return ResourceType.AUTOSCALING_GROUP;
            case "CreateService":
            case "UpdateService":
                return ResourceType.ECS_SERVICE;
            case "RunTask":
                return ResourceType.ECS_CLUSTER;
            case "CreateLaunchTemplate":
            case "CreateLaunchTemplateVersion":
                return ResourceType.LAUNCH_TEMPLATE;
            case "RunInstances":
                return ResourceType.INSTANCE;
            default:
                return ResourceType.OTHER;
        }
    }
}
