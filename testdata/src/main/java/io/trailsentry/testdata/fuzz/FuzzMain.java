package io.trailsentry.testdata.fuzz;

import io.trailsentry.testdata.cli.Cli;
import java.util.Locale;

/** {@code fuzz [--inputs N] [--seed S]}: the decoder against mutated real-shape input. */
public final class FuzzMain {
    public static final Cli CLI =
            Cli.tool("fuzz", "the decoder against a million mutated real-shape inputs")
                    .synopsis("[--inputs N] [--seed S]")
                    .value("--inputs", "N", "inputs to try (default 1,000,000)")
                    .value("--seed", "S", "seed of the mutations (default 1)")
                    .note(
                            "Exit status 1 when anything escaped the decoder or was an internal error.");

    private FuzzMain() {}

    public static int run(String[] args) {
        Cli.Parsed a = CLI.parse(args);
        long inputs = a.number("--inputs", 1_000_000);
        long seed = a.number("--seed", 1);
        Runtime rt = Runtime.getRuntime();
        Fuzzer fuzzer = new Fuzzer(seed);
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        Fuzzer.Report r = fuzzer.run(inputs);
        double s = (System.nanoTime() - t0) / 1e9;
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        System.out.printf(
                Locale.ROOT,
                "fuzz: %,d inputs in %.1f s (%,.0f/s), %,d events, %,d dead letters, slowest input %.1f ms%n",
                r.inputs,
                s,
                r.inputs / s,
                r.events,
                r.deadLetters,
                r.slowestNanos / 1e6);
        System.out.printf(
                Locale.ROOT,
                "heap after GC: %,d KiB before, %,d KiB after%n",
                heapBefore / 1024,
                heapAfter / 1024);
        System.out.println("dead letters by reason: " + r.reasons);
        System.out.printf(
                Locale.ROOT,
                "internal errors: %d, escaped exceptions: %d%n",
                r.internalErrors,
                r.escaped);
        r.failures.forEach(f -> System.out.println("  " + f));
        return r.internalErrors > 0 || r.escaped > 0 ? 1 : 0;
    }
}
