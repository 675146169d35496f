package io.trailsentry.detect;

/**
 * A detection's metadata: what it is called, which category it feeds, how much it weighs, how it
 * maps to MITRE ATT&amp;CK, and what a responder should do first.
 */
public final class Detection {
    public final String id;
    public final String title;
    public final Category category;
    public final Severity severity;
    public final String techniqueId;
    public final String techniqueName;
    public final String tacticName;
    public final String runbook;

    /**
     * The ATT&amp;CK technique itself: {@code T1496} for {@link #techniqueId} {@code T1496.001}.
     */
    public final String parentTechniqueId;

    /**
     * The technique's own name: "Resource Hijacking" for "Resource Hijacking: Compute Hijacking".
     */
    public final String parentTechniqueName;

    /** The sub-technique when {@link #techniqueId} names one ({@code T1496.001}), else null. */
    public final String subTechniqueId;

    /** The sub-technique's own name ("Compute Hijacking"), else null. */
    public final String subTechniqueName;

    /** The ATT&amp;CK tactic id of {@link #tacticName}, e.g. {@code TA0040} for Impact. */
    public final String tacticId;

    public Detection(
            String id,
            String title,
            Category category,
            Severity severity,
            String techniqueId,
            String techniqueName,
            String tacticName,
            String runbook) {
        this.id = id;
        this.title = title;
        this.category = category;
        this.severity = severity;
        this.techniqueId = techniqueId;
        this.techniqueName = techniqueName;
        this.tacticName = tacticName;
        this.runbook = runbook;
        int dot = techniqueId.indexOf('.');
        int colon = techniqueName.indexOf(": ");
        if ((dot < 0) != (colon < 0)) {
            throw new IllegalArgumentException(
                    id + ": a sub-technique id needs a 'Technique: Sub-technique' name and back");
        }
        this.parentTechniqueId = dot < 0 ? techniqueId : techniqueId.substring(0, dot);
        this.parentTechniqueName = colon < 0 ? techniqueName : techniqueName.substring(0, colon);
        this.subTechniqueId = dot < 0 ? null : techniqueId;
        this.subTechniqueName = colon < 0 ? null : techniqueName.substring(colon + 2);
        this.tacticId = Tactics.id(tacticName);
    }
}
