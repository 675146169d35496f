/**
 * The identity all per-principal state hangs on ({@link io.trailsentry.principal.Principal}, a
 * state class: do not rename or move it, its name is in savepoints) and the one ARN pattern matcher
 * of never-act and allowlist policy. May import: {@code util}.
 */
package io.trailsentry.principal;
