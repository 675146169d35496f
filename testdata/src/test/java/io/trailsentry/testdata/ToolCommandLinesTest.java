package io.trailsentry.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every test-data tool answers --help with its usage and a mistake with one line and the usage. */
class ToolCommandLinesTest {
    /** Exit status, stdout and stderr of one in-process run of the tools' entry point. */
    static String[] run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = System.out;
        PrintStream e = System.err;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = TestDataMain.run(args);
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
        return new String[] {
            Integer.toString(status),
            out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)
        };
    }

    @Test
    void helpOnEveryToolPrintsItsUsageAndExitsZero() throws Exception {
        assertThat(TestDataMain.tools()).hasSize(12);
        for (String tool : TestDataMain.tools()) {
            String[] r = run(tool, "--help");
            assertThat(r[0]).as(tool).isEqualTo("0");
            assertThat(r[1]).as(tool).startsWith(tool + ": ").contains("Usage: " + tool);
            assertThat(r[2]).as(tool).isEmpty();
            assertThat(run(tool, "-h")[1]).isEqualTo(r[1]);
        }
    }

    @Test
    void anUnknownFlagIsOneLineThenTheUsageAndExitsTwo() throws Exception {
        for (String tool : TestDataMain.tools()) {
            String[] r = run(tool, "--no-such-flag", "1");
            assertThat(r[0]).as(tool).isEqualTo("2");
            assertThat(r[1]).as(tool).isEmpty();
            assertThat(r[2].lines().findFirst())
                    .as(tool)
                    .hasValue(tool + ": unknown flag --no-such-flag");
            assertThat(r[2]).as(tool).contains("Usage: " + tool).doesNotContain("\tat ");
        }
    }

    @Test
    void badValuesAndMissingInputsAreMistakesNotStackTraces() throws Exception {
        String[][] cases = {
            {"generate", "--out", "x", "--envelope", "smoke-signals"},
            {"generate", "--out", "x", "--attack-day", "yesterday"},
            {"generate", "--out", "x", "--scenarios", "no-such-scenario"},
            {"generate"},
            {"evaluate"},
            {"evaluate", "--corpus", "/nonexistent/corpus"},
            {"replay", "--corpus", "x"},
            {"fuzz", "--inputs", "many"},
            {"bench-state", "thirty"},
            {"bench-windows", "/nonexistent/log-files"},
            {"bench-pipeline", "--backend", "floppy"},
            {"bench-checkpoint", "--backends", "tape"},
            {"bench-latency", "--rate", "0"},
            {"bench-scorer", "--drift", "--points", "10"},
        };
        for (String[] c : cases) {
            String[] r = run(c);
            assertThat(r[0]).as(String.join(" ", c)).isEqualTo("2");
            assertThat(r[2].lines().findFirst().orElse(""))
                    .as(String.join(" ", c))
                    .startsWith(c[0] + ": ");
            assertThat(r[2]).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void theListOfToolsIsHelpAndAnUnknownToolIsAMistake() throws Exception {
        String[] help = run("--help");
        assertThat(help[0]).isEqualTo("0");
        for (String tool : TestDataMain.tools()) {
            assertThat(help[1]).contains("  " + tool + " ");
        }
        String[] unknown = run("genrate");
        assertThat(unknown[0]).isEqualTo("2");
        assertThat(unknown[2]).startsWith("trailsentry test data: unknown tool 'genrate'");
        assertThat(run()[0]).isEqualTo("2");
    }
}
