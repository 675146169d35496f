/**
 * The per-event detections, one {@link io.trailsentry.detect.rules.Rule} subclass each (its {@code
 * Detection} and its {@code evaluate}), listed once in {@link
 * io.trailsentry.detect.rules.RuleCatalogue}; the facts several rules share are helpers on {@link
 * io.trailsentry.detect.rules.RuleContext}. Also the anomaly rule that turns a scored window into a
 * signal. Pure Java: tests call {@link io.trailsentry.detect.rules.Rules} directly. May import what
 * {@code detect} may.
 */
package io.trailsentry.detect.rules;
