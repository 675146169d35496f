package io.trailsentry.cloudtrail;

import java.util.Objects;

/** Input that could not be turned into an event: why, where it came from, and a safe excerpt. */
public class DeadLetter {
    /** A {@link DeadLetterReason} name. */
    public String reason;

    public String detail;
    public String origin;

    /** The first bytes of the offending input, printable ASCII only, bounded. */
    public String excerpt;

    /** Processing time when it was rejected, epoch millis. */
    public long rejectedAt;

    public DeadLetter() {}

    public DeadLetter(
            DeadLetterReason reason,
            String detail,
            String origin,
            String excerpt,
            long rejectedAt) {
        this.reason = reason.name();
        this.detail = detail;
        this.origin = origin;
        this.excerpt = excerpt;
        this.rejectedAt = rejectedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter d = (DeadLetter) o;
        return rejectedAt == d.rejectedAt
                && Objects.equals(reason, d.reason)
                && Objects.equals(detail, d.detail)
                && Objects.equals(origin, d.origin)
                && Objects.equals(excerpt, d.excerpt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, origin, detail);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + " at " + origin + ": " + detail + "}";
    }
}
