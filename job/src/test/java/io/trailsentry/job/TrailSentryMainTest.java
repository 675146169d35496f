package io.trailsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrailSentryMainTest {
    @Test
    void aMistakeIsOneLineAndTheUsageWithoutTheOptionList() {
        String out = TrailSentryMain.usageError("unknown option 'bogus'", new String[] {"--bogus"});
        assertThat(out.lines().findFirst()).hasValue("trailsentry: unknown option 'bogus'");
        assertThat(out).contains("Usage: --<option> <value>").contains("--help lists every option");
        assertThat(out).doesNotContain("--input.paths ").doesNotContain("\tat ");
    }

    @Test
    void aTestDataToolNameOnTheJobsCommandLineNamesTheRightCommand() {
        String out =
                TrailSentryMain.usageError(
                        "expected --<option>, got 'generate'", new String[] {"generate", "--help"});
        assertThat(out).contains("exec:exec@testdata -Dargs=\"generate ...\"");
    }
}
