package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;

/** TS-NR-001: the first event of a principal (informational, never counted alone). */
public final class NewPrincipal extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-NR-001")
                    .title("First activity of a principal")
                    .category(Category.NEW_OR_RARE)
                    .severity(Severity.INFO)
                    .technique("T1078.004", "Valid Accounts: Cloud Accounts")
                    .tactic("Initial Access")
                    .matches("first activity of a principal (never counted alone)")
                    .firstCheck(
                            "Confirm the identity is expected (new employee, new automation);"
                                    + " alone this is informational.")
                    .build();

    NewPrincipal() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (c.profile.events == 0) {
            c.emit(
                            DETECTION,
                            "first activity of "
                                    + c.event.principal.arn
                                    + " ("
                                    + c.event.eventName
                                    + ")")
                    .asRoutine();
        }
    }
}
