package io.trailsentry.responder;

import static io.trailsentry.responder.Calls.params;

import io.trailsentry.responder.Actions.StepContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;

/** EC2 and Auto Scaling: undo termination and scale-in protection, then remove the compute. */
final class ComputeActions {
    /** SetInstanceProtection takes at most 50 instance ids per call. */
    static final int PROTECTION_BATCH = 50;

    private ComputeActions() {}

    static String enableTermination(FindingOrder f, FindingOrder.Step s, StepContext c) {
        return c.single(
                s,
                "ec2",
                "ModifyInstanceAttribute",
                params("InstanceId", s.target, "DisableApiTermination.Value", false),
                r ->
                        c.aws.ec2(r)
                                .modifyInstanceAttribute(
                                        b ->
                                                b.instanceId(s.target)
                                                        .disableApiTermination(
                                                                v -> v.value(false))));
    }

    /** New instances unprotected, then every protected instance of the group released. */
    static String clearScaleInProtection(FindingOrder f, FindingOrder.Step s, StepContext c) {
        String region = c.aws.regionOf(s.region);
        AutoScalingClient asg = c.aws.autoScaling(region);
        AutoScalingGroup group = describe(asg, s.target);
        if (group == null) {
            return "absent";
        }
        c.calls.mutate(
                "autoscaling",
                "UpdateAutoScalingGroup",
                region,
                params("AutoScalingGroupName", s.target, "NewInstancesProtectedFromScaleIn", false),
                () ->
                        asg.updateAutoScalingGroup(
                                b ->
                                        b.autoScalingGroupName(s.target)
                                                .newInstancesProtectedFromScaleIn(false)));
        List<String> protectedIds = new ArrayList<>();
        for (Instance i : group.instances()) {
            if (Boolean.TRUE.equals(i.protectedFromScaleIn())) {
                protectedIds.add(i.instanceId());
            }
        }
        for (int from = 0; from < protectedIds.size(); from += PROTECTION_BATCH) {
            List<String> batch =
                    protectedIds.subList(
                            from, Math.min(protectedIds.size(), from + PROTECTION_BATCH));
            c.calls.mutate(
                    "autoscaling",
                    "SetInstanceProtection",
                    region,
                    params(
                            "AutoScalingGroupName",
                            s.target,
                            "InstanceIds",
                            List.copyOf(batch),
                            "ProtectedFromScaleIn",
                            false),
                    () ->
                            asg.setInstanceProtection(
                                    b ->
                                            b.autoScalingGroupName(s.target)
                                                    .instanceIds(batch)
                                                    .protectedFromScaleIn(false)));
        }
        return "done";
    }

    /** Capacity to zero first (stops new launches at once), then force-delete the group. */
    static String deleteAutoScalingGroup(FindingOrder f, FindingOrder.Step s, StepContext c) {
        String region = c.aws.regionOf(s.region);
        AutoScalingClient asg = c.aws.autoScaling(region);
        if (describe(asg, s.target) == null) {
            return "absent";
        }
        c.calls.mutate(
                "autoscaling",
                "UpdateAutoScalingGroup",
                region,
                params(
                        "AutoScalingGroupName",
                        s.target,
                        "MinSize",
                        0,
                        "MaxSize",
                        0,
                        "DesiredCapacity",
                        0),
                () ->
                        asg.updateAutoScalingGroup(
                                b ->
                                        b.autoScalingGroupName(s.target)
                                                .minSize(0)
                                                .maxSize(0)
                                                .desiredCapacity(0)));
        c.calls.mutate(
                "autoscaling",
                "DeleteAutoScalingGroup",
                region,
                params("AutoScalingGroupName", s.target, "ForceDelete", true),
                () ->
                        asg.deleteAutoScalingGroup(
                                b -> b.autoScalingGroupName(s.target).forceDelete(true)));
        return "done";
    }

    static String terminate(FindingOrder f, FindingOrder.Step s, StepContext c) {
        return c.single(
                s,
                "ec2",
                "TerminateInstances",
                params("InstanceId.1", s.target),
                r -> c.aws.ec2(r).terminateInstances(b -> b.instanceIds(s.target)));
    }

    static String deleteLaunchTemplate(FindingOrder f, FindingOrder.Step s, StepContext c) {
        return c.single(
                s,
                "ec2",
                "DeleteLaunchTemplate",
                params("LaunchTemplateName", s.target),
                r -> c.aws.ec2(r).deleteLaunchTemplate(b -> b.launchTemplateName(s.target)));
    }

    private static AutoScalingGroup describe(AutoScalingClient asg, String name) {
        List<AutoScalingGroup> groups =
                asg.describeAutoScalingGroups(b -> b.autoScalingGroupNames(name))
                        .autoScalingGroups();
        return groups.isEmpty() ? null : groups.get(0);
    }
}
