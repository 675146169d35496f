package io.trailsentry.responder;

import java.time.Clock;

/**
 * Bounds on what one invocation sends: mutating calls per step, per finding and per invocation, and
 * the time left before the Lambda's deadline (less a margin). Every mutating call asks first;
 * dry-run counts the same way, so a dry-run shows where a live run would stop.
 */
final class Budget {
    /** Which bound stopped the work. */
    enum Scope {
        STEP,
        FINDING,
        INVOCATION
    }

    /** A step or finding reached its cap: stop, audit "capped", notify; a person decides. */
    static final class Capped extends RuntimeException {
        final Scope scope;

        Capped(Scope scope, int limit) {
            super(
                    scope.name().toLowerCase(java.util.Locale.ROOT)
                            + " cap of "
                            + limit
                            + " mutating calls reached");
            this.scope = scope;
        }
    }

    /** The invocation must stop (time or its own cap): the rest is left to redelivery. */
    static final class Deferred extends RuntimeException {
        Deferred(String reason) {
            super(reason);
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final long deadline;
    private int invocation;
    private int finding;
    private int step;

    /**
     * @param deadline epoch ms at which the invocation is killed
     */
    Budget(Limits limits, Clock clock, long deadline) {
        this.limits = limits;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** A finding starts; {@code spentBefore} mutating calls were sent for it by earlier runs. */
    void startFinding(int spentBefore) {
        finding = spentBefore;
    }

    /** A step starts; {@code sentBefore} calls were sent for it by an interrupted earlier run. */
    void startStep(int sentBefore) {
        step = sentBefore;
    }

    /** Throws unless one more mutating call is within every bound. */
    void beforeCall() {
        checkTime();
        if (invocation >= limits.perInvocation) {
            throw new Deferred(
                    "invocation cap of " + limits.perInvocation + " mutating calls reached");
        }
        if (finding >= limits.perFinding) {
            throw new Capped(Scope.FINDING, limits.perFinding);
        }
        if (step >= limits.perStep) {
            throw new Capped(Scope.STEP, limits.perStep);
        }
        invocation++;
        finding++;
        step++;
    }

    /** Throws when the time left is within the margin. */
    void checkTime() {
        long left = deadline - clock.millis();
        if (left <= limits.marginMillis) {
            throw new Deferred(left + " ms left, margin " + limits.marginMillis + " ms");
        }
    }

    /** True while the finding's cap leaves room. */
    boolean findingOpen() {
        return finding < limits.perFinding;
    }

    int stepSent() {
        return step;
    }

    int findingSpent() {
        return finding;
    }

    long deadline() {
        return deadline;
    }
}
