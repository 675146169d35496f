package io.trailsentry.flink;

import java.util.Locale;

/** Progress of a long local run on stderr: payloads (files) done, events, events per second. */
final class ProgressReport {
    private final String name;
    private final long intervalMs;
    private final long startedAt = System.currentTimeMillis();
    private long lastReport = startedAt;
    private long payloads;
    private long events;

    ProgressReport(String name, long intervalMs) {
        this.name = name;
        this.intervalMs = intervalMs;
    }

    void payloadDone(long eventsInPayload) {
        payloads++;
        events += eventsInPayload;
        long now = System.currentTimeMillis();
        if (now - lastReport >= intervalMs) {
            lastReport = now;
            report(now);
        }
    }

    void finish() {
        if (System.currentTimeMillis() - startedAt >= intervalMs) {
            report(System.currentTimeMillis());
        }
    }

    private void report(long now) {
        double seconds = Math.max(1, now - startedAt) / 1000.0;
        System.err.printf(
                Locale.ROOT,
                "[trailsentry] %s: %,d payloads, %,d events, %,.0f events/s%n",
                name,
                payloads,
                events,
                events / seconds);
    }
}
