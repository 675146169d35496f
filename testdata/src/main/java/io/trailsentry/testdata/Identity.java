package io.trailsentry.testdata;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Who makes a call: renders a real-shape CloudTrail {@code userIdentity}. */
public final class Identity {
    public final String type;
    public final String accountId;
    public final String name;

    /** IAM user or role path name (role name for assumed roles). */
    public final String principalId;

    public final String accessKeyId;

    /** Role session name for assumed roles. */
    public final String sessionName;

    private Identity(
            String type,
            String accountId,
            String name,
            String principalId,
            String accessKeyId,
            String sessionName) {
        this.type = type;
        this.accountId = accountId;
        this.name = name;
        this.principalId = principalId;
        this.accessKeyId = accessKeyId;
        this.sessionName = sessionName;
    }

    public static Identity iamUser(String account, String userName, Rng rng) {
        return new Identity(
                "IAMUser",
                account,
                userName,
                "AIDA" + rng.upperAlnum(17),
                "AKIA" + rng.upperAlnum(16),
                null);
    }

    public static Identity assumedRole(String account, String roleName, String session, Rng rng) {
        return new Identity(
                "AssumedRole",
                account,
                roleName,
                "AROA" + rng.upperAlnum(17),
                "ASIA" + rng.upperAlnum(16),
                session);
    }

    /** The same role with another session name. */
    public Identity withSession(String session, Rng rng) {
        return new Identity(
                type, accountId, name, principalId, "ASIA" + rng.upperAlnum(16), session);
    }

    /** The principal key TrailSentry derives from this identity. */
    public String principalKey() {
        return accountId + "|" + principalArn();
    }

    public String principalArn() {
        switch (type) {
            case "IAMUser":
                return "arn:aws:iam::" + accountId + ":user/" + name;
            case "AssumedRole":
                return "arn:aws:iam::" + accountId + ":role/" + name;
            default:
                return "arn:aws:iam::" + accountId + ":root";
        }
    }

    public ObjectNode toJson(long sessionStart) {
        ObjectNode u = JsonNodeFactory.instance.objectNode();
        u.put("type", type);
        switch (type) {
            case "IAMUser":
                u.put("principalId", principalId);
                u.put("arn", principalArn());
                u.put("accountId", accountId);
                u.put("accessKeyId", accessKeyId);
                u.put("userName", name);
                break;
            case "AssumedRole":
                u.put("principalId", principalId + ":" + sessionName);
                u.put(
                        "arn",
                        "arn:aws:sts::" + accountId + ":assumed-role/" + name + "/" + sessionName);
                u.put("accountId", accountId);
                u.put("accessKeyId", accessKeyId);
                ObjectNode ctx = u.putObject("sessionContext");
                ObjectNode issuer = ctx.putObject("sessionIssuer");
                issuer.put("type", "Role");
                issuer.put("principalId", principalId);
                issuer.put("arn", principalArn());
                issuer.put("accountId", accountId);
                issuer.put("userName", name);
                ctx.putObject("webIdFederationData");
                ObjectNode attrs = ctx.putObject("attributes");
                attrs.put("creationDate", Times.iso(sessionStart));
                attrs.put("mfaAuthenticated", "false");
                break;
            default:
                u.put("principalId", accountId);
                u.put("arn", principalArn());
                u.put("accountId", accountId);
                u.put("accessKeyId", accessKeyId);
                break;
        }
        return u;
    }
}
