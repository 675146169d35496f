/**
 * Typed configuration: every option with its default and description ({@link
 * io.trailsentry.job.config.TrailSentryOptions}), read from arguments, a local JSON file or Managed
 * Flink property groups, and the detection policy document.
 */
package io.trailsentry.job.config;
