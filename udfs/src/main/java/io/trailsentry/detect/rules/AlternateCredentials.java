package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;

/**
 * TS-PE-007: credentials that outlive the stolen key's revocation or bypass IAM keys altogether:
 * federation tokens (valid up to 36 h after the key is deleted) and IAM Roles Anywhere trust
 * anchors and profiles (certificates as a way in).
 */
public final class AlternateCredentials extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-PE-007")
                    .title("Federation token or Roles Anywhere trust anchor created")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.HIGH)
                    .technique(
                            "T1550.001",
                            "Use Alternate Authentication Material: Application Access Token")
                    .tactic("Defense Evasion")
                    .matches(
                            "GetFederationToken; Roles Anywhere CreateTrustAnchor, CreateProfile,"
                                    + " UpdateTrustAnchor")
                    .firstCheck(
                            "Federation tokens survive the key's deletion: deny the user's"
                                    + " sessions (aws:TokenIssueTime) as well as deleting the key;"
                                    + " delete unknown trust anchors.")
                    .build();

    AlternateCredentials() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed()) {
            return;
        }
        boolean federation = "GetFederationToken".equals(e.eventName);
        boolean anchor =
                "rolesanywhere".equals(e.service())
                        && ("CreateTrustAnchor".equals(e.eventName)
                                || "UpdateTrustAnchor".equals(e.eventName)
                                || "CreateProfile".equals(e.eventName));
        if (federation || anchor) {
            c.emitFor(ActionClass.FEDERATION, DETECTION, e.eventName + c.where());
        }
    }
}
