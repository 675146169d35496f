package io.trailsentry.incident;

import io.trailsentry.principal.ArnPattern;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * A planned change: a principal (ARN, or {@code *}) and either an absolute period ({@link #start}
 * to {@link #end}) or a weekly slot ({@link #days} between {@link #from} and {@link #to}, UTC).
 */
public class ChangeWindow implements Serializable {
    private static final long serialVersionUID = 1L;

    public String principal = "*";

    /** ISO-8601 instants, for a one-off window. */
    public String start;

    public String end;

    /** Three-letter day names (MON..SUN), for a weekly window; empty means every day. */
    public String[] days = new String[0];

    /** HH:MM UTC, for a weekly window. */
    public String from;

    public String to;
    public String reason = "";

    public boolean covers(String principalArn, long time) {
        if (!ArnPattern.matches(principal, principalArn)) {
            return false;
        }
        if (start != null && end != null) {
            return time >= Instant.parse(start).toEpochMilli()
                    && time < Instant.parse(end).toEpochMilli();
        }
        if (from == null || to == null) {
            return false;
        }
        ZonedDateTime t = Instant.ofEpochMilli(time).atZone(ZoneOffset.UTC);
        if (days.length > 0) {
            String day = t.getDayOfWeek().name().substring(0, 3);
            boolean match = false;
            for (String d : days) {
                match |= d.toUpperCase(Locale.ROOT).startsWith(day);
            }
            if (!match) {
                return false;
            }
        }
        LocalTime lt = t.toLocalTime();
        return !lt.isBefore(LocalTime.parse(from)) && lt.isBefore(LocalTime.parse(to));
    }

    /** Validates the window's fields, so a typo fails at start-up rather than never matching. */
    public void validate() {
        if (start != null || end != null) {
            Instant.parse(start);
            Instant.parse(end);
        } else {
            LocalTime.parse(from);
            LocalTime.parse(to);
            for (String d : days) {
                DayOfWeek.valueOf(full(d));
            }
        }
    }

    private static String full(String d) {
        String u = d.toUpperCase(Locale.ROOT);
        for (DayOfWeek w : DayOfWeek.values()) {
            if (w.name().startsWith(u.substring(0, Math.min(3, u.length())))) {
                return w.name();
            }
        }
        return u;
    }
}
