package io.trailsentry.cloudtrail;

import io.trailsentry.principal.Principal;
import java.util.Objects;

/**
 * One CloudTrail record, typed and bounded: what detection needs and nothing unbounded. A Flink
 * POJO (public fields, public no-arg constructor) so it never falls back to Kryo.
 */
public class CloudTrailEvent {
    public String eventId;

    /** Event time, epoch millis. */
    public long eventTime;

    public String eventVersion;
    public String eventSource;
    public String eventName;
    public String awsRegion;
    public String sourceIpAddress;
    public String userAgent;
    public String errorCode;
    public String errorMessage;
    public boolean readOnly;
    public String eventType;
    public boolean managementEvent;
    public String recipientAccountId;
    public UserIdentity userIdentity;
    public RequestFacts facts;

    /** Where the record came from (file path or Kinesis shard). */
    public String origin;

    /** Set after decoding by the principal resolver; its key is what all state hangs on. */
    public Principal principal;

    public CloudTrailEvent() {}

    /** {@code ec2} for {@code ec2.amazonaws.com}. */
    public String service() {
        if (eventSource == null) {
            return "";
        }
        int dot = eventSource.indexOf('.');
        return dot < 0 ? eventSource : eventSource.substring(0, dot);
    }

    /**
     * The AWS service that made this call with the principal's credentials ({@code
     * userIdentity.invokedBy}, e.g. cloudformation.amazonaws.com), or null for a direct call.
     */
    public String viaService() {
        return userIdentity == null
                        || userIdentity.invokedBy == null
                        || userIdentity.invokedBy.isEmpty()
                ? null
                : userIdentity.invokedBy;
    }

    public boolean failed() {
        return errorCode != null && !errorCode.isEmpty();
    }

    public String principalKey() {
        return principal == null ? null : principal.key;
    }

    public String accessKeyId() {
        return userIdentity == null ? null : userIdentity.accessKeyId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CloudTrailEvent)) {
            return false;
        }
        CloudTrailEvent e = (CloudTrailEvent) o;
        return eventTime == e.eventTime
                && readOnly == e.readOnly
                && managementEvent == e.managementEvent
                && Objects.equals(eventId, e.eventId)
                && Objects.equals(eventVersion, e.eventVersion)
                && Objects.equals(eventSource, e.eventSource)
                && Objects.equals(eventName, e.eventName)
                && Objects.equals(awsRegion, e.awsRegion)
                && Objects.equals(sourceIpAddress, e.sourceIpAddress)
                && Objects.equals(userAgent, e.userAgent)
                && Objects.equals(errorCode, e.errorCode)
                && Objects.equals(errorMessage, e.errorMessage)
                && Objects.equals(eventType, e.eventType)
                && Objects.equals(recipientAccountId, e.recipientAccountId)
                && Objects.equals(userIdentity, e.userIdentity)
                && Objects.equals(facts, e.facts)
                && Objects.equals(principal, e.principal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventTime, eventName);
    }

    @Override
    public String toString() {
        return eventName + "@" + eventTime + " by " + principalKey() + " (" + eventId + ")";
    }
}
