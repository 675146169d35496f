package io.trailsentry.incident;

import io.trailsentry.detect.Signal;
import java.util.Arrays;
import java.util.Objects;

/** One event that contributed to an incident, as a finding shows it. */
public class Evidence {
    public String detectionId;
    public int category;
    public String eventId;
    public long eventTime;
    public String eventName;
    public String eventSource;
    public String region;
    public String sourceIp;
    public String userAgent;
    public String accessKeyId;

    /** The call's CloudTrail error code and message (DryRun answers, denials), else null. */
    public String errorCode;

    public String errorMessage;

    public String summary;
    public String[] resources;

    /** The baseline made this ordinary for the principal: shown, not counted. */
    public boolean routine;

    public Evidence() {}

    public static Evidence of(Signal s) {
        Evidence e = new Evidence();
        e.detectionId = s.detectionId;
        e.category = s.category;
        e.eventId = s.eventId;
        e.eventTime = s.eventTime;
        e.eventName = s.eventName;
        e.eventSource = s.eventSource;
        e.region = s.region;
        e.sourceIp = s.sourceIp;
        e.userAgent = s.userAgent;
        e.accessKeyId = s.accessKeyId;
        e.errorCode = s.errorCode;
        e.errorMessage = s.errorMessage;
        e.summary = s.summary;
        e.resources = s.resources;
        e.routine = s.routine;
        return e;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Evidence)) {
            return false;
        }
        Evidence e = (Evidence) o;
        return category == e.category
                && eventTime == e.eventTime
                && Objects.equals(detectionId, e.detectionId)
                && Objects.equals(eventId, e.eventId)
                && Objects.equals(summary, e.summary)
                && Arrays.equals(resources, e.resources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(detectionId, eventId);
    }
}
