package io.trailsentry.detect;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.cloudtrail.UserIdentity;
import io.trailsentry.detect.rules.CreatedResources;
import io.trailsentry.principal.Principal;

/** Named factories of decoded events and signals for detection tests. */
public final class TestEvents {
    public static final Principal ATTACKER =
            new Principal(
                    "111122223333",
                    "arn:aws:iam::111122223333:user/svc-reporting",
                    "IAMUser",
                    null);
    public static final long T0 = 1_773_151_392_000L; // 2026-03-10T14:03:12Z

    private TestEvents() {}

    public static CloudTrailEvent event(String source, String name, long time, String id) {
        CloudTrailEvent e = new CloudTrailEvent();
        e.eventSource = source + ".amazonaws.com";
        e.eventName = name;
        e.eventTime = time;
        e.eventId = id;
        e.awsRegion = "ap-southeast-1";
        e.sourceIpAddress = "203.0.113.77";
        e.userAgent = "Boto3/1.28.62";
        e.userIdentity = new UserIdentity();
        e.userIdentity.type = "IAMUser";
        e.userIdentity.accessKeyId = "AKIASTOLEN";
        e.principal = ATTACKER;
        e.facts = new RequestFacts();
        return e;
    }

    public static CloudTrailEvent dryRun(long time, String id, String errorCode) {
        CloudTrailEvent e = event("ec2", "RunInstances", time, id);
        e.errorCode = errorCode;
        e.facts.instanceTypes = new String[] {"p3.2xlarge"};
        return e;
    }

    public static CloudTrailEvent protect(long time, String id, String instanceId) {
        CloudTrailEvent e = event("ec2", "ModifyInstanceAttribute", time, id);
        e.facts.disableApiTermination = true;
        e.facts.instanceIds = new String[] {instanceId};
        return e;
    }

    public static CloudTrailEvent asg(long time, String id, int min, int desired, int max) {
        CloudTrailEvent e = event("autoscaling", "CreateAutoScalingGroup", time, id);
        e.facts.autoScalingGroupName = "asg-" + id;
        e.facts.minSize = min;
        e.facts.desiredCapacity = desired;
        e.facts.maxSize = max;
        return e;
    }

    public static Signal signal(Detection d, long time, String id, String... resources) {
        return Signal.of(d, event("ec2", "X", time, id), ATTACKER, d.title, resources);
    }

    /** The observation that the principal's call created {@code resources} of {@code type}. */
    public static Signal created(long time, String id, ResourceType type, String... resources) {
        return typed(CreatedResources.DETECTION, time, id, type, resources).asRoutine().created();
    }

    /** A signal whose resources are of {@code type} (response targets). */
    public static Signal typed(
            Detection d, long time, String id, ResourceType type, String... resources) {
        return signal(d, time, id, resources).on(type);
    }
}
