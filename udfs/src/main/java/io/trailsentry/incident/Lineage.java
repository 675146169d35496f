package io.trailsentry.incident;

/**
 * Who handed an identity its access (identity lineage): kept under the identity's incident key, so
 * what the identity does can join the incident of the principal that created it or assumed it. A
 * Flink POJO.
 */
public class Lineage {
    /** The incident key of the principal that handed the access on. */
    public String parent;

    /** Event time of the hand-off: signals before it are not the identity's under this parent. */
    public long since;

    /** The call that handed access on (AssumeRole, CreateUser...). */
    public String via;

    public Lineage() {}

    public Lineage(String parent, long since, String via) {
        this.parent = parent;
        this.since = since;
        this.via = via;
    }
}
