/**
 * What a detection is: its metadata ({@link io.trailsentry.detect.Detection}), the behavioural
 * categories, severities, the {@link io.trailsentry.detect.Signal} a detection emits (an event and
 * state class), typed resources and provenance, and the rules' policy. The rules themselves live in
 * {@code detect.rules}, one class per detection; the whole catalogue is {@code
 * catalogue.Catalogue}. May import: {@code scorer}, {@code profile}, {@code cloudtrail}, {@code
 * principal}, {@code util}.
 */
package io.trailsentry.detect;
