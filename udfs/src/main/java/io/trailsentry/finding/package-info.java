/**
 * Findings out: a {@link io.trailsentry.incident.Finding} rendered as an OCSF Detection Finding.
 * May import: {@code incident} and below.
 */
package io.trailsentry.finding;
