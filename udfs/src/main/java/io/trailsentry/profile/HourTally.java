package io.trailsentry.profile;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.principal.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * A principal's running clock hour, for its population, in three numbers (27 bytes of state): a
 * 64-bit sketch of the distinct APIs, 32-bit sketches of the distinct services and source prefixes
 * (counted by linear counting), and the hour, its errors (saturating at 4095) and the action
 * classes it showed (a bitmask of {@link ActionClass} ordinals: the enum only grows at its end),
 * with two marks: the hour is flagged (a counted MEDIUM+ signal) and a console sign-in with MFA
 * happened in it or the hour before. A Flink POJO held in {@link Profile}.
 */
public class HourTally {
    private static final long HOUR_MS = 3_600_000L;
    private static final int CLASS_BITS = 29;
    private static final int FLAGGED = 1 << 29;
    private static final int MFA_NOW = 1 << 30;
    private static final int MFA_BEFORE = 1 << 31;

    /** Distinct API keys of the hour (bits). */
    public long apiBits;

    /** Distinct services (high 32 bits) and source prefixes (low 32 bits) of the hour. */
    public long serviceSourceBits;

    /** The hour since the epoch (high 20 bits), errors (next 12) and class bits and marks (32). */
    public long hourErrorsClasses;

    public HourTally() {}

    public int hour() {
        return (int) (hourErrorsClasses >>> 44);
    }

    public int errors() {
        return (int) ((hourErrorsClasses >>> 32) & 0xFFF);
    }

    private int bits() {
        return (int) hourErrorsClasses;
    }

    private void set(int hour, int errors, int bits) {
        hourErrorsClasses =
                ((long) hour << 44) | ((long) Math.min(errors, 0xFFF) << 32) | (bits & 0xFFFFFFFFL);
    }

    /**
     * Folds {@code e} into the running hour; returns the previous hour's summary when {@code e}
     * opens a new one, else null. {@code mature} is the principal's maturity before the event; the
     * summary's compute is the principal's largest compute window of the day ({@code computeVcpus},
     * {@code computeGpus}).
     */
    public HourSummary add(
            CloudTrailEvent e,
            EventKeys keys,
            ActionClass shown,
            boolean mature,
            Principal principal,
            long computeVcpus,
            long computeGpus) {
        int h = (int) Math.floorDiv(e.eventTime, HOUR_MS);
        HourSummary closed = null;
        if (hourErrorsClasses != 0 && h != hour()) {
            closed = summary(HourSummary.CLOSED, mature, principal);
            closed.eventTime = (hour() + 1) * HOUR_MS - 1;
            closed.vcpus = computeVcpus;
            closed.gpus = computeGpus;
            boolean mfa = (bits() & MFA_NOW) != 0 && h == hour() + 1;
            apiBits = 0;
            serviceSourceBits = 0;
            set(h, 0, mfa ? MFA_BEFORE : 0);
        } else if (hourErrorsClasses == 0) {
            set(h, 0, 0);
        }
        int errors = errors() + (e.errorCode != null ? 1 : 0);
        int a = keys.api == null ? 0 : keys.api.hashCode() * 0x9E3779B1;
        apiBits |= 1L << (a >>> 26);
        serviceSourceBits |= ((long) bit(e.service()) << 32) | (bit(keys.source) & 0xFFFFFFFFL);
        int b = bits();
        if (shown != null) {
            b |= 1 << (shown.ordinal() % CLASS_BITS);
        }
        set(h, errors, b);
        return closed;
    }

    /** Marks {@code c} as shown in the running hour. */
    public void show(ActionClass c) {
        set(hour(), errors(), bits() | 1 << (c.ordinal() % CLASS_BITS));
    }

    /** Marks the running hour as flagged: a counted MEDIUM+ signal (not a habit to learn). */
    public void flag() {
        set(hour(), errors(), bits() | FLAGGED);
    }

    /** Marks a console sign-in with MFA in the running hour. */
    public void mfaSignIn() {
        set(hour(), errors(), bits() | MFA_NOW);
    }

    /**
     * Whether a console sign-in with MFA happened in the hour of {@code time} or the one before.
     */
    public boolean mfaSignInNear(long time) {
        int h = (int) Math.floorDiv(time, HOUR_MS);
        int b = bits();
        return h == hour()
                ? (b & (MFA_NOW | MFA_BEFORE)) != 0
                : h == hour() + 1 && (b & MFA_NOW) != 0;
    }

    /** The four counts compared with the population: services, APIs, errors, sources. */
    public int[] counts() {
        return new int[] {services(), apis(), errors(), sources()};
    }

    /**
     * A probe of the running hour when one of its counts, compared with {@code before} (the counts
     * before the event), crossed a step of the ladder 4, 5, 6, 8, 10, 12, 15... (each a quarter
     * above the last); else null. For immature principals, whose hour the population judges before
     * it closes (a few dozen probes in the busiest hour, none in a quiet one).
     */
    public HourSummary probe(Principal principal, CloudTrailEvent e, int[] before) {
        int[] now = counts();
        boolean due = false;
        for (int d = 0; d < now.length; d++) {
            due |= step(now[d]) > step(before[d]);
        }
        if (!due) {
            return null;
        }
        HourSummary s = summary(HourSummary.PROBE, false, principal);
        s.eventTime = e.eventTime;
        s.eventId = e.eventId;
        s.region = e.awsRegion;
        s.deliveredBy = e.recipientAccountId;
        return s;
    }

    static int step(int v) {
        return v < 4 ? -1 : (int) Math.floor(Math.log(v / 4.0) / Math.log(1.25) + 1e-9);
    }

    /** The running hour as a summary of {@code kind}. */
    public HourSummary summary(int kind, boolean mature, Principal principal) {
        HourSummary s = new HourSummary();
        s.principal = principal;
        s.kind = kind;
        s.mature = mature;
        s.hourStart = hour() * HOUR_MS;
        s.errors = errors();
        s.services = services();
        s.apis = apis();
        s.sources = sources();
        int b = bits();
        s.flagged = (b & FLAGGED) != 0;
        List<String> shown = new ArrayList<>();
        for (ActionClass c : ActionClass.values()) {
            if ((b & (1 << (c.ordinal() % CLASS_BITS))) != 0) {
                shown.add(c.key);
            }
        }
        s.classes = shown.toArray(new String[0]);
        return s;
    }

    public int services() {
        return distinct(serviceSourceBits >>> 32, 32);
    }

    public int apis() {
        return distinct(apiBits, 64);
    }

    public int sources() {
        return distinct(serviceSourceBits & 0xFFFFFFFFL, 32);
    }

    private static int bit(String key) {
        int h = key == null ? 0 : key.hashCode() * 0x9E3779B1;
        return 1 << (h >>> 27);
    }

    /** Linear counting over an {@code m}-bit bitmap: exact for few keys, saturating near 4m. */
    static int distinct(long bits, int m) {
        int set = Long.bitCount(bits);
        if (set == 0) {
            return 0;
        }
        int zeros = m - set;
        if (zeros == 0) {
            return (int) Math.round(m * Math.log(m));
        }
        return (int) Math.round(-m * Math.log(zeros / (double) m));
    }
}
