package io.trailsentry.responder;

import static io.trailsentry.responder.Calls.params;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * EC2 instances the principal launched: termination protection lifted, then terminated. Each is
 * read first: gone is {@code absent}; launched before the principal's RunInstances is refused.
 */
final class InstanceActions {
    private InstanceActions() {}

    static String enableTermination(FindingOrder f, Step s, StepContext c) {
        Ec2Client ec2 = c.aws.ec2(c.region(s));
        if (verified(ec2, s) == null) {
            return "absent";
        }
        lift(s, c, ec2);
        return "done";
    }

    /**
     * Lifts termination protection itself when it is on (whatever the plan's earlier steps did or
     * were capped at), then terminates. Protection switched on again between the read and the
     * termination fails the step, and the retry lifts it.
     */
    static String terminate(FindingOrder f, Step s, StepContext c) {
        String region = c.region(s);
        Ec2Client ec2 = c.aws.ec2(region);
        if (verified(ec2, s) == null) {
            return "absent";
        }
        lift(s, c, ec2);
        c.calls.mutate(
                "ec2",
                "TerminateInstances",
                region,
                params("InstanceId.1", s.target),
                () -> ec2.terminateInstances(b -> b.instanceIds(s.target)));
        return "done";
    }

    /** DisableApiTermination=false, unless EC2 says it is off already. */
    private static void lift(Step s, StepContext c, Ec2Client ec2) {
        Boolean on =
                ec2.describeInstanceAttribute(
                                b ->
                                        b.instanceId(s.target)
                                                .attribute(
                                                        InstanceAttributeName
                                                                .DISABLE_API_TERMINATION))
                        .disableApiTermination()
                        .value();
        if (Boolean.FALSE.equals(on)) {
            return;
        }
        c.calls.mutate(
                "ec2",
                "ModifyInstanceAttribute",
                c.region(s),
                params("InstanceId", s.target, "DisableApiTermination.Value", false),
                () ->
                        ec2.modifyInstanceAttribute(
                                b ->
                                        b.instanceId(s.target)
                                                .disableApiTermination(v -> v.value(false))));
    }

    /** The running instance, checked to be the principal's launch; null when it is gone. */
    private static Instance verified(Ec2Client ec2, Step s) {
        Instance i;
        try {
            List<Instance> found =
                    ec2.describeInstances(b -> b.instanceIds(s.target)).reservations().stream()
                            .flatMap(r -> r.instances().stream())
                            .filter(x -> s.target.equals(x.instanceId()))
                            .collect(java.util.stream.Collectors.toList());
            i = found.isEmpty() ? null : found.get(0);
        } catch (Ec2Exception e) {
            if (notFound(e)) {
                return null;
            }
            throw e;
        }
        if (i == null
                || i.state() != null
                        && (i.state().name() == InstanceStateName.TERMINATED
                                || i.state().name() == InstanceStateName.SHUTTING_DOWN)) {
            return null;
        }
        Provenance.check(s, "instance " + s.target, launched(i));
        return i;
    }

    /**
     * When the instance first ran: the earliest of LaunchTime (which a stop and start moves later),
     * the primary network interface's and the root volume's attach times.
     */
    static Instant launched(Instance i) {
        Instant t = i.launchTime();
        for (InstanceNetworkInterface n : i.networkInterfaces()) {
            if (n.attachment() != null && Integer.valueOf(0).equals(n.attachment().deviceIndex())) {
                t = earliest(t, n.attachment().attachTime());
            }
        }
        for (InstanceBlockDeviceMapping m : i.blockDeviceMappings()) {
            if (m.ebs() != null
                    && m.deviceName() != null
                    && m.deviceName().equals(i.rootDeviceName())) {
                t = earliest(t, m.ebs().attachTime());
            }
        }
        return t;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    static boolean notFound(Ec2Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code != null && code.contains("NotFound");
    }
}
