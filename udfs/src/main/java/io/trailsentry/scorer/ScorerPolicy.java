package io.trailsentry.scorer;

import java.io.Serializable;
import java.time.Duration;

/** The anomaly scorer's window and the scores at which a window becomes evidence or a signal. */
public final class ScorerPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Feature window of the anomaly scorer. */
    public final long scorerWindowMs;

    /**
     * Windows a model must hold before its scores raise signals (warm-up): by default the trees'
     * resolution ({@code OnlineIsolationForest.DEFAULT_RESOLUTION}), the points an iForest tree is
     * built on, below which a tree cannot reach its depth.
     */
    public final int scorerMinPoints;

    /**
     * A window scoring at least this is evidence (not counted); at least {@link
     * #scorerCountThreshold} a counted LOW signal; at least {@link #scorerAlertThreshold} MEDIUM.
     * Calibrated on the scenario suite (bench-windows, per model shard, after each shard's warm-up;
     * 13,894 windows, with docs/benchmarks.md's fifth pass of issue 18: the split-feature draw by
     * mass and by extent in interquartile ranges, each tree's path against its own points' mean
     * path, and the harmonic mean over the trees): benign windows p99 0.712, p99.9 0.837, max 0.903
     * (novel but benign windows), so the scorer alone counts only beyond anything benign there.
     */
    public final double scorerThreshold;

    public final double scorerCountThreshold;
    public final double scorerAlertThreshold;

    /**
     * Models the scorer keeps, whatever the job's parallelism: a principal's windows always go to
     * model {@link #shardOf(String) shardOf(principal)}, so which principals share a model, and so
     * every score, is the same at any parallelism and across a rescale. Memory is this many models
     * (each fixed in size), spread over the parallel instances. Changing it re-deals the principals
     * (and starts the re-dealt models cold).
     */
    public final int scorerShards;

    private ScorerPolicy(Builder b) {
        this.scorerWindowMs = b.scorerWindowMs;
        this.scorerMinPoints = b.scorerMinPoints;
        this.scorerThreshold = b.scorerThreshold;
        this.scorerCountThreshold = b.scorerCountThreshold;
        this.scorerAlertThreshold = b.scorerAlertThreshold;
        this.scorerShards = b.scorerShards;
    }

    /**
     * The model shard of a principal: a fixed mix of its key's {@link String#hashCode()} (defined
     * by the language, so the same on every JVM), modulo {@link #scorerShards}.
     */
    public int shardOf(String principalKey) {
        long h = principalKey.hashCode() * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return (int) Math.floorMod(h, (long) scorerShards);
    }

    public static ScorerPolicy defaults() {
        return new Builder().build();
    }

    /** The knobs, with their defaults; JSON policy documents bind to these names. */
    public static final class Builder {
        public long scorerWindowMs = Duration.ofMinutes(5).toMillis();
        public int scorerMinPoints = OnlineIsolationForest.DEFAULT_RESOLUTION;
        public double scorerThreshold = 0.84;
        public double scorerCountThreshold = 0.91;
        public double scorerAlertThreshold = 0.96;
        public int scorerShards = 4;

        public ScorerPolicy build() {
            if (scorerWindowMs <= 0 || scorerMinPoints < 0) {
                throw new IllegalArgumentException(
                        "scorerWindowMs must be positive and scorerMinPoints not negative");
            }
            if (scorerShards < 1 || scorerShards > 1024) {
                throw new IllegalArgumentException("scorerShards must be within 1..1024");
            }
            if (!(scorerThreshold <= scorerCountThreshold
                    && scorerCountThreshold <= scorerAlertThreshold)) {
                throw new IllegalArgumentException(
                        "scorer thresholds must rise: scorerThreshold <= scorerCountThreshold <="
                                + " scorerAlertThreshold");
            }
            return new ScorerPolicy(this);
        }
    }
}
