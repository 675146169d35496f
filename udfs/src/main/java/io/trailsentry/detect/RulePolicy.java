package io.trailsentry.detect;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Thresholds and lists the per-event detections read. */
public final class RulePolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** An autoscaling request for at least this many instances is large. */
    public final int largeCapacity;

    /** A RunInstances/fleet/spot count or ECS desired/task count this large is large. */
    public final int largeCount;

    /** Distinct read-only APIs and services within the enumeration window that make a burst. */
    public final int enumerationApis;

    public final int enumerationServices;
    public final long enumerationWindowMs;

    /** AccessDenied/Unauthorized errors within the window that make a burst. */
    public final int accessDeniedBurst;

    public final long accessDeniedWindowMs;

    /**
     * After an enumeration or AccessDenied burst is reported, the same burst is quiet this long.
     */
    public final long reconCooldownMs;

    /** After novelty of a principal's source is reported, further novelty is quiet this long. */
    public final long noveltyQuietMs;

    /**
     * An enumeration storm: this many distinct read-only APIs across {@code stormServices} services
     * within the enumeration window (at most 32, the window's memory), together with an
     * AccessDenied burst or {@code stormSources} source prefixes.
     */
    public final int stormApis;

    public final int stormServices;
    public final int stormSources;

    /**
     * Compute at scale: estimated vCPUs or accelerators requested within {@code
     * computeScaleWindowMs} (all paths together), reported when also {@code computeScaleGrowth}
     * times the principal's largest window on earlier days.
     */
    public final int largeScaleVcpus;

    public final int largeScaleGpus;
    public final long computeScaleWindowMs;
    public final int computeScaleGrowth;

    /** Distinct secrets or parameters read within the window that make a bulk read. */
    public final int credentialReadBurst;

    public final long credentialReadWindowMs;

    /**
     * Accounts the organisation shares with and trusts (backup, logging, partner accounts): shares,
     * trust policies and layers naming only these are not exposure.
     */
    public final List<String> trustedAccounts;

    /** Registry prefixes whose images are approved (the account's own ECR always is). */
    public final List<String> approvedRegistries;

    /** Regions the organisation uses; compute elsewhere is suspicious. Empty: use baselines. */
    public final List<String> expectedRegions;

    /**
     * Cold start (TS-AN-002): an immature principal's hour is far beyond its population on a count
     * (distinct services, APIs, errors, sources) at least this floor and {@code outlierGrowth}
     * times the population's 99th percentile.
     */
    public final int outlierServices;

    public final int outlierApis;
    public final int outlierErrors;
    public final int outlierSources;
    public final int outlierGrowth;

    /** Closed hours of mature principals (of a kind) before a population's histograms count. */
    public final int populationMinHours;

    /** Mature principals before an account's (or the organisation's) habits count. */
    public final int populationMinPrincipals;

    private RulePolicy(Builder b) {
        this.largeCapacity = b.largeCapacity;
        this.largeCount = b.largeCount;
        this.enumerationApis = b.enumerationApis;
        this.enumerationServices = b.enumerationServices;
        this.enumerationWindowMs = b.enumerationWindowMs;
        this.accessDeniedBurst = b.accessDeniedBurst;
        this.accessDeniedWindowMs = b.accessDeniedWindowMs;
        this.reconCooldownMs = b.reconCooldownMs;
        this.noveltyQuietMs = b.noveltyQuietMs;
        this.stormApis = b.stormApis;
        this.stormServices = b.stormServices;
        this.stormSources = b.stormSources;
        this.largeScaleVcpus = b.largeScaleVcpus;
        this.largeScaleGpus = b.largeScaleGpus;
        this.computeScaleWindowMs = b.computeScaleWindowMs;
        this.computeScaleGrowth = b.computeScaleGrowth;
        this.credentialReadBurst = b.credentialReadBurst;
        this.credentialReadWindowMs = b.credentialReadWindowMs;
        this.trustedAccounts = List.copyOf(Arrays.asList(b.trustedAccounts));
        this.approvedRegistries = List.copyOf(Arrays.asList(b.approvedRegistries));
        this.expectedRegions = List.copyOf(Arrays.asList(b.expectedRegions));
        this.outlierServices = b.outlierServices;
        this.outlierApis = b.outlierApis;
        this.outlierErrors = b.outlierErrors;
        this.outlierSources = b.outlierSources;
        this.outlierGrowth = b.outlierGrowth;
        this.populationMinHours = b.populationMinHours;
        this.populationMinPrincipals = b.populationMinPrincipals;
    }

    public static RulePolicy defaults() {
        return new Builder().build();
    }

    /** The knobs, with their defaults; JSON policy documents bind to these names. */
    public static final class Builder {
        public int largeCapacity = 20;
        public int largeCount = 10;
        public int enumerationApis = 10;
        public int enumerationServices = 3;
        public long enumerationWindowMs = Duration.ofMinutes(5).toMillis();
        public int accessDeniedBurst = 10;
        public long accessDeniedWindowMs = Duration.ofMinutes(5).toMillis();
        public long reconCooldownMs = Duration.ofMinutes(15).toMillis();
        public long noveltyQuietMs = Duration.ofHours(1).toMillis();
        public int stormApis = 30;
        public int stormServices = 8;
        public int stormSources = 3;
        public int largeScaleVcpus = 256;
        public int largeScaleGpus = 16;
        public long computeScaleWindowMs = Duration.ofHours(1).toMillis();
        public int computeScaleGrowth = 4;
        public int credentialReadBurst = 5;
        public long credentialReadWindowMs = Duration.ofMinutes(10).toMillis();
        public String[] trustedAccounts = new String[0];
        public String[] approvedRegistries = new String[0];
        public String[] expectedRegions = new String[0];
        public int outlierServices = 8;
        public int outlierApis = 20;
        public int outlierErrors = 10;
        public int outlierSources = 3;
        public int outlierGrowth = 4;
        public int populationMinHours = 24;
        public int populationMinPrincipals = 3;

        public RulePolicy build() {
            if (largeCapacity < 1
                    || largeCount < 1
                    || enumerationApis < 1
                    || accessDeniedBurst < 1) {
                throw new IllegalArgumentException(
                        "largeCapacity, largeCount, enumerationApis and accessDeniedBurst must be"
                                + " at least 1");
            }
            if (stormApis < enumerationApis
                    || stormApis > 32
                    || stormSources < 2
                    || stormSources > 4) {
                throw new IllegalArgumentException(
                        "stormApis must be from enumerationApis to 32, stormSources 2 to 4 (the"
                                + " windows' memory)");
            }
            if (largeScaleVcpus < 1
                    || largeScaleGpus < 1
                    || computeScaleGrowth < 1
                    || computeScaleWindowMs <= 0) {
                throw new IllegalArgumentException(
                        "largeScaleVcpus, largeScaleGpus and computeScaleGrowth must be at least"
                                + " 1, computeScaleWindowMs positive");
            }
            if (accessDeniedBurst > 16) {
                throw new IllegalArgumentException(
                        "accessDeniedBurst must be at most 16 (the denial window's memory)");
            }
            if (credentialReadBurst < 2 || credentialReadBurst > 16) {
                throw new IllegalArgumentException("credentialReadBurst must be 2 to 16");
            }
            if (enumerationWindowMs <= 0
                    || accessDeniedWindowMs <= 0
                    || credentialReadWindowMs <= 0) {
                throw new IllegalArgumentException("rule windows must be positive");
            }
            if (outlierServices < 1
                    || outlierApis < 1
                    || outlierErrors < 1
                    || outlierSources < 1
                    || outlierGrowth < 1
                    || populationMinHours < 1
                    || populationMinPrincipals < 1) {
                throw new IllegalArgumentException(
                        "outlier floors, outlierGrowth, populationMinHours and"
                                + " populationMinPrincipals must be at least 1");
            }
            if (reconCooldownMs < 0 || noveltyQuietMs < 0) {
                throw new IllegalArgumentException("quiet periods must not be negative");
            }
            return new RulePolicy(this);
        }
    }
}
