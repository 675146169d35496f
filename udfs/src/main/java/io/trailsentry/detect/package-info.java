/**
 * What a detection is: the catalogue ({@link io.trailsentry.detect.Detections}), the behavioural
 * categories, severities, the {@link io.trailsentry.detect.Signal} a detection emits (an event and
 * state class) and the rules' policy. The rules themselves live in {@code detect.rules}. May
 * import: {@code scorer}, {@code profile}, {@code cloudtrail}, {@code principal}, {@code util}.
 */
package io.trailsentry.detect;
