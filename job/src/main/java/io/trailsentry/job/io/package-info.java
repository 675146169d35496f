/**
 * Sources and sinks: CloudTrail log files (read oldest first), the Kinesis connector in one class,
 * JSON-lines outputs.
 */
package io.trailsentry.job.io;
