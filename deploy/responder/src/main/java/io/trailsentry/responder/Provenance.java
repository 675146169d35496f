package io.trailsentry.responder;

import java.time.Duration;
import java.time.Instant;

/**
 * Response-time proof that a resource is the principal's creation: AWS's own creation time must not
 * be earlier than the creating CloudTrail event (the step's {@code created_at}) less a clock
 * tolerance, and a recorded creator, when AWS gives one, must be the principal. A resource that
 * existed before is refused ({@code not-created}), whatever the plan says.
 */
final class Provenance {
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    static final String NOT_CREATED = "not-created";

    private Provenance() {}

    /** The earliest creation time that still counts as the principal's doing. */
    static Instant bound(Step s) {
        if (s.createdAt == null) {
            throw new Actions.StepRefused(
                    NOT_CREATED, "the step has no created_at to verify the resource against");
        }
        return Instant.ofEpochMilli(s.createdAt).minus(TOLERANCE);
    }

    /** Refuses when {@code created} (AWS's creation time of {@code what}) is before the bound. */
    static void check(Step s, String what, Instant created) {
        Instant bound = bound(s);
        if (created == null) {
            throw new Actions.StepRefused(NOT_CREATED, what + ": AWS reports no creation time");
        }
        if (created.isBefore(bound)) {
            throw new Actions.StepRefused(
                    NOT_CREATED,
                    what
                            + " was created at "
                            + created
                            + ", before the principal's creating call ("
                            + Instant.ofEpochMilli(s.createdAt)
                            + ", tolerance "
                            + TOLERANCE.toMinutes()
                            + " min): it existed already");
        }
    }

    /** Refuses when AWS names a creator that is not the finding's principal. */
    static void creator(String what, String createdBy, String principalArn) {
        if (createdBy != null && !createdBy.isBlank() && !samePrincipal(createdBy, principalArn)) {
            throw new Actions.StepRefused(
                    NOT_CREATED, what + " was created by " + createdBy + ", not by the principal");
        }
    }

    /**
     * True when {@code arn} is the principal: the same ARN (case ignored), or a session of the
     * principal's role ({@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}).
     */
    static boolean samePrincipal(String arn, String principalArn) {
        if (arn.equalsIgnoreCase(principalArn)) {
            return true;
        }
        String[] a = arn.split(":", 6);
        String[] p = principalArn.split(":", 6);
        if (a.length < 6 || p.length < 6 || !a[4].equals(p[4])) {
            return false;
        }
        if (a[5].startsWith("assumed-role/") && p[5].startsWith("role/")) {
            String[] parts = a[5].split("/");
            return parts.length >= 2 && parts[1].equalsIgnoreCase(Actions.iamName(principalArn));
        }
        return false;
    }
}
