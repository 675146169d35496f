package io.trailsentry.detect.population;

/**
 * What the principals of one account (or of the whole organisation) show in an hour, as fixed-size
 * histograms, and which action classes and how much compute its mature principals use. Bounded:
 * about 2 KiB whatever the number of principals; histograms halve when they grow large (recent
 * hours weigh more), classes and principals are capped. A Flink POJO.
 */
public class AccountPopulation {
    /** Principal kinds compared apart: users, roles, others. */
    static final int KINDS = 3;

    /** Services, APIs, errors, sources. */
    static final int DIMS = 4;

    /** Log-2 buckets: 0, 1, 2-3, 4-7, ..., 16384+. */
    static final int BUCKETS = 16;

    static final int MAX_PRINCIPALS = 64;
    static final int MAX_CLASSES = 32;
    static final int MAX_REPORTED = 16;
    static final int HALVE_AT = 4096;

    /** The account id, or {@code *} for the organisation. */
    public String account;

    /** Whether this account's trail delivers to the stream (it is one of the organisation's). */
    public boolean delivers;

    /** Event time of the latest summary learned. */
    public long lastSeen;

    /** Closed hours of mature principals: [kind][dimension][bucket]. */
    public int[] mature = new int[KINDS * DIMS * BUCKETS];

    /** Closed hours of every principal, mature or not (the first days of a deployment). */
    public int[] all = new int[KINDS * DIMS * BUCKETS];

    /** Hours in {@link #mature} and {@link #all} by kind (after halving). */
    public int[] matureHours = new int[KINDS];

    public int[] allHours = new int[KINDS];

    /** Hashes of mature principals seen (capped): a population is mature with enough of them. */
    public int[] maturePrincipals = new int[0];

    /** Action classes mature principals showed, with the first and last UTC day they did. */
    public String[] classes = new String[0];

    public long[] classFirstDay = new long[0];
    public long[] classLastDay = new long[0];

    /** The largest hour of compute a mature principal requested, decayed by day. */
    public float peakVcpus;

    public float peakGpus;
    public long peakDay;

    /** Principal-hours already reported as outliers (hashes, newest last). */
    public int[] reported = new int[0];

    public AccountPopulation() {}

    public static AccountPopulation of(String account) {
        AccountPopulation p = new AccountPopulation();
        p.account = account;
        return p;
    }

    static int bucket(int value) {
        return value <= 0 ? 0 : Math.min(BUCKETS - 1, 32 - Integer.numberOfLeadingZeros(value));
    }

    /** The largest value of {@code bucket}. */
    static int upper(int bucket) {
        return bucket == 0 ? 0 : (1 << bucket) - 1;
    }

    /** Adds one hour of {@code kind} with counts {@code dims} to {@code hist}. */
    static void add(int[] hist, int[] hours, int kind, int[] dims) {
        if (hours[kind] >= HALVE_AT) {
            for (int i = kind * DIMS * BUCKETS; i < (kind + 1) * DIMS * BUCKETS; i++) {
                hist[i] /= 2;
            }
            hours[kind] /= 2;
        }
        for (int d = 0; d < DIMS; d++) {
            hist[(kind * DIMS + d) * BUCKETS + bucket(dims[d])]++;
        }
        hours[kind]++;
    }

    /** The upper bound of the {@code q} quantile of dimension {@code d} for {@code kind}. */
    static int quantile(int[] hist, int[] hours, int kind, int d, double q) {
        int n = hours[kind];
        int need = (int) Math.ceil(q * n);
        int seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += hist[(kind * DIMS + d) * BUCKETS + b];
            if (seen >= need) {
                return upper(b);
            }
        }
        return upper(BUCKETS - 1);
    }

    void addMaturePrincipal(int hash) {
        for (int h : maturePrincipals) {
            if (h == hash) {
                return;
            }
        }
        maturePrincipals = append(maturePrincipals, hash, MAX_PRINCIPALS);
    }

    /** Remembers that a mature principal showed {@code c} on {@code day}. */
    void show(String c, long day) {
        for (int i = 0; i < classes.length; i++) {
            if (classes[i].equals(c)) {
                classFirstDay[i] = Math.min(classFirstDay[i], day);
                classLastDay[i] = Math.max(classLastDay[i], day);
                return;
            }
        }
        if (classes.length >= MAX_CLASSES) {
            return;
        }
        int n = classes.length;
        classes = java.util.Arrays.copyOf(classes, n + 1);
        classFirstDay = java.util.Arrays.copyOf(classFirstDay, n + 1);
        classLastDay = java.util.Arrays.copyOf(classLastDay, n + 1);
        classes[n] = c;
        classFirstDay[n] = day;
        classLastDay[n] = day;
    }

    /**
     * Whether mature principals showed {@code c} on a day before {@code today} and within {@code
     * days} of it.
     */
    boolean routine(String c, long today, int days) {
        for (int i = 0; i < classes.length; i++) {
            if (classes[i].equals(c)) {
                return classFirstDay[i] < today && classLastDay[i] >= today - days;
            }
        }
        return false;
    }

    /** Whether {@code hash} was reported; remembers it if not. */
    boolean reportOnce(int hash) {
        for (int h : reported) {
            if (h == hash) {
                return false;
            }
        }
        reported = append(reported, hash, MAX_REPORTED);
        return true;
    }

    private static int[] append(int[] a, int v, int cap) {
        int keep = Math.min(a.length, cap - 1);
        int[] out = new int[keep + 1];
        System.arraycopy(a, a.length - keep, out, 0, keep);
        out[keep] = v;
        return out;
    }
}
