package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import java.util.Set;

/**
 * TS-PE-004: CloudTrail, GuardDuty, flow logs, DNS query logs, Security Hub or Config switched off
 * or deleted, or narrowed (event selectors or trail settings that drop events, a detector
 * disabled). A change that keeps or widens logging is not tampering; a change to a trail the same
 * principal created recently (a lab or test setup) is MEDIUM, not HIGH.
 */
public final class LoggingTampering extends Rule {
    /** Calls that switch logging or detection off whatever their parameters. */
    static final Set<String> DISABLING =
            Set.of(
                    "StopLogging",
                    "DeleteTrail",
                    "DeleteDetector",
                    "DeleteFlowLogs",
                    "DisableSecurityHub",
                    "StopConfigurationRecorder",
                    "DeleteConfigurationRecorder",
                    "DeleteResolverQueryLogConfig",
                    "DisassociateResolverQueryLogConfig");

    /** Calls that tamper only when they narrow what is logged or detected. */
    static final Set<String> NARROWING =
            Set.of(
                    "PutEventSelectors",
                    "PutAdvancedEventSelectors",
                    "UpdateTrail",
                    "UpdateDetector");

    public static final Detection DETECTION =
            Detection.id("TS-PE-004")
                    .title("CloudTrail or detector tampering")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.HIGH)
                    .technique("T1562.008", "Impair Defenses: Disable or Modify Cloud Logs")
                    .tactic("Defense Evasion")
                    .matches(
                            "StopLogging, DeleteTrail, DeleteDetector, DeleteFlowLogs, DNS query"
                                    + " log deletion...; PutEventSelectors, UpdateTrail,"
                                    + " UpdateDetector only when they narrow logging")
                    .firstCheck(
                            "Re-enable logging and detectors immediately; everything after this"
                                    + " point is less visible.")
                    .build();

    /** The trail a CloudTrail call names (by name or ARN), or null. */
    private static String trailName(RuleContext c) {
        if (!"cloudtrail".equals(c.event.service()) || c.facts().names == null) {
            return null;
        }
        String n = c.facts().names[0];
        return n.substring(n.lastIndexOf('/') + 1);
    }

    LoggingTampering() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        String name = c.event.eventName;
        if (c.event.failed()) {
            return;
        }
        String trail = trailName(c);
        if ("CreateTrail".equals(name)) {
            c.profile.rememberCreated("trail", trail);
            return;
        }
        Signal s;
        if (DISABLING.contains(name)) {
            s = c.emit(DETECTION, name + " on " + c.event.eventSource + c.where());
        } else if (NARROWING.contains(name) && Boolean.TRUE.equals(c.facts().loggingReduced)) {
            s =
                    c.emit(
                            DETECTION,
                            name + " narrows what " + c.event.eventSource + " records" + c.where());
        } else {
            return;
        }
        if (trail != null && c.profile.created("trail", trail)) {
            // a lab or test setup changing the trail it just made, not an established trail
            s.severity(Severity.MEDIUM);
            s.summary += " (a trail this principal created)";
        }
    }
}
