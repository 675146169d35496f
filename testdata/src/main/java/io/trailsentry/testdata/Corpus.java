package io.trailsentry.testdata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Generated records in time order, with the labels that say which are attacks. */
public final class Corpus {
    /** One generated record and the event time it carries. */
    public static final class Entry {
        public final long time;
        public final long seq;
        public final ObjectNode record;

        Entry(long time, long seq, ObjectNode record) {
            this.time = time;
            this.seq = seq;
            this.record = record;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Labels labels = new Labels();
    private long seq;

    /** An entry made outside the generator (a corpus read back from files). */
    public static Entry entry(long time, long seq, ObjectNode record) {
        return new Entry(time, seq, record);
    }

    public void add(long time, ObjectNode record) {
        entries.add(new Entry(time, seq++, record));
    }

    public Labels labels() {
        return labels;
    }

    /** Entries sorted by event time (ties keep generation order, so sorting is deterministic). */
    public List<Entry> sorted() {
        List<Entry> out = new ArrayList<>(entries);
        out.sort(Comparator.comparingLong((Entry e) -> e.time).thenComparingLong(e -> e.seq));
        return out;
    }

    /**
     * Entries in delivery order: event time plus a random delay of up to {@code boundMs}, the way
     * CloudTrail delivers late and out of order. {@code boundMs} 0 gives {@link #sorted()}.
     */
    public List<Entry> shuffled(long boundMs, Rng rng) {
        List<Entry> out = sorted();
        if (boundMs <= 0) {
            return out;
        }
        long[] delivered = new long[out.size()];
        for (int i = 0; i < delivered.length; i++) {
            delivered[i] = out.get(i).time + rng.nextLong(boundMs + 1);
        }
        Integer[] order = new Integer[out.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(
                order,
                Comparator.comparingLong((Integer i) -> delivered[i]).thenComparingInt(i -> i));
        List<Entry> shuffled = new ArrayList<>(out.size());
        for (Integer i : order) {
            shuffled.add(out.get(i));
        }
        return shuffled;
    }

    public int size() {
        return entries.size();
    }
}
