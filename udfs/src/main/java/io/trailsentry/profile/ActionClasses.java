package io.trailsentry.profile;

import io.trailsentry.cloudtrail.CloudTrailEvent;

/**
 * The action class of an event, for "does this principal do this on other days": provisioning,
 * termination-protection, iam-role, dry-run... Null for everything else. Burst classes
 * (enumeration, denied-burst) are recorded by the rules that detect the bursts.
 */
public final class ActionClasses {
    private ActionClasses() {}

    public static String of(CloudTrailEvent e) {
        if ("Client.DryRunOperation".equals(e.errorCode)) {
            return "dry-run";
        }
        if (e.failed()) {
            return null;
        }
        if (e.facts != null && Boolean.TRUE.equals(e.facts.disableApiTermination)) {
            return "termination-protection";
        }
        if (e.facts != null && Boolean.TRUE.equals(e.facts.protectedFromScaleIn)) {
            return "scale-in-protection";
        }
        switch (e.eventName) {
            case "RunInstances":
            case "CreateFleet":
            case "RequestSpotInstances":
            case "RequestSpotFleet":
            case "CreateAutoScalingGroup":
            case "UpdateAutoScalingGroup":
            case "CreateLaunchTemplate":
            case "CreateCluster":
            case "CreateService":
            case "RunTask":
                return "provisioning";
            case "CreateRole":
            case "CreateServiceLinkedRole":
            case "AttachRolePolicy":
            case "PutRolePolicy":
                return "iam-role";
            case "CreateUser":
            case "CreateAccessKey":
            case "CreateLoginProfile":
            case "AttachUserPolicy":
                return "iam-user";
            case "GetServiceQuota":
            case "ListServiceQuotas":
                return "quota-read";
            case "SimulatePrincipalPolicy":
            case "SimulateCustomPolicy":
                return "policy-simulation";
            case "RegisterTaskDefinition":
                return "public-image";
            case "CreateFunctionUrlConfig":
            case "AddPermission20150331v2":
                return "lambda-public";
            default:
                return null;
        }
    }
}
