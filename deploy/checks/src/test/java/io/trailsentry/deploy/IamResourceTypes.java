package io.trailsentry.deploy;

import java.util.Map;

/**
 * Which IAM resource type each IAM action applies to (the service authorization reference's
 * "resource types" column, for the actions TrailSentry's policies name). A Deny whose resources are
 * all of another type never matches: PutUserPolicy on a role ARN protects nothing.
 */
final class IamResourceTypes {
    static final Map<String, String> BY_ACTION =
            Map.ofEntries(
                    Map.entry("iam:PutRolePolicy", "role"),
                    Map.entry("iam:GetRolePolicy", "role"),
                    Map.entry("iam:DeleteRolePolicy", "role"),
                    Map.entry("iam:AttachRolePolicy", "role"),
                    Map.entry("iam:UpdateAssumeRolePolicy", "role"),
                    Map.entry("iam:PutUserPolicy", "user"),
                    Map.entry("iam:DeleteUserPolicy", "user"),
                    Map.entry("iam:AttachUserPolicy", "user"),
                    Map.entry("iam:UpdateAccessKey", "user"),
                    Map.entry("iam:DeleteAccessKey", "user"),
                    Map.entry("iam:CreateAccessKey", "user"),
                    Map.entry("iam:GetAccessKeyLastUsed", "user"));

    private IamResourceTypes() {}

    /** The resource type of an IAM ARN ({@code arn:aws:iam::ACCOUNT:role/...} is "role"). */
    static String of(String arn) {
        String[] p = arn.split(":", 6);
        if (p.length < 6 || !p[2].equals("iam")) {
            return "not-iam";
        }
        int slash = p[5].indexOf('/');
        return slash < 0 ? p[5] : p[5].substring(0, slash);
    }

    /** The action's type, failing the check for an action the table does not know. */
    static String ofAction(String action) {
        String t = BY_ACTION.get(action);
        if (t == null) {
            throw new AssertionError(
                    action + " is not in IamResourceTypes: add the resource type it applies to");
        }
        return t;
    }
}
