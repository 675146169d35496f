package io.trailsentry.cloudtrail;

/** Why an input was dead-lettered. Names are stable: they are metric labels and sink fields. */
public enum DeadLetterReason {
    EMPTY_PAYLOAD,
    PAYLOAD_TOO_LARGE,
    CORRUPT_GZIP,
    TRUNCATED_GZIP,
    NOT_JSON,
    NESTING_TOO_DEEP,
    UNKNOWN_ENVELOPE,
    UNSUPPORTED_EVENTBRIDGE_TYPE,
    BAD_LOG_EVENT,
    TOO_MANY_RECORDS,
    RECORD_NOT_OBJECT,
    RECORD_TOO_LARGE,
    MISSING_FIELD,
    WRONG_FIELD_TYPE,
    BAD_EVENT_TIME,
    INTERNAL_ERROR,
    /** Decoded, but later than the watermark allowed: processed out of order and recorded. */
    LATE_EVENT
}
