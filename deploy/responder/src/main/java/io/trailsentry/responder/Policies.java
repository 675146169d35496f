package io.trailsentry.responder;

import java.time.Instant;

/** The inline deny policies the responder attaches; names are fixed so a re-run overwrites. */
final class Policies {
    static final String QUARANTINE = "TrailSentryQuarantine";
    static final String REVOKE_SESSIONS = "TrailSentryRevokeOlderSessions";
    static final String DENY_COMPUTE = "TrailSentryDenyCompute";

    /** What starts spend: instances, fleets, groups, templates, clusters, services, tasks. */
    static final String[] COMPUTE_ACTIONS = {
        "ec2:RunInstances",
        "ec2:RequestSpotInstances",
        "ec2:RequestSpotFleet",
        "ec2:CreateFleet",
        "ec2:CreateLaunchTemplate",
        "ec2:CreateLaunchTemplateVersion",
        "ec2:ModifyInstanceAttribute",
        "autoscaling:CreateAutoScalingGroup",
        "autoscaling:UpdateAutoScalingGroup",
        "autoscaling:SetDesiredCapacity",
        "autoscaling:CreateLaunchConfiguration",
        "autoscaling:SetInstanceProtection",
        "ecs:CreateCluster",
        "ecs:CreateService",
        "ecs:UpdateService",
        "ecs:RunTask",
        "ecs:StartTask",
        "ecs:RegisterTaskDefinition",
        "ecs:CreateCapacityProvider"
    };

    private Policies() {}

    static String denyAll() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TrailSentryQuarantine\","
                + "\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    }

    /** Denies everything to sessions issued before {@code now}, as the console's "revoke". */
    static String revokeOlderSessions(long nowMillis) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TrailSentryRevokeOlderSessions\","
                + "\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
                + "{\"DateLessThan\":{\"aws:TokenIssueTime\":\""
                + Instant.ofEpochMilli(nowMillis)
                + "\"}}}]}";
    }

    static String denyCompute() {
        StringBuilder b = new StringBuilder();
        for (String a : COMPUTE_ACTIONS) {
            b.append(b.length() == 0 ? "" : ",").append('"').append(a).append('"');
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TrailSentryDenyCompute\","
                + "\"Effect\":\"Deny\",\"Action\":["
                + b
                + "],\"Resource\":\"*\"}]}";
    }
}
