package io.trailsentry.testdata.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A short fuzz run: the full million-input run is the `fuzz` command. */
class FuzzerTest {
    @Test
    void nothingEscapesTheDecoderAndNothingIsAnInternalError() {
        Fuzzer.Report r = new Fuzzer(42).run(20_000);
        assertThat(r.failures).isEmpty();
        assertThat(r.escaped).isZero();
        assertThat(r.internalErrors).isZero();
        assertThat(r.inputs).isEqualTo(20_000);
        assertThat(r.events).as("some mutations leave valid records").isPositive();
        assertThat(r.reasons).containsKeys("NOT_JSON", "WRONG_FIELD_TYPE", "NESTING_TOO_DEEP");
    }
}
