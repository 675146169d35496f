package io.trailsentry.detect.population;

import io.trailsentry.detect.Signal;
import io.trailsentry.profile.HourSummary;

/**
 * What the profiler tells the population operator: a principal's hour summary, or a signal that
 * waits for the population's judgement (exactly one of the two). A Flink POJO.
 */
public class PopulationRecord {
    /**
     * The one key of the population operator: a CloudTrail stream carries one organisation, whose
     * accounts are compared with each other and with the whole (a few records per principal-hour).
     */
    public static final String ORGANISATION = "organisation";

    public HourSummary summary;
    public Signal held;

    public PopulationRecord() {}

    public static PopulationRecord of(HourSummary s) {
        PopulationRecord r = new PopulationRecord();
        r.summary = s;
        return r;
    }

    public static PopulationRecord held(Signal s) {
        PopulationRecord r = new PopulationRecord();
        r.held = s;
        return r;
    }

    /** Event time of the record. */
    public long time() {
        return summary != null ? summary.eventTime : held.eventTime;
    }

    /**
     * Deterministic order of records due together: by time, summaries before signals (the
     * population learns what happened at an instant before judging it), then principal and event.
     */
    public static final java.util.Comparator<PopulationRecord> ORDER =
            java.util.Comparator.comparingLong(PopulationRecord::time)
                    .thenComparingInt(r -> r.summary != null ? 0 : 1)
                    .thenComparing(PopulationRecord::principalKey)
                    .thenComparing(r -> r.eventId() == null ? "" : r.eventId())
                    .thenComparingInt(r -> r.summary == null ? 0 : r.summary.kind)
                    .thenComparing(r -> r.held == null ? "" : r.held.detectionId);

    String principalKey() {
        if (summary != null) {
            return summary.principal == null ? "" : summary.principal.key;
        }
        return held.principal == null ? "" : held.principal.key;
    }

    String eventId() {
        return summary != null ? summary.eventId : held.eventId;
    }
}
