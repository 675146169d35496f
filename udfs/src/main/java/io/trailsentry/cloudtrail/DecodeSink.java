package io.trailsentry.cloudtrail;

/** Receives what {@link CloudTrailDecoder} makes of one payload. */
public interface DecodeSink {
    void event(CloudTrailEvent event);

    void deadLetter(DeadLetter deadLetter);

    /** A CloudWatch Logs CONTROL_MESSAGE (a reachability probe): dropped, counted. */
    default void control() {}

    /** A valid record that is not principal activity (CloudTrail Insights): dropped, counted. */
    default void skipped() {}
}
