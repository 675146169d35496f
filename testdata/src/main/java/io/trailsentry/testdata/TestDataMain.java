package io.trailsentry.testdata;

import io.trailsentry.testdata.bench.CheckpointBenchmark;
import io.trailsentry.testdata.bench.LatencyBenchmark;
import io.trailsentry.testdata.bench.PipelineBenchmark;
import io.trailsentry.testdata.bench.ScorerBenchmark;
import io.trailsentry.testdata.bench.StateBenchmark;
import io.trailsentry.testdata.bench.WindowAucBenchmark;
import io.trailsentry.testdata.eval.EvaluationMain;
import io.trailsentry.testdata.fuzz.FuzzMain;
import io.trailsentry.testdata.replay.ReplayMain;
import io.trailsentry.testdata.report.ReportMain;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One entry point for the test-data tools: generate, evaluate, replay, report, fuzz, benchmarks.
 */
public final class TestDataMain {
    /** A tool's entry point. */
    @FunctionalInterface
    interface Tool {
        void main(String[] args) throws Exception;
    }

    /** A tool and its line in --help. */
    private static final class Entry {
        final String help;
        final Tool tool;

        Entry(String help, Tool tool) {
            this.help = help;
            this.tool = tool;
        }
    }

    /** By name, in the order --help lists them. */
    private static final Map<String, Entry> TOOLS = new LinkedHashMap<>();

    static {
        tool(
                "generate",
                "generate --help",
                "synthesise labelled CloudTrail corpora",
                GeneratorMain::main);
        tool(
                "evaluate",
                "evaluate --help",
                "run the job on a labelled corpus: detection, time to detect, false positives",
                EvaluationMain::main);
        tool(
                "replay",
                "replay --help",
                "push a corpus into a Kinesis stream in a chosen envelope",
                ReplayMain::main);
        tool(
                "report",
                "report --help",
                "a findings JSON-lines file as a static HTML incident page",
                ReportMain::main);
        tool(
                "bench-scorer",
                "bench-scorer",
                "the isolation forest against Random Cut Forest on ADBench",
                ScorerBenchmark::main);
        tool(
                "bench-windows",
                "bench-windows C",
                "attack vs benign feature windows of a labelled corpus, both scorers",
                WindowAucBenchmark::main);
        tool(
                "fuzz",
                "fuzz",
                "the decoder against a million mutated real-shape inputs",
                FuzzMain::main);
        tool(
                "bench-state",
                "bench-state [D]",
                "serialised state per principal after D days (default 30)",
                StateBenchmark::main);
        tool(
                "bench-pipeline",
                "bench-pipeline",
                "whole-job vs decode-only throughput on 5M generated records, p1 and p2",
                PipelineBenchmark::main);
        tool(
                "bench-latency",
                "bench-latency",
                "read-to-finding latency at a fixed input rate (--rate N)",
                LatencyBenchmark::main);
        tool(
                "bench-checkpoint",
                "bench-checkpoint",
                "checkpoint size and duration for 100k principals, heap and RocksDB",
                CheckpointBenchmark::main);
    }

    private TestDataMain() {}

    private static void tool(String name, String usage, String what, Tool tool) {
        TOOLS.put(name, new Entry(String.format(Locale.ROOT, "  %-17s %s", usage, what), tool));
    }

    public static void main(String[] args) throws Exception {
        Entry entry = args.length == 0 ? null : TOOLS.get(args[0]);
        if (entry == null) {
            StringBuilder help = new StringBuilder("TrailSentry test-data tools\n\n");
            TOOLS.values().forEach(t -> help.append(t.help).append('\n'));
            System.out.println(help);
            return;
        }
        entry.tool.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
