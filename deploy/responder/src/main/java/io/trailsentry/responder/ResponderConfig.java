package io.trailsentry.responder;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the responder may do, read once from the Lambda's environment. Every default is the safe
 * one: dry-run, HIGH and above, no step disabled but none executed until dry-run is switched off.
 */
public final class ResponderConfig {
    public static final String DRY_RUN = "TRAILSENTRY_DRY_RUN";
    public static final String MIN_SEVERITY = "TRAILSENTRY_MIN_SEVERITY";
    public static final String DISABLED_ACTIONS = "TRAILSENTRY_DISABLED_ACTIONS";
    public static final String NEVER_ACT = "TRAILSENTRY_NEVER_ACT";
    public static final String ACCOUNTS = "TRAILSENTRY_ACCOUNTS";
    public static final String LEDGER_TABLE = "TRAILSENTRY_LEDGER_TABLE";
    public static final String ENDPOINT = "TRAILSENTRY_AWS_ENDPOINT";
    public static final String OWN_ROLE = "TRAILSENTRY_OWN_ROLE_ARN";
    public static final String DETECTOR_ROLE = "TRAILSENTRY_DETECTOR_ROLE_ARN";
    public static final String MEMBER_ROLE_NAME = "TRAILSENTRY_MEMBER_ROLE_NAME";
    public static final String MEMBER_EXTERNAL_ID = "TRAILSENTRY_MEMBER_EXTERNAL_ID";
    public static final String NOTIFY_TOPIC_ARN = "TRAILSENTRY_NOTIFY_TOPIC_ARN";
    public static final String MAX_CALLS_PER_STEP = Limits.MAX_CALLS_PER_STEP;
    public static final String MAX_CALLS_PER_FINDING = Limits.MAX_CALLS_PER_FINDING;
    public static final String MAX_CALLS_PER_INVOCATION = Limits.MAX_CALLS_PER_INVOCATION;
    public static final String TIME_MARGIN_SECONDS = Limits.TIME_MARGIN_SECONDS;
    public static final String SESSION_DENY_HOURS = Limits.SESSION_DENY_HOURS;

    /** Log the exact calls, send none that mutate. */
    public final boolean dryRun;

    /** OCSF severity_id below which a finding is only logged (4 = High). */
    public final int minSeverity;

    /** Action names (as in the response plan) never executed, e.g. {@code terminate-instance}. */
    public final Set<String> disabledActions;

    /**
     * Principals never acted on: exact ARNs or ARN patterns with {@code *}; always includes the
     * responder's and the detector's own roles when their ARNs are set.
     */
    public final List<String> neverAct;

    private final List<ArnPattern> neverActPatterns;

    /** Accounts the responder acts in; empty means only the finding's own account is checked. */
    public final Set<String> accounts;

    /** DynamoDB table that records completed steps; required unless dry-run. */
    public final String ledgerTable;

    /** Endpoint override for every AWS client (tests, VPC endpoints); null for the default. */
    public final URI endpoint;

    /** Caps on mutating calls, the time margin, how long a session deny lasts. */
    public final Limits limits;

    /** The responder's own account (from its role ARN), acted in directly; or null. */
    public final String ownAccount;

    /** The ARN partition of the responder's role ("aws" unless it says otherwise). */
    public final String partition;

    /** Role assumed in member accounts (name, may carry a path), or null: own account only. */
    public final String memberRoleName;

    /** External id the member role's trust policy requires, or null. */
    public final String memberExternalId;

    /** SNS topic told about every finding acted on, declined or planned; or null. */
    public final String notifyTopicArn;

    private ResponderConfig(Map<String, String> env) {
        this.dryRun = parseBoolean(env.getOrDefault(DRY_RUN, "true"));
        this.minSeverity = parseSeverity(env.getOrDefault(MIN_SEVERITY, "HIGH"));
        this.disabledActions =
                Collections.unmodifiableSet(new LinkedHashSet<>(list(env, DISABLED_ACTIONS)));
        for (String a : disabledActions) {
            if (!Actions.NAMES.contains(a)) {
                throw new IllegalArgumentException(
                        DISABLED_ACTIONS + ": unknown action '" + a + "'; known: " + Actions.NAMES);
            }
        }
        List<String> never = new ArrayList<>(list(env, NEVER_ACT));
        for (String own : new String[] {env.get(OWN_ROLE), env.get(DETECTOR_ROLE)}) {
            if (own != null && !own.isBlank()) {
                never.add(own.trim());
            }
        }
        this.neverAct = Collections.unmodifiableList(never);
        List<ArnPattern> patterns = new ArrayList<>();
        for (String p : never) {
            patterns.add(ArnPattern.of(p));
        }
        this.neverActPatterns = List.copyOf(patterns);
        this.accounts = Collections.unmodifiableSet(new LinkedHashSet<>(list(env, ACCOUNTS)));
        String table = env.get(LEDGER_TABLE);
        this.ledgerTable = table == null || table.isBlank() ? null : table.trim();
        if (!dryRun && ledgerTable == null) {
            throw new IllegalArgumentException(
                    LEDGER_TABLE
                            + " is required when "
                            + DRY_RUN
                            + "=false: without it a redelivered finding would mutate twice");
        }
        String endpoint = env.get(ENDPOINT);
        this.endpoint = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim());
        this.limits = new Limits(env);
        String own = value(env, OWN_ROLE);
        String[] arn = own == null ? null : own.split(":", 6);
        if (arn != null && (arn.length != 6 || !arn[4].matches("[0-9]{12}"))) {
            throw new IllegalArgumentException(OWN_ROLE + " is not a role ARN: '" + own + "'");
        }
        this.ownAccount = arn == null ? null : arn[4];
        this.partition = arn == null ? "aws" : arn[1];
        this.memberRoleName = value(env, MEMBER_ROLE_NAME);
        this.memberExternalId = value(env, MEMBER_EXTERNAL_ID);
        if (memberRoleName != null) {
            if (!memberRoleName.matches("([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}")) {
                throw new IllegalArgumentException(
                        MEMBER_ROLE_NAME + " is not a role name: '" + memberRoleName + "'");
            }
            if (accounts.isEmpty()) {
                throw new IllegalArgumentException(
                        ACCOUNTS
                                + " is required with "
                                + MEMBER_ROLE_NAME
                                + ": the member accounts the responder may act in");
            }
            if (ownAccount == null) {
                throw new IllegalArgumentException(
                        OWN_ROLE + " is required with " + MEMBER_ROLE_NAME + " (the own account)");
            }
        }
        if (memberExternalId != null && !memberExternalId.matches("[\\w+=,.@:/-]{2,1224}")) {
            throw new IllegalArgumentException(MEMBER_EXTERNAL_ID + " has characters STS refuses");
        }
        for (String a : accounts) {
            if (!a.matches("[0-9]{12}")) {
                throw new IllegalArgumentException(ACCOUNTS + ": not an account id: '" + a + "'");
            }
        }
        this.notifyTopicArn = value(env, NOTIFY_TOPIC_ARN);
        if (notifyTopicArn != null
                && !notifyTopicArn.matches("arn:[a-z-]+:sns:[a-z0-9-]+:[0-9]{12}:[\\w-]{1,256}")) {
            throw new IllegalArgumentException(
                    NOTIFY_TOPIC_ARN + " is not an SNS topic ARN: '" + notifyTopicArn + "'");
        }
    }

    private static String value(Map<String, String> env, String key) {
        String v = env.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The region of the notification topic. */
    String notifyRegion() {
        return notifyTopicArn == null ? null : notifyTopicArn.split(":")[3];
    }

    public static ResponderConfig fromEnv(Map<String, String> env) {
        return new ResponderConfig(env);
    }

    private static List<String> list(Map<String, String> env, String key) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : Arrays.asList(v.split(","))) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static boolean parseBoolean(String v) {
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException(
                        DRY_RUN + " must be true or false, not '" + v + "'");
        }
    }

    /** OCSF severity names or ids: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
    static int parseSeverity(String v) {
        String s = v.trim().toUpperCase(Locale.ROOT);
        List<String> names = List.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");
        int i = names.indexOf(s);
        if (i >= 0) {
            return i + 1;
        }
        if (s.matches("[1-5]")) {
            return Integer.parseInt(s);
        }
        throw new IllegalArgumentException(
                MIN_SEVERITY + " must be one of " + names + " or 1-5, not '" + v + "'");
    }

    /**
     * True when {@code arn} matches a never-act entry (see {@link ArnPattern}: whole ARN, {@code *}
     * any run, case ignored). A missing principal is never acted on.
     */
    public boolean isNeverAct(String arn) {
        if (arn == null) {
            return true;
        }
        for (ArnPattern p : neverActPatterns) {
            if (p.matches(arn)) {
                return true;
            }
        }
        return false;
    }
}
