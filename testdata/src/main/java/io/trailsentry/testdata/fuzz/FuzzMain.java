package io.trailsentry.testdata.fuzz;

import java.util.Locale;

/** {@code fuzz [--inputs N] [--seed S]}: the decoder against mutated real-shape input. */
public final class FuzzMain {
    private FuzzMain() {}

    public static void main(String[] args) {
        long inputs = 1_000_000;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--inputs":
                    inputs = Long.parseLong(args[++i]);
                    break;
                case "--seed":
                    seed = Long.parseLong(args[++i]);
                    break;
                default:
                    System.out.println("fuzz [--inputs N (default 1,000,000)] [--seed S]");
                    return;
            }
        }
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
        if (r.internalErrors > 0 || r.escaped > 0) {
            System.exit(1);
        }
    }
}
