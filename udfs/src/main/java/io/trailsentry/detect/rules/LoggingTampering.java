package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import java.util.Set;

/**
 * TS-PE-004: CloudTrail, GuardDuty, flow logs, DNS query logs, Security Hub or Config switched off
 * or deleted, or narrowed (event selectors or trail settings that drop events, a detector
 * disabled). A change that keeps or widens logging is not tampering.
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

    LoggingTampering() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        String name = c.event.eventName;
        if (c.event.failed()) {
            return;
        }
        if (DISABLING.contains(name)) {
            c.emit(DETECTION, name + " on " + c.event.eventSource + c.where());
        } else if (NARROWING.contains(name) && Boolean.TRUE.equals(c.facts().loggingReduced)) {
            c.emit(
                    DETECTION,
                    name + " narrows what " + c.event.eventSource + " records" + c.where());
        }
    }
}
