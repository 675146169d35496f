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
                                "arn:aws:iam::*:role/BreakGlass*, arn:aws:iam::1:user/root-ops",
                                ResponderConfig.OWN_ROLE,
                                "arn:aws:iam::1:role/trailsentry-responder",
                                ResponderConfig.DETECTOR_ROLE,
                                "arn:aws:iam::1:role/trailsentry-flink"));
        assertThat(c.isNeverAct("arn:aws:iam::222233334444:role/BreakGlassAdmin")).isTrue();
        assertThat(c.isNeverAct("arn:aws:iam::1:user/root-ops")).isTrue();
        assertThat(c.isNeverAct("arn:aws:iam::1:role/trailsentry-responder")).isTrue();
        assertThat(c.isNeverAct("arn:aws:iam::1:role/trailsentry-flink")).isTrue();
        assertThat(c.isNeverAct("arn:aws:iam::1:user/root-ops2")).isFalse();
        assertThat(c.isNeverAct("arn:aws:iam::1:role/Admin-BreakGlass")).isFalse();
        assertThat(c.isNeverAct("arn:aws:iam::1:role/a.b")).isFalse();
    }
}
