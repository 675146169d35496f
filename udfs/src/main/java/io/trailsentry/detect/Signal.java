package io.trailsentry.detect;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.principal.Principal;
import java.util.Arrays;
import java.util.Objects;

/**
 * One piece of evidence that a principal behaved suspiciously: which detection fired, on which
 * event, naming which resources. Signals from every detector meet in the incident correlator.
 */
public class Signal {
    public Principal principal;
    public String detectionId;

    /** {@link Category#number}. */
    public int category;

    /** {@link Severity#id} this signal contributes on its own. */
    public int severity;

    public long eventTime;
    public String eventId;
    public String eventName;
    public String eventSource;
    public String region;
    public String sourceIp;
    public String userAgent;
    public String accessKeyId;

    /** One line saying what was seen, bounded. */
    public String summary;

    /** Resources the evidence ties to the principal (instance ids, group names...), bounded. */
    public String[] resources;

    public Signal() {}

    public static Signal of(
            Detection d, CloudTrailEvent e, Principal p, String summary, String... resources) {
        Signal s = new Signal();
        s.principal = p;
        s.detectionId = d.id;
        s.category = d.category.number;
        s.severity = d.severity.id;
        s.eventTime = e.eventTime;
        s.eventId = e.eventId;
        s.eventName = e.eventName;
        s.eventSource = e.eventSource;
        s.region = e.awsRegion;
        s.sourceIp = e.sourceIpAddress;
        s.userAgent = e.userAgent;
        s.accessKeyId = e.accessKeyId();
        s.summary = summary;
        s.resources = resources.length == 0 ? null : resources;
        return s;
    }

    public String principalKey() {
        return principal.key;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Signal)) {
            return false;
        }
        Signal s = (Signal) o;
        return category == s.category
                && severity == s.severity
                && eventTime == s.eventTime
                && Objects.equals(principal, s.principal)
                && Objects.equals(detectionId, s.detectionId)
                && Objects.equals(eventId, s.eventId)
                && Objects.equals(summary, s.summary)
                && Arrays.equals(resources, s.resources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(detectionId, eventId);
    }

    @Override
    public String toString() {
        return detectionId + "@" + eventTime + " " + summary;
    }
}
