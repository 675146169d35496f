package io.trailsentry.detect;

/**
 * A detection's metadata: what it is called, what it matches, which category it feeds, how much it
 * weighs, how it maps to MITRE ATT&amp;CK, and what a responder should check first. Each detection
 * declares its own next to the code that evaluates it ({@code detect.rules}, {@code sequence},
 * {@code AnomalyRule}); {@code catalogue.Catalogue} lists them all.
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

    /** What the detection matches, in a sentence (docs/policy.md is generated from it). */
    public final String description;

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
            String description,
            String runbook) {
        this.id = id;
        this.description = description;
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
        if (!id.matches("TS-[A-Z]{2}-\\d{3}")) {
            throw new IllegalArgumentException("detection ids look like TS-XX-000: " + id);
        }
    }

    /** Starts the declaration of detection {@code id} ({@code TS-XX-000}, stable forever). */
    public static Builder id(String id) {
        return new Builder(id);
    }

    /** A detection declared field by field; {@link #build()} checks that none is missing. */
    public static final class Builder {
        private final String id;
        private String title;
        private Category category;
        private Severity severity;
        private String techniqueId;
        private String techniqueName;
        private String tactic;
        private String description;
        private String firstCheck;

        private Builder(String id) {
            this.id = id;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder category(Category category) {
            this.category = category;
            return this;
        }

        /** The default severity; rules lower or raise it per event. */
        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        /** ATT&amp;CK technique or sub-technique: {@code T1496.001}, "Resource Hijacking: ...". */
        public Builder technique(String id, String name) {
            this.techniqueId = id;
            this.techniqueName = name;
            return this;
        }

        /** The ATT&amp;CK tactic's name, e.g. "Impact" (its id is looked up). */
        public Builder tactic(String name) {
            this.tactic = name;
            return this;
        }

        public Builder matches(String description) {
            this.description = description;
            return this;
        }

        /** What a responder should check first. */
        public Builder firstCheck(String firstCheck) {
            this.firstCheck = firstCheck;
            return this;
        }

        public Detection build() {
            for (Object field :
                    new Object[] {
                        title, category, severity, techniqueId, tactic, description, firstCheck
                    }) {
                if (field == null) {
                    throw new IllegalStateException(id + " is missing a field");
                }
            }
            return new Detection(
                    id,
                    title,
                    category,
                    severity,
                    techniqueId,
                    techniqueName,
                    tactic,
                    description,
                    firstCheck);
        }
    }
}
