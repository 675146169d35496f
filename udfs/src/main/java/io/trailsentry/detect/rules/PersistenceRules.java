package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.Severity;
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
                            "termination-protection",
                            Detections.TERMINATION_PROTECTION,
                            e.eventName
                                    + " set disableApiTermination=true on "
                                    + ids.length
                                    + " instance(s)"
                                    + where,
                            ids)
                    .on("instance");
        }
        if (Boolean.TRUE.equals(f.protectedFromScaleIn)) {
            String group = f.autoScalingGroupName == null ? "?" : f.autoScalingGroupName;
            c.emitFor(
                            "scale-in-protection",
                            Detections.SCALE_IN_PROTECTION,
                            e.eventName + " protects group '" + group + "' from scale-in" + where,
                            group)
                    .on("autoscaling-group");
        }
        switch (e.eventName) {
            case "CreateRole":
            case "CreateServiceLinkedRole":
                c.emitFor(
                                "iam-role",
                                Detections.IAM_ROLE_PERSISTENCE,
                                e.eventName + " " + nz(f.roleName),
                                nz(f.roleName))
                        .on("iam-role");
                break;
            case "AttachRolePolicy":
            case "PutRolePolicy":
            case "AttachUserPolicy":
                boolean privileged =
                        f.policyArn != null && PRIVILEGED.stream().anyMatch(f.policyArn::endsWith);
                String target = f.roleName != null ? f.roleName : nz(f.userName);
                var s =
                        c.emitFor(
                                        "iam-role",
                                        Detections.IAM_ROLE_PERSISTENCE,
                                        e.eventName + " " + nz(f.policyArn) + " to " + target,
                                        target)
                                .on(f.roleName != null ? "iam-role" : "iam-user");
                if (privileged && !s.routine) {
                    s.severity(Severity.MEDIUM);
                }
                break;
            case "CreateUser":
            case "CreateLoginProfile":
            case "UpdateLoginProfile":
                c.emitFor(
                                "iam-user",
                                Detections.IAM_USER_PERSISTENCE,
                                e.eventName + " " + nz(f.userName),
                                nz(f.userName))
                        .on("iam-user");
                break;
            case "CreateAccessKey":
                c.emitFor(
                                "iam-user",
                                Detections.IAM_USER_PERSISTENCE,
                                "CreateAccessKey "
                                        + nz(f.createdAccessKeyId)
                                        + " for "
                                        + nz(f.userName),
                                nz(f.createdAccessKeyId))
                        .on("access-key");
                break;
            case "CreateFunctionUrlConfig":
            case "UpdateFunctionUrlConfig":
                if ("NONE".equals(f.functionUrlAuthType)) {
                    c.emitFor(
                                    "lambda-public",
                                    Detections.PUBLIC_FUNCTION,
                                    e.eventName + " authType NONE on " + nz(f.functionName),
                                    nz(f.functionName))
                            .on("lambda-function");
                }
                break;
            default:
                if (e.eventName.startsWith("AddPermission") && "*".equals(f.permissionPrincipal)) {
                    c.emitFor(
                                    "lambda-public",
                                    Detections.PUBLIC_FUNCTION,
                                    e.eventName + " grants '*' on " + nz(f.functionName),
                                    nz(f.functionName))
                            .on("lambda-function");
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
