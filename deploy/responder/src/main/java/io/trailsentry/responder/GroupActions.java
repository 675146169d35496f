package io.trailsentry.responder;

import static io.trailsentry.responder.Calls.params;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;

/**
 * Auto Scaling groups the principal created: scale-in protection cleared, capacity to zero, then
 * deleted. A group created before the principal's CreateAutoScalingGroup is refused.
 */
final class GroupActions {
    /** SetInstanceProtection takes at most 50 instance ids per call. */
    static final int PROTECTION_BATCH = 50;

    private GroupActions() {}

    /** New instances unprotected, then every protected instance of the group released. */
    static String clearScaleInProtection(FindingOrder f, Step s, StepContext c) {
        String region = c.region(s);
        AutoScalingClient asg = c.aws.autoScaling(region);
        AutoScalingGroup group = verified(asg, s);
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
                    List.copyOf(
                            protectedIds.subList(
                                    from, Math.min(protectedIds.size(), from + PROTECTION_BATCH)));
            c.calls.mutate(
                    "autoscaling",
                    "SetInstanceProtection",
                    region,
                    params(
                            "AutoScalingGroupName",
                            s.target,
                            "InstanceIds",
                            batch,
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
    static String deleteGroup(FindingOrder f, Step s, StepContext c) {
        String region = c.region(s);
        AutoScalingClient asg = c.aws.autoScaling(region);
        if (verified(asg, s) == null) {
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

    /** The group, checked to be the principal's creation; null when gone or being deleted. */
    private static AutoScalingGroup verified(AutoScalingClient asg, Step s) {
        List<AutoScalingGroup> groups =
                asg.describeAutoScalingGroups(b -> b.autoScalingGroupNames(s.target))
                        .autoScalingGroups();
        AutoScalingGroup g =
                groups.stream()
                        .filter(x -> s.target.equals(x.autoScalingGroupName()))
                        .findFirst()
                        .orElse(null);
        if (g == null || "Delete in progress".equals(g.status())) {
            return null;
        }
        Provenance.check(s, "group " + s.target, g.createdTime());
        return g;
    }
}
