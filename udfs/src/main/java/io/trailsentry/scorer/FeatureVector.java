package io.trailsentry.scorer;

import io.trailsentry.principal.Principal;
import java.util.Arrays;
import java.util.Objects;

/** A closed feature window of one principal, normalised to about [0, 1] per feature. */
public class FeatureVector {
    /** Feature names, in vector order (for attributions in findings). */
    public static final String[] NAMES = {
        "events",
        "distinct APIs",
        "distinct services",
        "distinct regions",
        "error rate",
        "access denied",
        "write rate",
        "compute calls",
        "IAM writes",
        "APIs new to the principal",
        "regions new to the principal",
        "sources new to the principal",
        "unusual hour"
    };

    public Principal principal;
    public long windowStart;
    public long windowEnd;
    public double[] features;

    /** The window's last event: where a signal about it is placed. */
    public String eventId;

    public long eventTime;
    public String region;
    public String accessKeyId;

    /**
     * Whether the principal's baseline was mature when the window closed: the novelty features of a
     * principal without history are high by construction, so its windows are evidence only.
     */
    public boolean baselineMature;

    public FeatureVector() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeatureVector)) {
            return false;
        }
        FeatureVector v = (FeatureVector) o;
        return windowStart == v.windowStart
                && Objects.equals(principal, v.principal)
                && Arrays.equals(features, v.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principal, windowStart);
    }
}
