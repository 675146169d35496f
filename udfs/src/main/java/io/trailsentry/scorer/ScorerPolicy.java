package io.trailsentry.scorer;

import java.io.Serializable;
import java.time.Duration;

/** The anomaly scorer's window and the scores at which a window becomes evidence or a signal. */
public final class ScorerPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Feature window of the anomaly scorer. */
    public final long scorerWindowMs;

    /** Windows the model must have seen before its scores raise signals (warm-up). */
    public final int scorerMinPoints;

    /**
     * A window scoring at least this is evidence (not counted); at least {@link
     * #scorerCountThreshold} a counted LOW signal; at least {@link #scorerAlertThreshold} MEDIUM.
     * Calibrated on the scenario suite (bench-windows): benign windows p99 0.568, p99.9 0.673, max
     * 0.875 (a capacity test, a first deploy: novel but benign), so the scorer alone counts only
     * beyond anything benign there.
     */
    public final double scorerThreshold;

    public final double scorerCountThreshold;
    public final double scorerAlertThreshold;

    private ScorerPolicy(Builder b) {
        this.scorerWindowMs = b.scorerWindowMs;
        this.scorerMinPoints = b.scorerMinPoints;
        this.scorerThreshold = b.scorerThreshold;
        this.scorerCountThreshold = b.scorerCountThreshold;
        this.scorerAlertThreshold = b.scorerAlertThreshold;
    }

    public static ScorerPolicy defaults() {
        return new Builder().build();
    }

    /** The knobs, with their defaults; JSON policy documents bind to these names. */
    public static final class Builder {
        public long scorerWindowMs = Duration.ofMinutes(5).toMillis();
        public int scorerMinPoints = 1024;
        public double scorerThreshold = 0.67;
        public double scorerCountThreshold = 0.90;
        public double scorerAlertThreshold = 0.95;

        public ScorerPolicy build() {
            if (scorerWindowMs <= 0 || scorerMinPoints < 0) {
                throw new IllegalArgumentException(
                        "scorerWindowMs must be positive and scorerMinPoints not negative");
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
