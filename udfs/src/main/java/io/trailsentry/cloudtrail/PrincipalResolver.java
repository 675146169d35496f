package io.trailsentry.cloudtrail;

import io.trailsentry.principal.Principal;
import java.util.Locale;

/**
 * Normalises a CloudTrail {@code userIdentity} into the {@link Principal} that owns the activity,
 * or {@code null} for AWS service activity, which is not profiled as a principal.
 *
 * <p>Covers every documented {@code userIdentity.type}: Root, IAMUser, AssumedRole, Role,
 * FederatedUser, AWSAccount, AWSService, Directory, IdentityCenterUser, SAMLUser, WebIdentityUser
 * and Unknown; types CloudTrail may add later fall back to the ARN or principal id.
 */
public final class PrincipalResolver {
    private PrincipalResolver() {}

    public static Principal resolve(CloudTrailEvent e) {
        Principal p = resolveIdentity(e);
        if (p != null && e.userIdentity.principalId != null) {
            p.userId = e.userIdentity.principalId;
        }
        return p;
    }

    private static Principal resolveIdentity(CloudTrailEvent e) {
        UserIdentity u = e.userIdentity;
        if (u == null) {
            return null;
        }
        String account = firstNonEmpty(u.accountId, e.recipientAccountId, accountOf(u.arn));
        String type = u.type == null ? "Unknown" : u.type;
        if (isServicePrincipal(u)) {
            return null;
        }
        switch (type) {
            case "Root":
                return new Principal(account, "arn:aws:iam::" + account + ":root", type, null);
            case "IAMUser":
                return new Principal(
                        account,
                        firstNonEmpty(
                                u.arn,
                                u.userName == null
                                        ? null
                                        : "arn:aws:iam::" + account + ":user/" + u.userName,
                                "principal:" + u.principalId),
                        type,
                        null);
            case "AssumedRole":
                return assumedRole(account, u, type);
            case "FederatedUser":
                return new Principal(
                        account,
                        firstNonEmpty(u.arn, "principal:" + u.principalId),
                        type,
                        sessionPart(u.arn));
            default:
                return other(account, u, type);
        }
    }

    /**
     * AWS services acting on their own are not profiled. A record with {@code invokedBy} whose
     * identity is a principal (CloudFormation, Service Catalog or Auto Scaling acting with the
     * caller's credentials) is that principal's activity, done through the service.
     */
    static boolean isServicePrincipal(UserIdentity u) {
        return "AWSService".equals(u.type);
    }

    private static Principal assumedRole(String account, UserIdentity u, String type) {
        String session = sessionPart(u.arn);
        String roleArn = u.sessionIssuerArn;
        if (roleArn == null && u.arn != null && u.arn.contains(":assumed-role/")) {
            // arn:aws:sts::123:assumed-role/RoleName/session -> arn:aws:iam::123:role/RoleName
            String rest = u.arn.substring(u.arn.indexOf(":assumed-role/") + 14);
            int slash = rest.lastIndexOf('/');
            String role = slash < 0 ? rest : rest.substring(0, slash);
            roleArn = "arn:" + partition(u.arn) + ":iam::" + account + ":role/" + role;
        }
        if (roleArn == null) {
            roleArn = "principal:" + rolePartOfPrincipalId(u.principalId);
        }
        return new Principal(account, roleArn, type, session);
    }

    private static Principal other(String account, UserIdentity u, String type) {
        // Role, AWSAccount, Directory, IdentityCenterUser, SAMLUser, WebIdentityUser, Unknown...
        String id =
                firstNonEmpty(
                        u.arn,
                        u.principalId == null ? null : "principal:" + u.principalId,
                        u.userName == null
                                ? null
                                : type.toLowerCase(Locale.ROOT) + ":" + u.userName,
                        "unknown:" + type);
        return new Principal(account, id, type, null);
    }

    /** For AROAEXAMPLE:session, the role's unique id part, stable across sessions. */
    private static String rolePartOfPrincipalId(String principalId) {
        if (principalId == null) {
            return "unknown";
        }
        int colon = principalId.indexOf(':');
        return colon < 0 ? principalId : principalId.substring(0, colon);
    }

    private static String sessionPart(String arn) {
        if (arn == null) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        return slash < 0 ? null : arn.substring(slash + 1);
    }

    private static String partition(String arn) {
        String[] parts = arn.split(":", 3);
        return parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "aws";
    }

    private static String accountOf(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : null;
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
