package io.trailsentry.testdata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliTest {
    static final Cli CLI =
            Cli.tool("demo", "a tool for the test")
                    .value("--rate", "N", "a number")
                    .value("--name", "S", "a word")
                    .repeated("--corpus", "DIR", "repeats")
                    .toggle("--drift", "a switch")
                    .positional("D", "days")
                    .rest("passed on");

    @Test
    void readsValuesInBothSpellingsSwitchesPositionalsAndTheRest() {
        Cli.Parsed p =
                CLI.parse(
                        "--rate",
                        "1,000",
                        "--name=x",
                        "--corpus",
                        "a",
                        "--corpus",
                        "b",
                        "--drift",
                        "30",
                        "--",
                        "--job.flag",
                        "v");
        assertThat(p.number("--rate", 0)).isEqualTo(1000);
        assertThat(p.text("--name", null)).isEqualTo("x");
        assertThat(p.all("--corpus")).containsExactly("a", "b");
        assertThat(p.has("--drift")).isTrue();
        assertThat(p.positionalInteger(0, 7)).isEqualTo(30);
        assertThat(p.rest()).containsExactly("--job.flag", "v");
        Cli.Parsed none = CLI.parse();
        assertThat(none.integer("--rate", 5)).isEqualTo(5);
        assertThat(none.has("--drift")).isFalse();
        assertThat(none.positionalInteger(0, 7)).isEqualTo(7);
    }

    @Test
    void helpAnywhereBeforeTheRestIsHelp() {
        assertThatThrownBy(() -> CLI.parse("--rate", "1", "--help"))
                .isInstanceOfSatisfying(
                        UsageException.class,
                        e -> {
                            assertThat(e.help()).isTrue();
                            assertThat(e.usage())
                                    .startsWith("demo: a tool for the test")
                                    .contains(
                                            "--rate N",
                                            "--corpus DIR",
                                            "(may repeat)",
                                            "-h, --help");
                        });
        assertThat(CLI.parse("--", "--help").rest()).containsExactly("--help");
    }

    @Test
    void mistakesAreOneLineUsageErrors() {
        for (List<String> args :
                List.of(
                        List.of("--bogus"),
                        List.of("--rate"),
                        List.of("--rate", "--name", "x"),
                        List.of("--drift=yes"),
                        List.of("1", "2"))) {
            assertThatThrownBy(() -> CLI.parse(args.toArray(new String[0])))
                    .as("%s", args)
                    .isInstanceOfSatisfying(
                            UsageException.class,
                            e -> {
                                assertThat(e.help()).isFalse();
                                assertThat(e.line()).startsWith("demo: ").doesNotContain("\n");
                            });
        }
        assertThatThrownBy(() -> CLI.parse("--rate", "fast").number("--rate", 0))
                .isInstanceOf(UsageException.class)
                .hasMessage("--rate 'fast': not a number in range");
        assertThatThrownBy(() -> CLI.parse().required("--name"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--name is required");
    }

    @Test
    void readingAnUndeclaredFlagIsAProgrammingError() {
        assertThatThrownBy(() -> CLI.parse().text("--nope", null))
                .isInstanceOf(IllegalStateException.class);
    }
}
