/**
 * Per-principal behavioural baselines ({@link io.trailsentry.profile.Profile}, a state class: its
 * name and fields are in savepoints), how they learn, and when they are mature ({@link
 * io.trailsentry.profile.BaselinePolicy}). May import: {@code cloudtrail}, {@code principal},
 * {@code util}.
 */
package io.trailsentry.profile;
