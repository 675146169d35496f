package io.trailsentry.detect;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.principal.Principal;
import java.util.function.Consumer;

/** Detections that need one event and no history. Pure: no Flink, no state. */
public final class EventRules {
    private final DetectionPolicy policy;

    public EventRules(DetectionPolicy policy) {
        this.policy = policy;
    }

    public void evaluate(CloudTrailEvent e, Principal p, Consumer<Signal> out) {
        RequestFacts f = e.facts == null ? new RequestFacts() : e.facts;
        switch (e.service()) {
            case "ec2":
                ec2(e, p, f, out);
                break;
            case "autoscaling":
                autoscaling(e, p, f, out);
                break;
            default:
                break;
        }
    }

    private void ec2(CloudTrailEvent e, Principal p, RequestFacts f, Consumer<Signal> out) {
        if ("Client.DryRunOperation".equals(e.errorCode)
                || "Client.UnauthorizedOperation".equals(e.errorCode)) {
            boolean allowed = "Client.DryRunOperation".equals(e.errorCode);
            out.accept(
                    Signal.of(
                            Detections.DRYRUN_PROBE,
                            e,
                            p,
                            e.eventName
                                    + (allowed
                                            ? " DryRun allowed"
                                            : " denied (UnauthorizedOperation)")
                                    + types(f)
                                    + " in "
                                    + e.awsRegion));
        }
        if (!e.failed()
                && Boolean.TRUE.equals(f.disableApiTermination)
                && ("ModifyInstanceAttribute".equals(e.eventName)
                        || "RunInstances".equals(e.eventName))) {
            String[] ids = f.instanceIds == null ? new String[0] : f.instanceIds;
            out.accept(
                    Signal.of(
                            Detections.TERMINATION_PROTECTION,
                            e,
                            p,
                            e.eventName
                                    + " set disableApiTermination=true on "
                                    + ids.length
                                    + " instance(s)",
                            ids));
        }
    }

    private void autoscaling(CloudTrailEvent e, Principal p, RequestFacts f, Consumer<Signal> out) {
        boolean createOrUpdate =
                "CreateAutoScalingGroup".equals(e.eventName)
                        || "UpdateAutoScalingGroup".equals(e.eventName);
        if (createOrUpdate && !e.failed() && f.requestedCapacity() >= policy.largeCapacity) {
            String group = f.autoScalingGroupName == null ? "?" : f.autoScalingGroupName;
            out.accept(
                    Signal.of(
                            Detections.LARGE_AUTOSCALING_GROUP,
                            e,
                            p,
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
                                    + " in "
                                    + e.awsRegion,
                            group));
        }
    }

    private static String types(RequestFacts f) {
        return f.instanceTypes == null ? "" : " " + String.join(",", f.instanceTypes);
    }
}
