package io.trailsentry.profile;

import io.trailsentry.cloudtrail.CloudTrailEvent;

/** Folds one event into a principal's baseline, within the caps. */
public final class ProfileLearner {
    static final int REGIONS = 16;
    static final int SERVICES = 32;
    static final int APIS = 64;
    static final int SOURCES = 16;
    static final int USER_AGENTS = 8;
    static final int KEYS = 8;
    static final int FAMILIES = 16;
    public static final int ROUTINES = 24;
    public static final long DAY_MS = 86_400_000L;

    private final long halfLifeMs;

    public ProfileLearner(long halfLifeMs) {
        this.halfLifeMs = halfLifeMs;
    }

    public void learn(Profile p, CloudTrailEvent e, EventKeys keys) {
        long t = e.eventTime;
        long half = halfLifeMs;
        long day = Math.floorDiv(t, DAY_MS);
        if (p.events == 0) {
            p.firstSeen = t;
        }
        if (p.arn == null) {
            p.owner(e.principal); // also for a baseline restored from a release that kept more
        }
        if (p.events == 0 || day != Math.floorDiv(p.lastSeen, DAY_MS)) {
            p.activeDays = Math.min(Integer.MAX_VALUE - 1, p.activeDays + 1);
            decayHours(p, t);
        }
        p.lastSeen = Math.max(p.lastSeen, t);
        p.events = Math.min(Integer.MAX_VALUE - 1, p.events + 1);
        if (e.awsRegion != null) {
            p.regions.add(e.awsRegion, t, half, REGIONS);
        }
        p.services.add(e.service(), t, half, SERVICES);
        p.apis.add(keys.api, t, half, APIS);
        p.sources.addDaily(keys.source, t, half, SOURCES);
        p.userAgents.addDaily(keys.userAgent, t, half, USER_AGENTS);
        String key = e.accessKeyId();
        if (key != null && key.startsWith("AKIA")) {
            p.accessKeys.add(key, t, half, KEYS);
        }
        p.hours[(int) Math.floorMod(t / 3_600_000L, 24L)] += 1f;
        ActionClass routine = ActionClass.of(e);
        if (routine != null) {
            p.routines.add(routine.key + "@" + day, t, half, ROUTINES);
            p.routines.keepLatestDays(routine.key, day);
        }
        if (!e.failed() && "lambda".equals(e.service()) && e.facts != null) {
            if (e.eventName.startsWith("CreateFunction")
                    && !e.eventName.startsWith("CreateFunctionUrl")) {
                p.lambdaMemoryMb = e.facts.memorySize > 0 ? e.facts.memorySize : 128;
            } else if (e.eventName.startsWith("UpdateFunctionConfiguration")
                    && e.facts.memorySize > 0) {
                p.lambdaMemoryMb = e.facts.memorySize;
            }
        }
        if (!e.failed() && e.facts != null && e.facts.instanceTypes != null) {
            for (String type : e.facts.instanceTypes) {
                p.instanceFamilies.add(Sources.family(type), t, half, FAMILIES);
            }
        }
    }

    private void decayHours(Profile p, long now) {
        if (p.lastSeen == 0) {
            return;
        }
        float f = (float) Math.pow(0.5, (now - p.lastSeen) / (double) halfLifeMs);
        for (int i = 0; i < p.hours.length; i++) {
            p.hours[i] *= f;
        }
    }
}
