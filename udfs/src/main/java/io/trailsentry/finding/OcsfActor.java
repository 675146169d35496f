package io.trailsentry.finding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.incident.Finding;
import io.trailsentry.principal.Principal;

/**
 * {@code actor}: the principal as {@code actor.user} (ARN, name, CloudTrail identity type, account,
 * the access keys used as {@code programmatic_credentials}) and, for an assumed role, the thief's
 * session as {@code actor.session}.
 */
final class OcsfActor {
    private OcsfActor() {}

    static void write(ObjectNode actor, Finding f) {
        Principal p = f.principal;
        String key = f.accessKeyIds.length > 0 ? f.accessKeyIds[0] : null;
        boolean role = "AssumedRole".equals(p.type);
        ObjectNode user = actor.putObject("user");
        user.put("uid", p.arn);
        user.put("name", p.shortName());
        if (p.type != null) {
            user.put("type_id", OcsfWriter.OTHER);
            user.put("type", p.type);
        }
        String roleId = role && p.userId != null ? p.userId.split(":", 2)[0] : p.userId;
        OcsfWriter.putIfSet(user, "uid_alt", roleId);
        OcsfWriter.account(user.putObject("account"), p.accountId);
        ArrayNode keys = user.putArray("programmatic_credentials");
        for (String k : f.accessKeyIds) {
            ObjectNode credential = accessKey(keys.addObject(), k);
            long used = OcsfEvidence.lastUsed(f, k);
            if (used > 0) {
                credential.put("last_used_time", used);
            }
        }
        if (role && p.sessionName != null) {
            ObjectNode session = actor.putObject("session");
            OcsfWriter.putIfSet(session, "uid", p.userId);
            OcsfWriter.putIfSet(session, "uid_alt", stsSessionArn(p));
            session.put("issuer", p.arn);
            OcsfWriter.putIfSet(session, "credential_uid", key);
        }
    }

    /**
     * {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} of a role ARN {@code
     * arn:PARTITION:iam::ACCOUNT:role/PATH/ROLE}, or null when the ARN is not a role's.
     */
    static String stsSessionArn(Principal p) {
        String arn = p.arn;
        int role = arn == null ? -1 : arn.indexOf(":role/");
        if (role < 0 || !arn.startsWith("arn:")) {
            return null;
        }
        String partition = arn.substring(4, arn.indexOf(':', 4));
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return "arn:"
                + partition
                + ":sts::"
                + p.accountId
                + ":assumed-role/"
                + name
                + "/"
                + p.sessionName;
    }

    /**
     * An access key as OCSF 1.6 {@code programmatic_credential} ({@code user.credential_uid} is
     * deprecated since 1.6): {@code AKIA…} long-lived, {@code ASIA…} temporary (a session's).
     */
    static ObjectNode accessKey(ObjectNode credential, String keyId) {
        credential.put("uid", keyId);
        credential.put(
                "type", keyId.startsWith("ASIA") ? "AWS temporary access key" : "AWS access key");
        return credential;
    }
}
