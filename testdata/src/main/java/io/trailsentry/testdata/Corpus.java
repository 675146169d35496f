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

    public int size() {
        return entries.size();
    }
}
