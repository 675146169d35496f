package io.trailsentry.job;

import io.trailsentry.incident.IncidentPolicy;
import io.trailsentry.sequence.SequenceCatalogue;
import io.trailsentry.sequence.SequenceDetection;
import java.util.ArrayList;
import java.util.List;

/**
 * Stable operator uids, in one place. A savepoint maps state to operators by these strings:
 * renaming one orphans its state, so they never change once released.
 */
public final class Uids {
    public static final String FILE_SOURCE = "cloudtrail-file-source";
    public static final String KINESIS_SOURCE = "cloudtrail-kinesis-source";

    /** Backfill mode: log files, then the stream (its own uid: its state holds both halves). */
    public static final String BACKFILL_SOURCE = "cloudtrail-backfill-source";

    public static final String BACKFILL_SUPPRESSION = "backfill-finding-suppression";
    public static final String DECODE = "decode-cloudtrail";
    public static final String WATERMARKS = "event-time-watermarks";
    public static final String ORDER = "order-and-dedup";
    public static final String PROFILER = "principal-profiler";
    public static final String POPULATION = "principal-populations";
    public static final String SCORER = "isolation-forest-scorer";
    public static final String LINEAGE = "identity-lineage";
    public static final String INCIDENTS = "incident-correlator";

    /** The further hops of identity lineage ({@code lineageHops}), from 2. */
    public static String lineageHop(int hop) {
        return LINEAGE + "-hop-" + hop;
    }

    public static final String FINDINGS_KINESIS_SINK = "findings-kinesis-sink";
    public static final String DEAD_LETTERS_KINESIS_SINK = "dead-letters-kinesis-sink";
    public static final String FINDINGS_PRINT_SINK = "findings-print-sink";
    public static final String DEAD_LETTERS_PRINT_SINK = "dead-letters-print-sink";

    /**
     * Every stateful operator of the pipeline (sources and sinks excluded); the sequences' uids are
     * declared by each {@link SequenceDetection}.
     */
    public static final List<String> STATEFUL = stateful();

    private static List<String> stateful() {
        List<String> all = new ArrayList<>(List.of(DECODE, WATERMARKS, ORDER, PROFILER));
        all.add(POPULATION);
        for (SequenceDetection s : SequenceCatalogue.ALL) {
            all.add(s.uid);
        }
        all.add(LINEAGE);
        for (int hop = 2; hop <= IncidentPolicy.defaults().lineageHops; hop++) {
            all.add(lineageHop(hop));
        }
        all.add(INCIDENTS);
        return List.copyOf(all);
    }

    private Uids() {}
}
