package io.trailsentry.profile;

import io.trailsentry.cloudtrail.CloudTrailEvent;

/**
 * The classes of action a baseline remembers by day, for "does this principal do this on other
 * days": one vocabulary for the learner (which records the class of every event) and the rules
 * (which ask whether it is routine). {@link #key} is what state holds ({@code key@day} in a
 * profile's routines): never change one.
 */
public enum ActionClass {
    DRY_RUN("dry-run"),
    TERMINATION_PROTECTION("termination-protection"),
    SCALE_IN_PROTECTION("scale-in-protection"),
    PROVISIONING("provisioning"),
    IAM_ROLE("iam-role"),
    IAM_USER("iam-user"),
    QUOTA_READ("quota-read"),
    POLICY_SIMULATION("policy-simulation"),
    PUBLIC_IMAGE("public-image"),
    LAMBDA_PUBLIC("lambda-public"),
    /** Recorded by the enumeration rule when it sees a burst, not per event. */
    ENUMERATION("enumeration"),
    /** Recorded by the AccessDenied rule when it sees a burst, not per event. */
    DENIED_BURST("denied-burst"),
    CREDENTIAL_READ("credential-read"),
    INSTANCE_ACCESS("instance-access"),
    SHARE("share"),
    EXPOSURE("exposure"),
    FUNCTION_CHANGE("function-change"),
    TRUST_CHANGE("trust-change"),
    FEDERATION("federation"),
    MODEL_ACCESS("model-access"),
    USER_DATA("user-data"),
    CONSOLE_LOGIN("console-login"),
    /**
     * Compute requested with GPU, ML or other accelerated families; recorded in a principal's hour
     * for its population (not by {@link #of}). Values are only ever added at the end.
     */
    ACCELERATED("accelerated");

    public final String key;

    ActionClass(String key) {
        this.key = key;
    }

    /** The class of {@code e}, or null when it is of none (bursts are classed by their rules). */
    public static ActionClass of(CloudTrailEvent e) {
        if ("Client.DryRunOperation".equals(e.errorCode)) {
            return DRY_RUN;
        }
        if (e.failed()) {
            return null;
        }
        if (e.facts != null && Boolean.TRUE.equals(e.facts.disableApiTermination)) {
            return TERMINATION_PROTECTION;
        }
        if (e.facts != null && Boolean.TRUE.equals(e.facts.protectedFromScaleIn)) {
            return SCALE_IN_PROTECTION;
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
            case "CreateTrainingJob":
            case "CreateProcessingJob":
            case "CreateHyperParameterTuningJob":
            case "CreateTransformJob":
            case "CreateNotebookInstance":
            case "CreateEndpointConfig":
            case "CreateComputeEnvironment":
            case "UpdateComputeEnvironment":
            case "SetDesiredCapacity":
            case "CreateNodegroup":
            case "UpdateNodegroupConfig":
                return PROVISIONING;
            case "CreateRole":
            case "CreateServiceLinkedRole":
            case "AttachRolePolicy":
            case "PutRolePolicy":
                return IAM_ROLE;
            case "CreateUser":
            case "CreateAccessKey":
            case "CreateLoginProfile":
            case "UpdateLoginProfile":
            case "AttachUserPolicy":
            case "PutUserPolicy":
                return IAM_USER;
            case "GetServiceQuota":
            case "ListServiceQuotas":
                return QUOTA_READ;
            case "SimulatePrincipalPolicy":
            case "SimulateCustomPolicy":
                return POLICY_SIMULATION;
            case "RegisterTaskDefinition":
                return PUBLIC_IMAGE;
            case "CreateFunctionUrlConfig":
            case "UpdateFunctionUrlConfig":
            case "AddPermission20150331v2":
                return LAMBDA_PUBLIC;
            default:
                return e.eventName.startsWith("AddPermission") ? LAMBDA_PUBLIC : null;
        }
    }
}
