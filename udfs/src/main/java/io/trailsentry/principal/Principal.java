package io.trailsentry.principal;

import java.util.Objects;

/**
 * The identity all per-principal state hangs on. {@link #key} is {@code account|normalisedArn}: an
 * assumed role is keyed by its role ARN (every session of the role shares one baseline), with the
 * session name kept as an attribute.
 */
public class Principal {
    public String key;
    public String accountId;

    /** Normalised ARN: user, role, root, federated user, or a synthetic one for other types. */
    public String arn;

    /** The CloudTrail {@code userIdentity.type}. */
    public String type;

    /** The role session or federated user name, when there is one. */
    public String sessionName;

    /**
     * CloudTrail's {@code userIdentity.principalId}: for a role session {@code AROA…:sessionName},
     * the value IAM policies see as {@code aws:userid}, so containment can name one session.
     */
    public String userId;

    public Principal() {}

    public Principal(String accountId, String arn, String type, String sessionName) {
        this.accountId = accountId;
        this.arn = arn;
        this.type = type;
        this.sessionName = sessionName;
        this.key = (accountId == null ? "unknown" : accountId) + "|" + arn;
    }

    /**
     * The key an incident hangs on: the principal for users and every other identity, one session
     * for an assumed role. A role is shared by many sessions (CI runs, instances, people); the
     * thief is one of them, and routine work of the others must neither open nor join its incident.
     * Baselines stay per role ({@link #key}).
     */
    public String incidentKey() {
        return "AssumedRole".equals(type) && sessionName != null && !sessionName.isEmpty()
                ? key + "#" + sessionName
                : key;
    }

    /** The last path element of the ARN: user name, role name, "root". */
    public String shortName() {
        if (arn == null) {
            return "";
        }
        int slash = arn.lastIndexOf('/');
        int colon = arn.lastIndexOf(':');
        return arn.substring(Math.max(slash, colon) + 1);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Principal)) {
            return false;
        }
        Principal p = (Principal) o;
        return Objects.equals(key, p.key)
                && Objects.equals(accountId, p.accountId)
                && Objects.equals(arn, p.arn)
                && Objects.equals(type, p.type)
                && Objects.equals(sessionName, p.sessionName)
                && Objects.equals(userId, p.userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, sessionName);
    }

    @Override
    public String toString() {
        return key + (sessionName == null ? "" : " (session " + sessionName + ")");
    }
}
