package io.trailsentry.testdata;

import io.trailsentry.testdata.bench.CheckpointBenchmark;
import io.trailsentry.testdata.bench.LatencyBenchmark;
import io.trailsentry.testdata.bench.PipelineBenchmark;
import io.trailsentry.testdata.bench.ScorerBenchmark;
import io.trailsentry.testdata.bench.StateBenchmark;
import io.trailsentry.testdata.bench.WindowAucBenchmark;
import io.trailsentry.testdata.cli.Cli;
import io.trailsentry.testdata.cli.UsageException;
import io.trailsentry.testdata.eval.EvaluationMain;
import io.trailsentry.testdata.eval.StratusMain;
import io.trailsentry.testdata.fuzz.FuzzMain;
import io.trailsentry.testdata.replay.ReplayMain;
import io.trailsentry.testdata.report.ReportMain;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One entry point for the test-data tools: generate, evaluate, replay, report, fuzz, benchmarks.
 * {@code --help} on it or on any tool prints the usage (exit 0); a mistake on the command line
 * prints one line and the usage (exit 2). Run it as {@code ./mvnw -q -pl testdata -am test-compile
 * exec:exec@testdata -Dargs="<tool> ..."} (README).
 */
public final class TestDataMain {
    /** A tool's body: runs with its arguments and returns the exit status. */
    @FunctionalInterface
    public interface Tool {
        int run(String[] args) throws Exception;
    }

    /** A tool's command line and body. */
    private static final class Entry {
        final Cli cli;
        final Tool tool;

        Entry(Cli cli, Tool tool) {
            this.cli = cli;
            this.tool = tool;
        }
    }

    /** By name, in the order --help lists them. */
    private static final Map<String, Entry> TOOLS = new LinkedHashMap<>();

    static {
        tool(GeneratorMain.CLI, GeneratorMain::run);
        tool(EvaluationMain.CLI, EvaluationMain::run);
        tool(StratusMain.CLI, StratusMain::run);
        tool(ReplayMain.CLI, ReplayMain::run);
        tool(ReportMain.CLI, ReportMain::run);
        tool(ScorerBenchmark.CLI, ScorerBenchmark::run);
        tool(WindowAucBenchmark.CLI, WindowAucBenchmark::run);
        tool(FuzzMain.CLI, FuzzMain::run);
        tool(StateBenchmark.CLI, StateBenchmark::run);
        tool(PipelineBenchmark.CLI, PipelineBenchmark::run);
        tool(LatencyBenchmark.CLI, LatencyBenchmark::run);
        tool(CheckpointBenchmark.CLI, CheckpointBenchmark::run);
    }

    private TestDataMain() {}

    private static void tool(Cli cli, Tool tool) {
        TOOLS.put(cli.name(), new Entry(cli, tool));
    }

    /** The tools' names, in the order --help lists them. */
    public static Set<String> tools() {
        return Collections.unmodifiableSet(TOOLS.keySet());
    }

    /** The command line of the tool called {@code name}, or null. */
    public static Cli cli(String name) {
        Entry e = TOOLS.get(name);
        return e == null ? null : e.cli;
    }

    static String usage() {
        StringBuilder help =
                new StringBuilder("TrailSentry test-data tools\n\nUsage: <tool> [options]\n\n");
        int width = TOOLS.keySet().stream().mapToInt(String::length).max().orElse(0);
        TOOLS.values()
                .forEach(
                        t ->
                                help.append(
                                        String.format(
                                                Locale.ROOT,
                                                "  %-" + width + "s  %s%n",
                                                t.cli.name(),
                                                t.cli.summary())));
        help.append("\n<tool> --help lists the tool's options.\n");
        return help.toString();
    }

    /** {@code tool} followed by {@code args}. */
    public static String[] prepend(String tool, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = tool;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    public static void main(String[] args) throws Exception {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the tool named by {@code args[0]} and returns the exit status; usage and mistakes are
     * printed here, anything else a tool throws is a failure of the tool and propagates.
     */
    public static int run(String... args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? System.err : System.out).print(usage());
            return args.length == 0 ? 2 : 0;
        }
        Entry entry = TOOLS.get(args[0]);
        if (entry == null) {
            System.err.print("trailsentry test data: unknown tool '" + args[0] + "'\n\n" + usage());
            return 2;
        }
        try {
            return entry.tool.run(Arrays.copyOfRange(args, 1, args.length));
        } catch (UsageException e) {
            if (e.help()) {
                System.out.print(e.usage());
                return 0;
            }
            System.err.print(e.line() + "\n\n" + e.usage());
            return 2;
        }
    }
}
