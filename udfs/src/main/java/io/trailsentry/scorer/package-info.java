/**
 * The online isolation forest and the per-principal feature windows it scores ({@link
 * io.trailsentry.scorer.FeatureWindow}, a state class), with its policy. May import: {@code
 * profile}, {@code cloudtrail}, {@code principal}, {@code util}.
 */
package io.trailsentry.scorer;
