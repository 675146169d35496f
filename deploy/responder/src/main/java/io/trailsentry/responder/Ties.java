package io.trailsentry.responder;

import io.trailsentry.responder.Actions.Def;

/**
 * Whether the finding ties a step's target to its principal, decided before any AWS call: an access
 * key it used or created; the principal itself, of the kind the action allows; a resource it
 * created (or, for a reversal, changed), listed in the finding with the same type and region and
 * that provenance, with the step saying the same.
 */
final class Ties {
    private Ties() {}

    /** Why a step is not run, or null. */
    static String skipReason(FindingOrder f, Step s, Def def, ResponderConfig config) {
        if (def == null) {
            return "unsupported-action";
        }
        if (config.disabledActions.contains(s.action)) {
            return "disabled";
        }
        switch (def.tie) {
            case ADVISORY:
                return "advisory";
            case ACCESS_KEY:
                return f.evidence.accessKeyIds.contains(s.target) ? null : "not-in-evidence";
            case USER:
                String user = identity(f, s, config);
                if (user != null) {
                    return user;
                }
                return IdentityActions.isUser(s.target) ? null : "refused";
            case ROLE:
                String role = identity(f, s, config);
                if (role != null) {
                    return role;
                }
                return IdentityActions.isRole(s.target) ? null : "refused";
            case CREATED:
                return provenance(f, s, def, "created");
            case MODIFIED:
                return provenance(f, s, def, "modified");
            default:
                throw new IllegalStateException(def.tie.toString());
        }
    }

    /**
     * Why an identity step's target may not be contained, or null: it must be the principal or an
     * identity the finding says the principal handed access to, in the finding's account, and not
     * on the never-act list.
     */
    private static String identity(FindingOrder f, Step s, ResponderConfig config) {
        if (!f.principalArn.equals(s.target) && f.evidence.linked(s.target) == null) {
            return "not-in-evidence";
        }
        if (!s.target.contains(":" + f.accountId + ":")) {
            return "other-account";
        }
        return config.isNeverAct(s.target) ? "never-act" : null;
    }

    /**
     * The step as it runs: a reversal of a change (provenance modified) whose plan gives no
     * created_at is verified against the time of the event the finding lists for the resource.
     */
    static Step effective(FindingOrder f, Step s, Def def) {
        if (def.tie != Actions.Tie.MODIFIED || s.createdAt != null) {
            return s;
        }
        Evidence.Resource r = f.evidence.resource(def.cfnType, s.target, s.region);
        return r == null || r.time == null ? s : s.withCreatedAt(r.time);
    }

    private static Long eventTime(Step s, Evidence.Resource r, String wanted) {
        return s.createdAt != null ? s.createdAt : wanted.equals("modified") ? r.time : null;
    }

    /** What an audit line says about a skip reason. */
    static String explain(String skip) {
        switch (skip) {
            case "refused":
                return "a principal-wide deny applies to IAM users only; a role is contained by its"
                        + " sessions (revoke-role-sessions, deny-session)";
            case Provenance.NOT_CREATED:
                return "the finding does not say the principal created this resource";
            case "not-modified":
                return "the finding does not say the principal changed this resource";
            case "not-in-evidence":
                return "the finding does not tie this target to the principal";
            case "other-account":
                return "a linked identity in another account is contained there, not from here";
            case "never-act":
                return "the target is on the never-act list";
            default:
                return null;
        }
    }

    private static String provenance(FindingOrder f, Step s, Def def, String wanted) {
        Evidence.Resource r = f.evidence.resource(def.cfnType, s.target, s.region);
        if (r == null) {
            return "not-in-evidence";
        }
        boolean said = wanted.equals(r.provenance) && wanted.equals(s.provenance);
        // without the event's time nothing can be verified against AWS: refused
        if (!said || eventTime(s, r, wanted) == null) {
            return wanted.equals("created") ? Provenance.NOT_CREATED : "not-modified";
        }
        return null;
    }
}
