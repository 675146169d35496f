package io.trailsentry.responder;

import java.util.Map;

/**
 * The bounds of the responder's blast radius, from the environment, each validated at start-up:
 * mutating calls per step, per finding and per invocation, the time margin before the Lambda's
 * deadline, and how long a session deny lasts.
 */
public final class Limits {
    public static final String MAX_CALLS_PER_STEP = "TRAILSENTRY_MAX_CALLS_PER_STEP";
    public static final String MAX_CALLS_PER_FINDING = "TRAILSENTRY_MAX_CALLS_PER_FINDING";
    public static final String MAX_CALLS_PER_INVOCATION = "TRAILSENTRY_MAX_CALLS_PER_INVOCATION";
    public static final String TIME_MARGIN_SECONDS = "TRAILSENTRY_TIME_MARGIN_SECONDS";
    public static final String SESSION_DENY_HOURS = "TRAILSENTRY_SESSION_DENY_HOURS";

    static final int DEFAULT_PER_STEP = 300;
    static final int DEFAULT_PER_FINDING = 1_500;
    static final int DEFAULT_PER_INVOCATION = 2_500;
    static final int DEFAULT_MARGIN_SECONDS = 30;
    static final int DEFAULT_SESSION_DENY_HOURS = 24;

    public final int perStep;
    public final int perFinding;
    public final int perInvocation;
    public final long marginMillis;
    public final int sessionDenyHours;

    Limits(Map<String, String> env) {
        this.perStep = number(env, MAX_CALLS_PER_STEP, DEFAULT_PER_STEP, 1, 10_000);
        this.perFinding = number(env, MAX_CALLS_PER_FINDING, DEFAULT_PER_FINDING, 1, 100_000);
        this.perInvocation =
                number(env, MAX_CALLS_PER_INVOCATION, DEFAULT_PER_INVOCATION, 1, 100_000);
        if (perStep > perFinding || perFinding > perInvocation) {
            throw new IllegalArgumentException(
                    "caps must satisfy per step <= per finding <= per invocation, got "
                            + perStep
                            + " / "
                            + perFinding
                            + " / "
                            + perInvocation);
        }
        this.marginMillis =
                1000L * number(env, TIME_MARGIN_SECONDS, DEFAULT_MARGIN_SECONDS, 5, 600);
        // a role session lasts 12 h at most; the default outlives it twice
        this.sessionDenyHours = number(env, SESSION_DENY_HOURS, DEFAULT_SESSION_DENY_HOURS, 1, 168);
    }

    private static int number(Map<String, String> env, String key, int dflt, int min, int max) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(
                    key + " must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }
}
