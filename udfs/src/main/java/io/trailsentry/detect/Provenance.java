package io.trailsentry.detect;

/**
 * How the evidence ties a resource to a principal. Only what it {@link #CREATED created} may be
 * eradicated; what it {@link #MODIFIED modified} (protection, capacity, a new template version,
 * tasks run into a cluster, a service updated) is reverted where the evidence holds the change, and
 * otherwise left to people. Stored as these strings in state and findings.
 */
public final class Provenance {
    /** A successful call made it: its response names it and it did not exist before. */
    public static final String CREATED = "created";

    /** The principal changed or used it; it existed before. */
    public static final String MODIFIED = "modified";

    private Provenance() {}
}
