package io.trailsentry.profile;

/**
 * A principal's rolling behavioural baseline. Every part is bounded (capped, decayed sets and fixed
 * arrays) so one principal's state stays a few KiB however long it lives; idle principals expire by
 * state TTL. A Flink POJO.
 */
public class Profile {
    /**
     * Whose baseline this is: the account, normalised ARN and identity type (a role's baseline is
     * shared by its sessions, so no session is kept). Plain strings rather than a {@code
     * Principal}: the principal's key repeats account and ARN, and Flink's key already holds it.
     */
    public String accountId;

    public String arn;
    public String type;

    // not named "principal": a savepoint of a release whose Profile had a principal field would
    // find this field by that name and expect a serializer for it
    private transient io.trailsentry.principal.Principal owner;

    /** The principal this baseline belongs to, without a session; null before its first event. */
    public io.trailsentry.principal.Principal principal() {
        if (arn == null) {
            return null;
        }
        if (owner == null) {
            owner = new io.trailsentry.principal.Principal(accountId, arn, type, null);
        }
        return owner;
    }

    /** Records whose baseline this is (the first event, or a baseline restored without it). */
    public void owner(io.trailsentry.principal.Principal p) {
        if (p != null) {
            accountId = p.accountId;
            arn = p.arn;
            type = p.type;
            owner = null;
        }
    }

    /** Event time of the first and latest event seen. */
    public long firstSeen;

    public long lastSeen;

    /**
     * Distinct UTC days with activity (saturating), the maturity clock. (The day of {@link
     * #lastSeen} says whether today is counted: no field of its own, to keep the state small.)
     */
    public int activeDays;

    /** Events seen, saturating. */
    public int events;

    public DecayedCounts regions = new DecayedCounts();
    public DecayedCounts services = new DecayedCounts();

    /** API names as hex hashes. */
    public DecayedCounts apis = new DecayedCounts();

    /** Source IPv4 /24 or IPv6 /48 prefixes, or the service name for AWS-internal sources. */
    public DecayedCounts sources = new DecayedCounts();

    public DecayedCounts userAgents = new DecayedCounts();
    public DecayedCounts accessKeys = new DecayedCounts();

    /** Instance families launched (p3, g4dn, m5...). */
    public DecayedCounts instanceFamilies = new DecayedCounts();

    /** Action classes done on earlier days (provisioning, iam-write, termination-protection...). */
    public DecayedCounts routines = new DecayedCounts();

    /** Activity per UTC hour of day, decayed with the other counts. */
    public float[] hours = new float[24];

    /** Recent read-only calls (API hashes) and their services, for enumeration bursts. */
    public RecentWindow reads = new RecentWindow();

    /** Recent AccessDenied / Unauthorized errors. */
    public RecentWindow denials = new RecentWindow();

    /** Recent reads of secret material (secrets, decrypted parameters, instance secrets). */
    public RecentWindow credentialReads = new RecentWindow();

    /**
     * Changes of source prefix (key: the new prefix's hash), so rotation across networks is counted
     * while a principal that keeps one source costs one entry.
     */
    public RecentWindow sourceChanges = new RecentWindow();

    /**
     * Compute requested recently (estimated vCPUs and accelerators), a sum that decays with the
     * compute window as its time constant, and when it was last updated: three numbers instead of a
     * ring of requests.
     */
    public float computeRecentVcpus;

    public float computeRecentGpus;
    public long computeRecentAt;

    /** The largest compute window (vCPUs, accelerators) on earlier days, decayed. */
    public float computePeakVcpus;

    public float computePeakGpus;

    /** Today's largest compute window, and its day (folded into the peak when the day changes). */
    public float computeTodayVcpus;

    public float computeTodayGpus;
    public long computeDay;

    /**
     * The memory (MB) this principal last gave a Lambda function (created or resized; 0: none): it
     * sizes the concurrency the principal then reserves or provisions, whose records do not say.
     */
    public int lambdaMemoryMb;

    /** After large-scale compute is reported, quiet until then. */
    public long computeQuietUntil;

    /**
     * Recent instance-credential sessions of this role (key: session, second key: source prefix),
     * so the same instance's credentials from a second network stand out.
     */
    public RecentWindow instanceSessions = new RecentWindow();

    /** After an enumeration storm is reported, quiet until then. */
    public long stormQuietUntil;

    /**
     * What this principal created most recently that later changes may touch, as {@code kind:name}
     * (IAM users, trails; at most 8), newest last.
     */
    public String[] createdNames = new String[0];

    /** Whether this principal recently created {@code kind:name}. */
    public boolean created(String kind, String name) {
        String key = kind + ":" + name;
        for (String n : createdNames) {
            if (n.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Remembers that this principal created {@code kind:name} (names capped at 64). */
    public void rememberCreated(String kind, String name) {
        if (name == null) {
            return;
        }
        String key = kind + ":" + (name.length() > 64 ? name.substring(0, 64) : name);
        int keep = Math.min(createdNames.length, 7);
        String[] now = new String[keep + 1];
        System.arraycopy(createdNames, createdNames.length - keep, now, 0, keep);
        now[keep] = key;
        createdNames = now;
    }

    /** After an instance's password or user data read is reported, quiet until then. */
    public long instanceSecretQuietUntil;

    /** Event time until which new-source novelty is not reported again. */
    public long noveltyQuietUntil;

    /** The running clock hour, summarised for the principal's population when it closes. */
    public HourTally hour = new HourTally();

    public Profile() {}
}
