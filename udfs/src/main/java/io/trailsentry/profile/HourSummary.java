package io.trailsentry.profile;

import io.trailsentry.principal.Principal;

/**
 * What a principal did in one clock hour, reduced to counts (its population compares them): the
 * distinct services, APIs and source prefixes it used, its errors, the compute it requested, and
 * the action classes it showed. Sent when the hour closes, as a probe while an immature principal's
 * running hour doubles, and once on a principal's first event (so its account is known). A Flink
 * POJO; no attacker text (names are not kept, only counts and stored vocabularies).
 */
public class HourSummary {
    /** A closed hour. */
    public static final int CLOSED = 0;

    /** The running hour of an immature principal, as it doubles. */
    public static final int PROBE = 1;

    /** A principal's first event: only its account and kind matter. */
    public static final int FIRST = 2;

    public Principal principal;

    /** {@link #CLOSED}, {@link #PROBE} or {@link #FIRST}. */
    public int kind;

    /** Whether the principal's baseline was mature when the hour was summarised. */
    public boolean mature;

    /** Start of the hour (event time, ms). */
    public long hourStart;

    /** The event this summary was made on (a probe's or first event's; a closed hour's last). */
    public long eventTime;

    public String eventId;
    public String region;

    /**
     * The account whose trail recorded the event ({@code recipientAccountId}; first events and
     * probes): an account that delivers CloudTrail to this stream. Not the principal's account,
     * which a cross-account caller from outside the organisation would make look like one.
     */
    public String deliveredBy;

    public int services;
    public int apis;
    public int errors;
    public int sources;

    /** Estimated vCPUs and accelerators requested in the hour (every compute path). */
    public long vcpus;

    public long gpus;

    /** The principal raised a counted MEDIUM+ signal in the hour (not a habit to learn). */
    public boolean flagged;

    /** {@link ActionClass#key}s shown in the hour. */
    public String[] classes = new String[0];

    public HourSummary() {}

    /** The four compared counts: services, APIs, errors, sources. */
    public int[] dimensions() {
        return new int[] {services, apis, errors, sources};
    }

    /** The account the principal belongs to. */
    public String account() {
        return principal == null ? null : principal.accountId;
    }

    /** "user", "role" or "other": principals are compared with their own kind. */
    public String principalKind() {
        String t = principal == null ? null : principal.type;
        if ("IAMUser".equals(t)) {
            return "user";
        }
        if ("AssumedRole".equals(t)) {
            return "role";
        }
        return "other";
    }

    /** Whether {@code c} was shown in the hour. */
    public boolean shows(String c) {
        for (String k : classes) {
            if (k.equals(c)) {
                return true;
            }
        }
        return false;
    }
}
