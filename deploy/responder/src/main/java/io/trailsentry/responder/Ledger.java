package io.trailsentry.responder;

/**
 * Which steps of which finding have been carried out, so a redelivered finding (the Kinesis sink is
 * at-least-once; the event source mapping retries) mutates nothing twice and a step that was
 * claimed but never finished (the invocation died) runs again. A key is the finding uid plus the
 * step's {@link Step#key()}: later versions of the same finding skip what earlier ones did.
 *
 * <p>A claim is a lease: it names the invocation (its request id) and lasts until that invocation's
 * deadline. A later invocation may take over a claim whose lease has lapsed; one that finds a live
 * lease of another invocation must not treat the step as done.
 */
public interface Ledger {
    /** What a claim found. */
    final class Claim {
        /** How the claim went. */
        public enum Kind {
            /** This invocation now holds the step: run it. */
            ACQUIRED,
            /** The step was finished earlier ({@link #status} says how). */
            FINISHED,
            /** Another invocation holds a live lease: retry the record later. */
            BUSY
        }

        public final Kind kind;

        /** The earlier status (done, absent, refused, capped...), or null. */
        public final String status;

        /** Mutating calls an interrupted earlier run of the step already sent. */
        public final int sent;

        public Claim(Kind kind, String status, int sent) {
            this.kind = kind;
            this.status = status;
            this.sent = sent;
        }
    }

    /**
     * Claims a step before it runs, for {@code owner} (the invocation's request id) until {@code
     * leaseUntil} (epoch ms, the invocation's deadline).
     */
    Claim claim(String key, String owner, long leaseUntil);

    /** The step is finished for good with {@code status} (done, absent, refused, capped...). */
    void finish(String key, String status, int sent);

    /**
     * The step failed or was interrupted after {@code sent} calls; a later delivery may redo it.
     */
    void release(String key, int sent);

    /** Mutating calls sent for a finding so far (its cap holds across deliveries). */
    int spent(String findingUid);

    /** Records the mutating calls sent for a finding so far. */
    void spend(String findingUid, int total);
}
