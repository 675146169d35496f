package io.trailsentry.profile;

import io.trailsentry.cloudtrail.CloudTrailEvent;

/**
 * The keys of one event that the baseline, the rules and the feature window all look up: source
 * prefix, user-agent family, API key. Computed once per event and reused; not thread-safe.
 */
public final class EventKeys {
    public String source;
    public String userAgent;
    public String api;

    /** Fills the keys for {@code e}; returns this. */
    public EventKeys of(CloudTrailEvent e) {
        source = Sources.prefix(e.sourceIpAddress);
        userAgent = Sources.userAgentFamily(e.userAgent);
        api = Sources.hash(e.eventName);
        return this;
    }
}
