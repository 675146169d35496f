/**
 * The deployment's detection policy: one immutable policy per stage, assembled from a JSON document
 * and options by the job. May import every stage's package; only {@code flink} (and the job) import
 * it.
 */
package io.trailsentry.policy;
