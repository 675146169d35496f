package io.trailsentry.job.io;

import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Predicate;
import org.apache.flink.core.fs.Path;

/**
 * The backfill's event-time range {@code [from, until)}: the last N days of CloudTrail before the
 * go-live time. Log files give the events in it; the stream gives the events from {@code until} on,
 * so nothing is read twice and nothing falls between the two.
 */
public final class BackfillWindow implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What CloudTrail usually takes to deliver a log file to S3, taken off the default go-live. */
    public static final Duration DELIVERY_LAG = Duration.ofMinutes(15);

    public final long fromMillis;
    public final long untilMillis;

    public BackfillWindow(long fromMillis, long untilMillis) {
        this.fromMillis = fromMillis;
        this.untilMillis = untilMillis;
    }

    /** The window the settings describe, or null when backfill is off. */
    public static BackfillWindow of(JobSettings s, Instant now) {
        int days = s.get(TrailSentryOptions.BACKFILL_DAYS);
        if (days <= 0) {
            return null;
        }
        Instant until =
                s.has(TrailSentryOptions.BACKFILL_UNTIL)
                        ? Instant.parse(s.get(TrailSentryOptions.BACKFILL_UNTIL))
                        : now.minus(DELIVERY_LAG);
        return new BackfillWindow(
                until.minus(Duration.ofDays(days)).toEpochMilli(), until.toEpochMilli());
    }

    public boolean contains(long eventTime) {
        return eventTime >= fromMillis && eventTime < untilMillis;
    }

    /**
     * Prunes the S3 delivery layout ({@code .../CloudTrail/<region>/YYYY/MM/DD/}) to the folders of
     * the window's days (a file is filed under its delivery day, so the day after the window's last
     * is kept too); paths outside that layout pass, and the event-time filter decides.
     */
    public Predicate<Path> dayFolders() {
        LocalDate first = day(fromMillis);
        LocalDate last = day(untilMillis).plusDays(1);
        return new DayFolders(first, last);
    }

    private static LocalDate day(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    @Override
    public String toString() {
        return "["
                + Instant.ofEpochMilli(fromMillis)
                + ", "
                + Instant.ofEpochMilli(untilMillis)
                + ")";
    }

    static final class DayFolders implements Predicate<Path>, Serializable {
        private static final long serialVersionUID = 1L;
        private final LocalDate first;
        private final LocalDate last;

        DayFolders(LocalDate first, LocalDate last) {
            this.first = first;
            this.last = last;
        }

        @Override
        public boolean test(Path path) {
            String[] parts = path.toUri().getPath().split("/");
            int ct = -1;
            for (int i = parts.length - 1; i >= 0; i--) {
                if (parts[i].equals("CloudTrail")) {
                    ct = i;
                    break;
                }
            }
            // after CloudTrail: region, then year, month, day
            if (ct < 0 || parts.length <= ct + 2) {
                return true;
            }
            int[] ymd = new int[3];
            int n = 0;
            for (int i = ct + 2; i < parts.length && n < 3; i++, n++) {
                if (!parts[i].matches("\\d{2,4}")) {
                    return true; // not the delivery layout
                }
                ymd[n] = Integer.parseInt(parts[i]);
            }
            if (n == 0) {
                return true;
            }
            return inRange(n, ymd);
        }

        private boolean inRange(int n, int[] ymd) {
            long key = prefixKey(n, ymd[0], ymd[1], ymd[2]);
            long lo = prefixKey(n, first.getYear(), first.getMonthValue(), first.getDayOfMonth());
            long hi = prefixKey(n, last.getYear(), last.getMonthValue(), last.getDayOfMonth());
            return key >= lo && key <= hi;
        }

        /** The first n of year, month, day as one comparable number. */
        private static long prefixKey(int n, int y, int m, int d) {
            long k = y;
            if (n > 1) {
                k = k * 100 + m;
            }
            if (n > 2) {
                k = k * 100 + d;
            }
            return k;
        }
    }
}
