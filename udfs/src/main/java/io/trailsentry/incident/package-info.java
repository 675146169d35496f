/**
 * Incidents: signals folded into one open incident per principal or role session ({@link
 * io.trailsentry.incident.Incident}, a state class), severity, suppression, the explanation, the
 * response plan with the provenance of every target, and the {@link
 * io.trailsentry.incident.Finding} an incident speaks with. May import: {@code sequence}, {@code
 * detect} and below.
 */
package io.trailsentry.incident;
