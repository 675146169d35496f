package io.trailsentry.cloudtrail;

/** The delivery envelopes a payload can arrive in. */
public enum Envelope {
    /** {@code {"Records":[...]}}: an S3-delivered CloudTrail log file, plain or gzip. */
    LOG_FILE,
    /** One raw record object. */
    RECORD,
    /** A JSON array of raw records. */
    RECORD_ARRAY,
    /** An EventBridge event whose {@code detail} is the record. */
    EVENTBRIDGE,
    /** A gzip CloudWatch Logs subscription payload whose log events hold records. */
    CLOUDWATCH_LOGS
}
