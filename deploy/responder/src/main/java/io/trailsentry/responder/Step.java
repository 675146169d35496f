package io.trailsentry.responder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.TreeSet;

/** One step of a finding's response plan, as the detector wrote it. */
public final class Step {
    public final int order;
    public final String phase;
    public final String action;
    public final String target;
    public final String region;

    /** "created" or "modified" for resource steps, else null. */
    public final String provenance;

    /** Epoch ms of the CloudTrail event that created (or changed) the target, or null. */
    public final Long createdAt;

    /** ECS cluster and service names (never ARNs), launch template name and version, or null. */
    public final String cluster;

    public final String service;
    public final String template;
    public final String version;

    /** The attacker sessions' {@code aws:userid} values ({@code deny-session}), else empty. */
    public final List<String> userIds;

    Step(Builder b) {
        this.order = b.order;
        this.phase = b.phase;
        this.action = b.action;
        this.target = b.target;
        this.region = b.region;
        this.provenance = b.provenance;
        this.createdAt = b.createdAt;
        this.cluster = b.cluster;
        this.service = b.service;
        this.template = b.template;
        this.version = b.version;
        this.userIds = List.copyOf(b.userIds);
    }

    /**
     * This step with the time of the event it answers (from the evidence when the plan has none).
     */
    Step withCreatedAt(long millis) {
        Builder b = new Builder();
        b.order = order;
        b.phase = phase;
        b.action = action;
        b.target = target;
        b.region = region;
        b.provenance = provenance;
        b.createdAt = millis;
        b.cluster = cluster;
        b.service = service;
        b.template = template;
        b.version = version;
        b.userIds = userIds;
        return b.build();
    }

    /**
     * Ledger key part: the same step of any later version of the finding is the same. A session
     * deny names its sessions: a later version that adds a session is a new step.
     */
    public String key() {
        String k = action + "|" + target + "|" + (region == null ? "" : region);
        return userIds.isEmpty() ? k : k + "|" + digest(String.join(",", new TreeSet<>(userIds)));
    }

    static String digest(String s) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", d[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fields as read from the plan. */
    static final class Builder {
        int order;
        String phase;
        String action;
        String target;
        String region;
        String provenance;
        Long createdAt;
        String cluster;
        String service;
        String template;
        String version;
        List<String> userIds = List.of();

        Step build() {
            return new Step(this);
        }
    }
}
