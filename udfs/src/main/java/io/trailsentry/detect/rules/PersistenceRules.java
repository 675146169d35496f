package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;
import java.util.Set;

/** Category 6: response friction (termination and scale-in protection) and persistence. */
final class PersistenceRules {
    static final Set<String> TAMPERING =
            Set.of(
                    "StopLogging",
                    "DeleteTrail",
                    "UpdateTrail",
                    "PutEventSelectors",
                    "DeleteDetector",
                    "UpdateDetector",
                    "DeleteFlowLogs",
                    "DisableSecurityHub",
                    "StopConfigurationRecorder",
                    "DeleteConfigurationRecorder");
    static final Set<String> PRIVILEGED =
            Set.of(
                    "AdministratorAccess",
                    "IAMFullAccess",
                    "PowerUserAccess",
                    "AmazonEC2FullAccess");

    private PersistenceRules() {}

    static void apply(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed()) {
            return;
        }
        RequestFacts f = e.facts == null ? new RequestFacts() : e.facts;
        String where = " in " + e.awsRegion;
        if (Boolean.TRUE.equals(f.disableApiTermination)
                && ("ModifyInstanceAttribute".equals(e.eventName)
                        || "RunInstances".equals(e.eventName))) {
            String[] ids = f.instanceIds == null ? new String[0] : f.instanceIds;
            c.emitFor(
                            ActionClass.TERMINATION_PROTECTION,
                            Detections.TERMINATION_PROTECTION,
                            e.eventName
                                    + " set disableApiTermination=true on "
                                    + ids.length
                                    + " instance(s)"
                                    + where,
                            ids)
                    .on(ResourceType.INSTANCE);
        }
        if (Boolean.TRUE.equals(f.protectedFromScaleIn)) {
            String group = f.autoScalingGroupName == null ? "?" : f.autoScalingGroupName;
            c.emitFor(
                            ActionClass.SCALE_IN_PROTECTION,
                            Detections.SCALE_IN_PROTECTION,
                            e.eventName + " protects group '" + group + "' from scale-in" + where,
                            group)
                    .on(ResourceType.AUTOSCALING_GROUP);
        }
        switch (e.eventName) {
            case "CreateRole":
            case "CreateServiceLinkedRole":
                c.emitFor(
                                ActionClass.IAM_ROLE,
                                Detections.IAM_ROLE_PERSISTENCE,
                                e.eventName + " " + nz(f.roleName),
                                nz(f.roleName))
                        .on(ResourceType.IAM_ROLE);
                break;
            case "AttachRolePolicy":
            case "PutRolePolicy":
            case "AttachUserPolicy":
                boolean privileged =
                        f.policyArn != null && PRIVILEGED.stream().anyMatch(f.policyArn::endsWith);
                String target = f.roleName != null ? f.roleName : nz(f.userName);
                var s =
                        c.emitFor(
                                        ActionClass.of(e),
                                        Detections.IAM_ROLE_PERSISTENCE,
                                        e.eventName + " " + nz(f.policyArn) + " to " + target,
                                        target)
                                .on(
                                        f.roleName != null
                                                ? ResourceType.IAM_ROLE
                                                : ResourceType.IAM_USER);
                if (privileged && !s.routine) {
                    s.severity(Severity.MEDIUM);
                }
                break;
            case "CreateUser":
            case "CreateLoginProfile":
            case "UpdateLoginProfile":
                c.emitFor(
                                ActionClass.IAM_USER,
                                Detections.IAM_USER_PERSISTENCE,
                                e.eventName + " " + nz(f.userName),
                                nz(f.userName))
                        .on(ResourceType.IAM_USER);
                break;
            case "CreateAccessKey":
                c.emitFor(
                                ActionClass.IAM_USER,
                                Detections.IAM_USER_PERSISTENCE,
                                "CreateAccessKey "
                                        + nz(f.createdAccessKeyId)
                                        + " for "
                                        + nz(f.userName),
                                nz(f.createdAccessKeyId))
                        .on(ResourceType.ACCESS_KEY);
                break;
            case "CreateFunctionUrlConfig":
            case "UpdateFunctionUrlConfig":
                if ("NONE".equals(f.functionUrlAuthType)) {
                    c.emitFor(
                                    ActionClass.LAMBDA_PUBLIC,
                                    Detections.PUBLIC_FUNCTION,
                                    e.eventName + " authType NONE on " + nz(f.functionName),
                                    nz(f.functionName))
                            .on(ResourceType.LAMBDA_FUNCTION);
                }
                break;
            default:
                if (e.eventName.startsWith("AddPermission") && "*".equals(f.permissionPrincipal)) {
                    c.emitFor(
                                    ActionClass.LAMBDA_PUBLIC,
                                    Detections.PUBLIC_FUNCTION,
                                    e.eventName + " grants '*' on " + nz(f.functionName),
                                    nz(f.functionName))
                            .on(ResourceType.LAMBDA_FUNCTION);
                }
                if (TAMPERING.contains(e.eventName)) {
                    c.emit(
                            Detections.LOGGING_TAMPERING,
                            e.eventName + " on " + e.eventSource + where);
                }
                break;
        }
    }

    private static String nz(String s) {
        return s == null ? "?" : s;
    }
}
