package io.trailsentry.testdata.bench;

import io.trailsentry.testdata.Corpus;
import io.trailsentry.testdata.Envelopes;
import io.trailsentry.testdata.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A benchmark corpus on disk, generated once and reused: organisation traffic (benchmark preset, a
 * week, as many business units as it takes to reach the target) with every attack scenario and
 * look-alike mixed in, as gzip log files in the S3 delivery layout. Written a unit at a time, so
 * any size fits in memory.
 */
final class BenchCorpus {
    static final String READY = "READY";

    private BenchCorpus() {}

    /**
     * Generates into {@code dir} unless a complete corpus of the same shape is there; returns its
     * record count. {@code volume} multiplies every principal's call rate and {@code historyDays}
     * sets the benign days before the attack day: a dense, short corpus puts hundreds of records in
     * each five-minute log file, as a busy organisation's trail does, instead of measuring file
     * overhead.
     */
    static long ensure(Path dir, long targetEvents, double volume, int historyDays)
            throws IOException {
        Path ready = dir.resolve(READY);
        String shape = String.format(Locale.ROOT, "volume %s history-days %d", volume, historyDays);
        if (Files.exists(ready)) {
            String[] lines = Files.readString(ready).split("\n");
            long n = Long.parseLong(lines[0].trim());
            if (n >= targetEvents && lines.length > 1 && lines[1].equals(shape)) {
                System.err.printf(Locale.ROOT, "corpus: reusing %,d records in %s%n", n, dir);
                return n;
            }
            throw new IllegalStateException(
                    dir
                            + " holds a different corpus ("
                            + String.join(", ", lines)
                            + "); remove it");
        }
        long started = System.nanoTime();
        Generator.Spec probe = Generator.benchSpec(1);
        probe.scenarios = java.util.List.of();
        probe.volume = volume;
        probe.historyDays = historyDays;
        long perUnit = Generator.generate(probe).size();
        int units = (int) Math.max(1, (targetEvents + perUnit - 1) / perUnit);
        Generator.Spec spec = Generator.benchSpec(units);
        spec.volume = volume;
        spec.historyDays = historyDays;
        AtomicLong records = new AtomicLong();
        AtomicLong files = new AtomicLong();
        Generator.generate(
                spec,
                Corpus::new,
                (name, chunk) -> {
                    try {
                        files.addAndGet(
                                Envelopes.write(
                                        chunk.sorted(),
                                        Envelopes.Kind.LOG_FILES,
                                        dir.resolve(name)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    long n = records.addAndGet(chunk.size());
                    System.err.printf(Locale.ROOT, "corpus: %s done, %,d records%n", name, n);
                });
        Files.writeString(ready, records.get() + "\n" + shape);
        System.err.printf(
                Locale.ROOT,
                "corpus: %,d records in %,d files (%d units x %,d), %.0f MB gzip, %.0f s%n",
                records.get(),
                files.get(),
                units,
                perUnit,
                bytes(dir) / 1e6,
                (System.nanoTime() - started) / 1e9);
        return records.get();
    }

    static long bytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".json.gz"))
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                    .sum();
        }
    }
}
