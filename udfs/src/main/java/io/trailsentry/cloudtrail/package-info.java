/**
 * CloudTrail in: envelopes (S3 log files, EventBridge, CloudWatch Logs, raw), decoding into {@link
 * io.trailsentry.cloudtrail.CloudTrailEvent} with the request facts detections read, dead letters
 * for bad input, and the principal a record belongs to ({@link
 * io.trailsentry.cloudtrail.PrincipalResolver}). May import: {@code principal}, {@code util}.
 */
package io.trailsentry.cloudtrail;
