package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import java.util.Set;

/** TS-PE-004: CloudTrail, GuardDuty, flow logs, Security Hub or Config switched off or changed. */
public final class LoggingTampering extends Rule {
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

    public static final Detection DETECTION =
            Detection.id("TS-PE-004")
                    .title("CloudTrail or detector tampering")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.HIGH)
                    .technique("T1562.008", "Impair Defenses: Disable or Modify Cloud Logs")
                    .tactic("Defense Evasion")
                    .matches(
                            "StopLogging, DeleteTrail, PutEventSelectors, DeleteDetector,"
                                    + " DeleteFlowLogs...")
                    .firstCheck(
                            "Re-enable logging and detectors immediately; everything after this"
                                    + " point is less visible.")
                    .build();

    LoggingTampering() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (!c.event.failed() && TAMPERING.contains(c.event.eventName)) {
            c.emit(DETECTION, c.event.eventName + " on " + c.event.eventSource + c.where());
        }
    }
}
