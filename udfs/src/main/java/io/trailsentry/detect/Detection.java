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
    }
}
