package io.trailsentry.scorer;

import java.util.Arrays;

/**
 * What one principal did in the current feature window (default 5 minutes), in fixed space: counts
 * and small capped sets. Turned into a {@link FeatureVector} when the window closes. A Flink POJO.
 */
public class FeatureWindow {
    static final int MAX_APIS = 32;
    static final int MAX_SERVICES = 16;
    static final int MAX_REGIONS = 8;

    /** Window start (event time), 0 when no window is open. */
    public long start;

    public int events;
    public int reads;
    public int errors;
    public int denied;
    public int compute;
    public int iamWrites;
    public int novelApis;
    public int novelRegions;
    public int novelSources;
    public float hourRarity;
    public int[] apis = new int[0];
    public int[] services = new int[0];
    public int[] regions = new int[0];
    public String lastEventId;

    /**
     * The session and {@code principalId} of the window's last event (null for users): the closed
     * window carries them, whether the next event or the watermark closes it, so its signal joins
     * the same incident either way. The rest of the principal is the profile's.
     */
    public String lastSession;

    public String lastUserId;

    public String lastRegion;
    public String lastAccessKeyId;
    public long lastEventTime;

    /**
     * What the window's close needs of the baseline, as it stood after the window's last batch: the
     * principal (without a session) and whether the baseline had matured. A principal's baseline
     * changes only with its own events, and an event past the window's end closes the window
     * itself, so a window the watermark closes is closed without reading the baseline (a few KB
     * from RocksDB, for every principal that went quiet). Null {@link #arn}: a window written by an
     * earlier release, closed against the baseline as before.
     */
    public String accountId;

    public String arn;
    public String type;
    public boolean baselineMature;

    public FeatureWindow() {}

    static int[] addDistinct(int[] set, int v, int cap) {
        for (int x : set) {
            if (x == v) {
                return set;
            }
        }
        if (set.length >= cap) {
            return set;
        }
        int[] out = Arrays.copyOf(set, set.length + 1);
        out[set.length] = v;
        return out;
    }

    void reset(long newStart) {
        start = newStart;
        events = 0;
        reads = 0;
        errors = 0;
        denied = 0;
        compute = 0;
        iamWrites = 0;
        novelApis = 0;
        novelRegions = 0;
        novelSources = 0;
        hourRarity = 0;
        apis = new int[0];
        services = new int[0];
        regions = new int[0];
    }
}
