package io.trailsentry.securityhub;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where findings go: the account and region the forwarder runs in, whose default Security Hub
 * product ({@code product/ACCOUNT/default}) receives them. BatchImportFindings with the default
 * product accepts findings of the calling account only.
 */
public final class ForwarderConfig {
    public static final String ACCOUNT = "TRAILSENTRY_ACCOUNT";
    public static final String REGION = "AWS_REGION";
    public static final String PARTITION = "TRAILSENTRY_PARTITION";

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,30}");

    public final String account;
    public final String region;
    public final String partition;

    public ForwarderConfig(String account, String region, String partition) {
        if (account == null || !ACCOUNT_ID.matcher(account).matches()) {
            throw new IllegalArgumentException(ACCOUNT + " must be a 12-digit account id");
        }
        if (region == null || !NAME.matcher(region).matches()) {
            throw new IllegalArgumentException(REGION + " must name a region");
        }
        if (partition == null || !NAME.matcher(partition).matches()) {
            throw new IllegalArgumentException(PARTITION + " must name a partition");
        }
        this.account = account;
        this.region = region;
        this.partition = partition;
    }

    public static ForwarderConfig fromEnv(Map<String, String> env) {
        return new ForwarderConfig(
                env.get(ACCOUNT), env.get(REGION), env.getOrDefault(PARTITION, "aws"));
    }

    /**
     * The account's default product: {@code
     * arn:aws:securityhub:REGION:ACCOUNT:product/ACCOUNT/default}.
     */
    public String productArn() {
        return "arn:"
                + partition
                + ":securityhub:"
                + region
                + ":"
                + account
                + ":product/"
                + account
                + "/default";
    }
}
