package io.trailsentry.testdata;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** CloudTrail's time format: ISO-8601, UTC, whole seconds. */
public final class Times {
    public static final long MINUTE = 60_000L;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;

    private Times() {}

    /** CloudTrail records whole seconds; generated times are kept whole so labels match records. */
    public static long wholeSeconds(long millis) {
        return millis - Math.floorMod(millis, 1000L);
    }

    public static String iso(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static long parse(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }
}
