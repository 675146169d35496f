package io.trailsentry.responder;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The clients a finding's account is acted on with. The responder's own account uses the Lambda's
 * credentials; a member account of the organisation (only one on the allow-list) is reached by STS
 * AssumeRole into {@code TRAILSENTRY_MEMBER_ROLE_NAME} there, with the external id when one is
 * configured. Assumed clients are kept for one invocation, then closed.
 */
final class AccountClients {
    /** Assumed-role credentials outlive the longest Lambda invocation (15 min). */
    static final int SESSION_SECONDS = 900;

    static final String SESSION_NAME = "trailsentry-responder";

    private final AwsClients central;
    private final ResponderConfig config;
    private final Map<String, AwsClients> members = new HashMap<>();

    AccountClients(AwsClients central, ResponderConfig config) {
        this.central = central;
        this.config = config;
    }

    /** The clients for {@code account}; refuses an account not on the allow-list. */
    AwsClients forAccount(String account) {
        if (config.ownAccount == null || config.ownAccount.equals(account)) {
            return central;
        }
        if (config.memberRoleName == null) {
            throw new IllegalStateException(
                    "finding in account " + account + " but no member role is configured");
        }
        if (!config.accounts.contains(account)) {
            throw new IllegalStateException("account " + account + " is not on the allow-list");
        }
        return members.computeIfAbsent(account, this::assume);
    }

    private AwsClients assume(String account) {
        String roleArn =
                "arn:" + config.partition + ":iam::" + account + ":role/" + config.memberRoleName;
        AssumeRoleResponse r =
                central.sts()
                        .assumeRole(
                                b -> {
                                    b.roleArn(roleArn)
                                            .roleSessionName(SESSION_NAME)
                                            .durationSeconds(SESSION_SECONDS);
                                    if (config.memberExternalId != null) {
                                        b.externalId(config.memberExternalId);
                                    }
                                });
        Credentials c = r.credentials();
        return central.with(
                StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(
                                c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
    }

    /** Ends the invocation: member clients closed, the next invocation assumes afresh. */
    void reset() {
        for (AwsClients c : members.values()) {
            c.close();
        }
        members.clear();
    }
}
