package io.trailsentry.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponderConfigTest {
    @Test
    void defaultsAreTheSafeOnes() {
        ResponderConfig c = ResponderConfig.fromEnv(Map.of());
        assertThat(c.dryRun).isTrue();
        assertThat(c.minSeverity).isEqualTo(4);
        assertThat(c.disabledActions).isEmpty();
        assertThat(c.ledgerTable).isNull();
    }

    @Test
    void liveModeWithoutALedgerIsRefused() {
        assertThatThrownBy(() -> ResponderConfig.fromEnv(Map.of(ResponderConfig.DRY_RUN, "false")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ResponderConfig.LEDGER_TABLE);
    }

    @Test
    void badValuesAreErrorsNotDefaults() {
        assertThatThrownBy(() -> ResponderConfig.fromEnv(Map.of(ResponderConfig.DRY_RUN, "yes")))
                .hasMessageContaining("true or false");
        assertThatThrownBy(
                        () ->
                                ResponderConfig.fromEnv(
                                        Map.of(ResponderConfig.MIN_SEVERITY, "SEVERE")))
                .hasMessageContaining("CRITICAL");
        assertThatThrownBy(
                        () ->
                                ResponderConfig.fromEnv(
                                        Map.of(
                                                ResponderConfig.DISABLED_ACTIONS,
                                                "terminate-instances")))
                .hasMessageContaining("unknown action 'terminate-instances'");
    }

    @Test
    void severityByNameOrId() {
        assertThat(
                        ResponderConfig.fromEnv(Map.of(ResponderConfig.MIN_SEVERITY, "critical"))
                                .minSeverity)
                .isEqualTo(5);
        assertThat(ResponderConfig.fromEnv(Map.of(ResponderConfig.MIN_SEVERITY, "3")).minSeverity)
                .isEqualTo(3);
    }

    @Test
    void neverActMatchesExactArnsPatternsAndTheOwnRoles() {
        ResponderConfig c =
                ResponderConfig.fromEnv(
                        Map.of(
                                ResponderConfig.NEVER_ACT,
                                "arn:aws:iam::*:role/BreakGlass*, arn:aws:iam::111122223333:user/root-ops",
                                ResponderConfig.OWN_ROLE,
                                "arn:aws:iam::111122223333:role/trailsentry-responder",
                                ResponderConfig.DETECTOR_ROLE,
                                "arn:aws:iam::111122223333:role/trailsentry-flink"));
        assertThat(c.isNeverAct("arn:aws:iam::222233334444:role/BreakGlassAdmin")).isTrue();
        assertThat(c.isNeverAct("arn:aws:iam::111122223333:user/root-ops")).isTrue();
        assertThat(c.isNeverAct("arn:aws:iam::111122223333:role/trailsentry-responder")).isTrue();
        assertThat(c.isNeverAct("arn:aws:iam::111122223333:role/trailsentry-flink")).isTrue();
        assertThat(c.isNeverAct("arn:aws:iam::111122223333:user/root-ops2")).isFalse();
        assertThat(c.isNeverAct("arn:aws:iam::111122223333:role/Admin-BreakGlass")).isFalse();
        assertThat(c.isNeverAct("arn:aws:iam::111122223333:role/a.b")).isFalse();
    }

    @Test
    void capsAndTimesAreValidatedAtStartUp() {
        ResponderConfig d = ResponderConfig.fromEnv(Map.of());
        assertThat(d.limits.perStep).isEqualTo(300);
        assertThat(d.limits.perFinding).isEqualTo(1_500);
        assertThat(d.limits.perInvocation).isEqualTo(2_500);
        assertThat(d.limits.marginMillis).isEqualTo(30_000);
        assertThat(d.limits.sessionDenyHours).isEqualTo(24);
        assertThatThrownBy(
                        () ->
                                ResponderConfig.fromEnv(
                                        Map.of(ResponderConfig.MAX_CALLS_PER_STEP, "0")))
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(
                        () ->
                                ResponderConfig.fromEnv(
                                        Map.of(ResponderConfig.MAX_CALLS_PER_FINDING, "lots")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(
                        () ->
                                ResponderConfig.fromEnv(
                                        Map.of(
                                                ResponderConfig.MAX_CALLS_PER_STEP, "500",
                                                ResponderConfig.MAX_CALLS_PER_FINDING, "400")))
                .hasMessageContaining("per step <= per finding");
        assertThatThrownBy(
                        () ->
                                ResponderConfig.fromEnv(
                                        Map.of(ResponderConfig.SESSION_DENY_HOURS, "0")))
                .hasMessageContaining(ResponderConfig.SESSION_DENY_HOURS);
        assertThatThrownBy(
                        () ->
                                ResponderConfig.fromEnv(
                                        Map.of(ResponderConfig.TIME_MARGIN_SECONDS, "1")))
                .hasMessageContaining(ResponderConfig.TIME_MARGIN_SECONDS);
    }

    @Test
    void memberAccountsNeedAnAllowListAndTheOwnRole() {
        String own = "arn:aws:iam::111122223333:role/trailsentry-responder";
        assertThatThrownBy(
                        () ->
                                ResponderConfig.fromEnv(
                                        Map.of(
                                                ResponderConfig.MEMBER_ROLE_NAME,
                                                "trailsentry-member",
                                                ResponderConfig.OWN_ROLE,
                                                own)))
                .hasMessageContaining(ResponderConfig.ACCOUNTS + " is required");
        assertThatThrownBy(
                        () ->
                                ResponderConfig.fromEnv(
                                        Map.of(
                                                ResponderConfig.MEMBER_ROLE_NAME,
                                                        "trailsentry-member",
                                                ResponderConfig.ACCOUNTS, "444455556666")))
                .hasMessageContaining(ResponderConfig.OWN_ROLE);
        assertThatThrownBy(
                        () ->
                                ResponderConfig.fromEnv(
                                        Map.of(ResponderConfig.ACCOUNTS, "4444,5555")))
                .hasMessageContaining("not an account id");
        assertThatThrownBy(
                        () ->
                                ResponderConfig.fromEnv(
                                        Map.of(ResponderConfig.NOTIFY_TOPIC_ARN, "my-topic")))
                .hasMessageContaining("not an SNS topic ARN");
        ResponderConfig c =
                ResponderConfig.fromEnv(
                        Map.of(
                                ResponderConfig.MEMBER_ROLE_NAME, "trailsentry-member",
                                ResponderConfig.MEMBER_EXTERNAL_ID, "org-123",
                                ResponderConfig.ACCOUNTS, "111122223333,444455556666",
                                ResponderConfig.OWN_ROLE, own));
        assertThat(c.ownAccount).isEqualTo("111122223333");
        assertThat(c.partition).isEqualTo("aws");
        assertThat(c.accounts).containsExactly("111122223333", "444455556666");
    }
}
