package io.trailsentry.responder;

/**
 * Which steps of which finding have already been carried out, so a redelivered finding (the Kinesis
 * sink is at-least-once; the event source mapping retries) mutates nothing twice. A key is the
 * finding uid plus the step's action, target and region: later versions of the same finding repeat
 * their earlier steps and skip them too.
 */
public interface Ledger {
    /**
     * Claims a step before it runs. False when it is done, or claimed by a run that may still be in
     * flight; true when this run should carry it out.
     */
    boolean claim(String key);

    /** The step's mutations all succeeded. */
    void done(String key);

    /** The step failed; a later delivery may claim it again. */
    void failed(String key);
}
