/**
 * The per-event rules, run against a principal's baseline as it was before the event, and the
 * anomaly rule that turns a scored window into a signal. Pure Java: tests call {@link
 * io.trailsentry.detect.rules.Rules} directly. May import what {@code detect} may.
 */
package io.trailsentry.detect.rules;
