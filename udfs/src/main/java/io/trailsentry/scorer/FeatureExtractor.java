package io.trailsentry.scorer;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.EventKeys;
import io.trailsentry.profile.Profile;

/**
 * Folds events into a principal's {@link FeatureWindow} (the scorer's own keyed state), measuring
 * novelty against the baseline as it was before each event, and closes windows into {@link
 * FeatureVector}s.
 */
public final class FeatureExtractor {
    private final ScorerPolicy policy;
    private final BaselinePolicy baseline;

    public FeatureExtractor(ScorerPolicy policy, BaselinePolicy baseline) {
        this.policy = policy;
        this.baseline = baseline;
    }

    public long windowMs() {
        return policy.scorerWindowMs;
    }

    /**
     * Adds {@code e} (call before the baseline learns it); returns the previous window's vector
     * when {@code e} falls after it, else null.
     */
    public FeatureVector add(Profile p, FeatureWindow w, CloudTrailEvent e, EventKeys keys) {
        FeatureVector closed = null;
        if (w.start != 0 && e.eventTime >= w.start + policy.scorerWindowMs) {
            closed = close(p, w);
        }
        if (w.start == 0) {
            w.reset(e.eventTime - Math.floorMod(e.eventTime, policy.scorerWindowMs));
            w.hourRarity = hourRarity(p, e.eventTime);
        }
        w.events++;
        if (e.readOnly) {
            w.reads++;
        }
        if (e.failed()) {
            w.errors++;
            if (e.errorCode.startsWith("AccessDenied") || e.errorCode.contains("Unauthorized")) {
                w.denied++;
            }
        }
        String api = e.eventName;
        if ("ec2".equals(e.service())
                        && (api.startsWith("Run")
                                || api.startsWith("CreateFleet")
                                || api.startsWith("RequestSpot"))
                || api.endsWith("AutoScalingGroup")
                || api.equals("CreateCluster")
                || api.equals("CreateService")
                || api.equals("RunTask")) {
            w.compute++;
        }
        if ("iam".equals(e.service()) && !e.readOnly) {
            w.iamWrites++;
        }
        if (p.events > 0 && !p.apis.contains(keys.api)) {
            w.novelApis++;
        }
        if (p.events > 0 && e.awsRegion != null && !p.regions.contains(e.awsRegion)) {
            w.novelRegions++;
        }
        if (p.events > 0 && !p.sources.contains(keys.source)) {
            w.novelSources++;
        }
        w.apis = FeatureWindow.addDistinct(w.apis, api.hashCode(), FeatureWindow.MAX_APIS);
        w.services =
                FeatureWindow.addDistinct(
                        w.services, e.service().hashCode(), FeatureWindow.MAX_SERVICES);
        w.regions =
                FeatureWindow.addDistinct(
                        w.regions,
                        e.awsRegion == null ? 0 : e.awsRegion.hashCode(),
                        FeatureWindow.MAX_REGIONS);
        w.lastEventId = e.eventId;
        w.lastSession = e.principal == null ? null : e.principal.sessionName;
        w.lastUserId = e.principal == null ? null : e.principal.userId;
        w.lastEventTime = e.eventTime;
        w.lastRegion = e.awsRegion;
        w.lastAccessKeyId = e.accessKeyId();
        return closed;
    }

    /** Closes the open window (if any) into a vector; {@code p} says whether it is mature. */
    public FeatureVector close(Profile p, FeatureWindow w) {
        return close(p.principal(), baseline.matured(p), w);
    }

    /**
     * Records in the open window what its close needs of {@code p} (see {@link FeatureWindow#arn}):
     * called after each batch that leaves the window open.
     */
    public void remember(Profile p, FeatureWindow w) {
        w.accountId = p.accountId;
        w.arn = p.arn;
        w.type = p.type;
        w.baselineMature = baseline.matured(p);
    }

    /**
     * Closes a window the watermark passed with what {@link #remember} kept of the baseline; null
     * for a window of an earlier release, which did not keep it (close it against the profile).
     */
    public FeatureVector closeRemembered(FeatureWindow w) {
        if (w.arn == null) {
            return null;
        }
        return close(
                new io.trailsentry.principal.Principal(w.accountId, w.arn, w.type, null),
                w.baselineMature,
                w);
    }

    private FeatureVector close(
            io.trailsentry.principal.Principal base, boolean mature, FeatureWindow w) {
        if (w.start == 0 || w.events == 0) {
            w.start = 0;
            return null;
        }
        double n = w.events;
        FeatureVector v = new FeatureVector();
        v.windowStart = w.start;
        v.windowEnd = w.start + policy.scorerWindowMs;
        v.eventId = w.lastEventId;
        v.principal = principal(base, w);
        v.eventTime = w.lastEventTime;
        v.region = w.lastRegion;
        v.accessKeyId = w.lastAccessKeyId;
        v.baselineMature = mature;
        v.features =
                new double[] {
                    log(w.events, 500),
                    w.apis.length / (double) FeatureWindow.MAX_APIS,
                    w.services.length / (double) FeatureWindow.MAX_SERVICES,
                    w.regions.length / (double) FeatureWindow.MAX_REGIONS,
                    w.errors / n,
                    log(w.denied, 50),
                    (w.events - w.reads) / n,
                    log(w.compute, 50),
                    log(w.iamWrites, 20),
                    w.novelApis / n,
                    w.novelRegions / n,
                    w.novelSources / n,
                    w.hourRarity
                };
        w.start = 0;
        return v;
    }

    private static double log(int v, int scale) {
        return Math.min(1.0, Math.log1p(v) / Math.log1p(scale));
    }

    private static float hourRarity(Profile p, long t) {
        float max = 0;
        for (float h : p.hours) {
            max = Math.max(max, h);
        }
        if (max == 0) {
            return 0;
        }
        return 1f - p.hours[(int) Math.floorMod(t / 3_600_000L, 24L)] / max;
    }

    /** The profile's principal with the session of the window's last event. */
    static io.trailsentry.principal.Principal principal(
            io.trailsentry.principal.Principal base, FeatureWindow w) {
        if (base == null
                || java.util.Objects.equals(base.sessionName, w.lastSession)
                        && java.util.Objects.equals(base.userId, w.lastUserId)) {
            return base;
        }
        io.trailsentry.principal.Principal p =
                new io.trailsentry.principal.Principal(
                        base.accountId, base.arn, base.type, w.lastSession);
        p.userId = w.lastUserId;
        return p;
    }
}
