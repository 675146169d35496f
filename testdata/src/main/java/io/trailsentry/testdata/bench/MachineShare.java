package io.trailsentry.testdata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the machine's cores did while a figure was measured: the cores this JVM used against the
 * cores the whole machine kept busy (Linux {@code /proc/stat}), so a rate measured beside another
 * busy process says so in its own output. Where the kernel groups processes by session (autogroup
 * scheduling, on by default on many distributions), {@code nice} orders processes only within a
 * session: a niced job in another shell still takes a core from a benchmark.
 */
final class MachineShare {
    /** Other processes above this many cores make a measured rate a lower bound. */
    static final double BUSY_OTHERS = 0.25;

    /** Clock ticks per second of {@code /proc/stat} (USER_HZ: 100 on x86 and arm64 Linux). */
    private static final double TICKS_PER_SECOND = 100;

    private static final Path STAT = Path.of("/proc/stat");

    private final long wallAt;
    private final long cpuAt;
    private final long busyAt;

    private MachineShare(long wallAt, long cpuAt, long busyAt) {
        this.wallAt = wallAt;
        this.cpuAt = cpuAt;
        this.busyAt = busyAt;
    }

    /** Starts measuring now. */
    static MachineShare start() {
        return new MachineShare(System.nanoTime(), processCpuNanos(), machineBusyTicks());
    }

    /** CPU time of all of this JVM's threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The shares from the start to now. */
    Shares now() {
        double seconds = (System.nanoTime() - wallAt) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuAt) / 1e9;
        long busy = machineBusyTicks();
        if (busyAt < 0 || busy < 0 || seconds <= 0) {
            return new Shares(seconds, cpuSeconds, Double.NaN);
        }
        double machine = (busy - busyAt) / TICKS_PER_SECOND / seconds;
        return new Shares(seconds, cpuSeconds, Math.max(0, machine - cpuSeconds / seconds));
    }

    /**
     * A measurement's wall time and this JVM's CPU time, and the cores everything else used on
     * average (NaN: unknown).
     */
    static final class Shares {
        final double seconds;
        final double cpuSeconds;
        final double others;

        Shares(double seconds, double cpuSeconds, double others) {
            this.seconds = seconds;
            this.cpuSeconds = cpuSeconds;
            this.others = others;
        }

        /** Cores this JVM used on average. */
        double jvm() {
            return cpuSeconds / seconds;
        }

        /**
         * Whether other processes took enough of the machine to make a measured rate a lower bound.
         */
        boolean othersBusy() {
            return others > BUSY_OTHERS;
        }

        /** For a result line: "this JVM 1.86 cores, others 0.03". */
        String describe() {
            if (Double.isNaN(others)) {
                return String.format(Locale.ROOT, "this JVM %.2f cores", jvm());
            }
            return String.format(
                    Locale.ROOT,
                    "this JVM %.2f cores, others %.2f%s",
                    jvm(),
                    others,
                    othersBusy() ? " (machine shared: a lower bound)" : "");
        }
    }

    /** Busy clock ticks of all cores since boot, or -1 where {@code /proc/stat} is not there. */
    static long machineBusyTicks() {
        try {
            List<String> lines = Files.readAllLines(STAT, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? -1 : busyTicks(lines.get(0));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Busy ticks from {@code /proc/stat}'s first line ({@code cpu user nice system idle iowait irq
     * softirq steal guest guest_nice}): everything but idle and iowait (guest time is already in
     * user and nice). -1 for a line of another form.
     */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (f.length < 5 || !f[0].equals("cpu")) {
            return -1;
        }
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i == 4 || i == 5) {
                continue; // idle, iowait
            }
            busy += Long.parseLong(f[i]);
        }
        return busy;
    }
}
