/**
 * The Flink functions and operators around the pure logic: decoding, event-time ordering, the
 * profiler, the scorer operator, incident correlation; state descriptors, TTL and side-output tags
 * in {@link io.trailsentry.flink.Descriptors}. The top layer: it may import everything, nothing
 * imports it but the job.
 */
package io.trailsentry.flink;
