package io.trailsentry.responder;

import java.util.ArrayList;
import java.util.List;

/** What happened to one finding: each step's outcome, and whether its record must be retried. */
public final class Outcomes {
    /** One step's outcome as audited. */
    public static final class Entry {
        public final Step step;
        public final String outcome;
        public final String detail;
        public final int calls;

        Entry(Step step, String outcome, String detail, int calls) {
            this.step = step;
            this.outcome = outcome;
            this.detail = detail;
            this.calls = calls;
        }
    }

    public final List<Entry> steps = new ArrayList<>();

    /** Why the whole finding was left alone, or null. */
    public String declined;

    /** A step failed: retry the record (only unfinished steps run again). */
    public int failed;

    /**
     * The invocation ran out of time or budget, or AWS throttled: the rest waits for redelivery.
     */
    public boolean deferred;

    /** Another live invocation holds a step: retry the record later. */
    public boolean busy;

    void add(Step s, String outcome, String detail, int calls) {
        steps.add(new Entry(s, outcome, detail, calls));
    }

    /** True when the record must be reported as a batch item failure. */
    public boolean retry() {
        return failed > 0 || deferred || busy;
    }

    /**
     * True when anything new happened: not a redelivery in which every step that acts was already
     * finished (advice is repeated on every delivery, so it alone is no news after the first).
     */
    boolean news() {
        if (declined != null) {
            return true;
        }
        boolean repeated = false;
        for (Entry e : steps) {
            if (e.outcome.equals("already-done")) {
                repeated = true;
            } else if (!e.outcome.equals("advisory")) {
                return true;
            }
        }
        return !repeated;
    }

    int count(String outcome) {
        int n = 0;
        for (Entry e : steps) {
            if (e.outcome.equals(outcome)) {
                n++;
            }
        }
        return n;
    }
}
