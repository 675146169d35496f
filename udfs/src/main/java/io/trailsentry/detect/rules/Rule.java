package io.trailsentry.detect.rules;

import io.trailsentry.detect.Detection;

/**
 * One per-event detection: its metadata and how it evaluates an event. A subclass declares its
 * {@link Detection} as a constant (so sequences, incidents and tests can name it) and is registered
 * once in {@link RuleCatalogue#ALL}; nothing else needs to change to add one (docs/architecture.md,
 * "Adding a detection").
 */
public abstract class Rule {
    public final Detection detection;

    protected Rule(Detection detection) {
        this.detection = detection;
    }

    /**
     * Looks at {@code c}'s current event against the principal's baseline (not yet updated with
     * this event) and emits through {@link RuleContext#emit} or {@link RuleContext#emitFor}.
     */
    protected abstract void evaluate(RuleContext c);
}
