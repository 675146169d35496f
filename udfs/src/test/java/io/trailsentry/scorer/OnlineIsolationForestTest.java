package io.trailsentry.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OnlineIsolationForestTest {
    static double[] gaussian(Random r, int d, double mean) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = mean + r.nextGaussian();
        }
        return x;
    }

    static OnlineIsolationForest trained(long seed, int points) {
        OnlineIsolationForest f = new OnlineIsolationForest(4, 16, 512, 32, 1, seed);
        Random r = new Random(1);
        for (int i = 0; i < points; i++) {
            f.learn(gaussian(r, 4, 0));
        }
        return f;
    }

    @Test
    void theSameSeedGivesTheSameScoresAnotherSeedDoesNot() {
        OnlineIsolationForest a = trained(7, 2_000);
        OnlineIsolationForest b = trained(7, 2_000);
        OnlineIsolationForest c = trained(8, 2_000);
        double[] probe = {0.5, -1, 2, 0};
        assertThat(a.score(probe)).isEqualTo(b.score(probe));
        assertThat(a.score(probe)).isNotEqualTo(c.score(probe));
    }

    @Test
    void theScoresDoNotDependOnAFeaturesUnits() {
        // both split-feature draws are free of units: by mass (shares of points) and by extent in
        // the feature's interquartile range; scaled by powers of two, every float operation scales
        // exactly, so the two models must agree to the last bit, through the window's refreshes
        OnlineIsolationForest a = OnlineIsolationForest.withDefaults(5, 11);
        OnlineIsolationForest b = OnlineIsolationForest.withDefaults(5, 11);
        double[] unit = {1024, 1, 1.0 / 64, 4, 8};
        Random r = new Random(12);
        int extentTrees = 0;
        for (OnlineTree t : a.trees) {
            extentTrees += t.drawsByExtent() ? 1 : 0;
        }
        assertThat(extentTrees).isEqualTo(a.trees.length / 2);
        for (int i = 0; i < 6_000; i++) {
            double[] x = gaussian(r, 5, 0);
            x[1] = Math.exp(2 * x[1]); // a long tail
            x[4] = Math.floor(Math.exp(x[4])); // integer-valued, long-tailed
            x[3] = r.nextInt(10) == 0 ? Math.exp(x[3]) : 0; // mostly 0: no interquartile range
            double[] y = x.clone();
            for (int f = 0; f < 5; f++) {
                y[f] *= unit[f];
            }
            assertThat(b.score(y)).as("point %d", i).isEqualTo(a.score(x));
            a.learn(x);
            b.learn(y);
        }
    }

    @Test
    void aFeatureMostlyAtOneValueIsMeasuredInAWiderCentralIntervalNotItsRange() {
        OnlineIsolationForest f = OnlineIsolationForest.withDefaults(2, 5);
        Random r = new Random(6);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 4_096; i++) {
            double[] x = gaussian(r, 2, 0);
            // 1 in 8 nonzero, with a long tail: the middle half is 0
            x[1] = r.nextInt(8) == 0 ? 1 + Math.exp(2 * x[1]) : 0;
            lo = Math.min(lo, x[1]);
            hi = Math.max(hi, x[1]);
            f.learn(x);
        }
        // the middle 15/16 has width (1 in 8 is nonzero): a few units, in interquartile ranges
        assertThat(f.spread(1)).isPositive().isLessThan((float) (hi - lo) / 4);
        assertThat(f.spread(0)).isBetween(1.2f, 1.5f); // a normal's interquartile range, 1.35
    }

    @Test
    void outliersScoreHigherThanInliers() {
        OnlineIsolationForest f = trained(3, 3_000);
        double inlier = f.score(new double[] {0, 0, 0, 0});
        double outlier = f.score(new double[] {6, -6, 6, 6});
        assertThat(outlier).isGreaterThan(inlier + 0.15);
        assertThat(outlier).isLessThanOrEqualTo(1.0);
        assertThat(inlier).isGreaterThan(0.0);
    }

    @Test
    void aPointBeyondTheLearnedRangeOnAFewFeaturesIsIsolated() {
        OnlineIsolationForest f = OnlineIsolationForest.withDefaults(13, 1);
        Random r = new Random(1);
        for (int i = 0; i < 1_500; i++) {
            double[] v = new double[13];
            for (int k = 0; k < 13; k++) {
                v[k] = Math.abs(r.nextGaussian()) * 0.05;
            }
            f.learn(v);
        }
        // above every window like the learned ones
        double highest = 0;
        for (int i = 0; i < 1_000; i++) {
            double[] v = new double[13];
            for (int k = 0; k < 13; k++) {
                v[k] = Math.abs(r.nextGaussian()) * 0.05;
            }
            highest = Math.max(highest, f.score(v));
        }
        double[] x = new double[13];
        java.util.Arrays.fill(x, 0.034); // every feature at its median
        x[7] = 5;
        x[9] = 5;
        assertThat(f.score(x)).isGreaterThan(highest + 0.1);
    }

    @Test
    void oldPointsStopInfluencingScoresOnceForgotten() {
        OnlineIsolationForest f = new OnlineIsolationForest(4, 16, 512, 32, 1, 5);
        Random r = new Random(2);
        for (int i = 0; i < 512; i++) {
            f.learn(gaussian(r, 4, 0));
        }
        double[] oldRegion = {0, 0, 0, 0};
        double whileKnown = f.score(oldRegion);
        for (int i = 0; i < 512; i++) {
            f.learn(gaussian(r, 4, 20)); // a full window elsewhere: region 0 is forgotten
        }
        assertThat(f.size()).isEqualTo(512);
        assertThat(f.score(oldRegion)).isGreaterThan(whileKnown + 0.15);
        assertThat(f.score(new double[] {20, 20, 20, 20})).isLessThan(f.score(oldRegion));
    }

    /**
     * ROC-AUC of {@code scores} for {@code outlier} labels (the rank-sum statistic, ties halved).
     */
    static double auc(double[] scores, boolean[] outlier) {
        double pairs = 0;
        double wins = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!outlier[i]) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (!outlier[j]) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    @Test
    void outliersStayIsolatedWhileTheDataDriftsAway() {
        // the mean moves one standard deviation per window: every old split is left behind
        int d = 6;
        int window = 1024;
        OnlineIsolationForest f = new OnlineIsolationForest(d, 32, window, 32, 1, 21);
        Random r = new Random(6);
        int n = 40_000;
        int warm = 2 * window;
        double[] scores = new double[n - warm];
        boolean[] outlier = new boolean[n - warm];
        for (int i = 0; i < n; i++) {
            double mean = i / (double) window;
            double[] x = gaussian(r, d, mean);
            boolean planted = r.nextDouble() < 0.01;
            if (planted) {
                x[r.nextInt(d)] += (r.nextBoolean() ? 1 : -1) * (4 + 2 * r.nextDouble());
            }
            if (i >= warm) {
                scores[i - warm] = f.score(x);
                outlier[i - warm] = planted;
            }
            f.learn(x);
        }
        assertThat(auc(scores, outlier)).isGreaterThan(0.9);
    }

    @Test
    void snapshotAndRestoreGiveIdenticalScoresAndLearning() {
        OnlineIsolationForest f = trained(11, 1_500);
        OnlineIsolationForest g = OnlineIsolationForest.fromBytes(f.toBytes());
        Random r = new Random(9);
        for (int i = 0; i < 1_000; i++) {
            double[] x = gaussian(r, 4, i % 50 == 0 ? 4 : 0);
            assertThat(g.score(x)).isEqualTo(f.score(x));
            f.learn(x);
            g.learn(x);
        }
        assertThat(g.toBytes()).isEqualTo(f.toBytes());
        assertThatThrownBy(() -> OnlineIsolationForest.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attributionSumsToTheScoreAndPointsAtThePlantedFeature() {
        OnlineIsolationForest f = new OnlineIsolationForest(5, 32, 1024, 64, 1, 13);
        Random r = new Random(4);
        for (int i = 0; i < 3_000; i++) {
            f.learn(gaussian(r, 5, 0));
        }
        double[] high = new double[5];
        double[] low = new double[5];
        double[] shifted = {0, 0, 0, 8, 0};
        double s = f.scoreAndAttribute(shifted, high, low);
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += high[i] + low[i];
        }
        assertThat(sum).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-9));
        for (int i = 0; i < 5; i++) {
            if (i != 3) {
                assertThat(high[3]).isGreaterThan(high[i] + low[i]);
            }
        }
        assertThat(high[3]).isGreaterThan(low[3]);
        double[] sunk = {0, -8, 0, 0, 0};
        f.scoreAndAttribute(sunk, high, low);
        assertThat(low[1]).isGreaterThan(high[1]);
    }

    /** Routes every window point through {@code t} and counts how many reach each node. */
    /** The nodes reachable from the root. */
    static java.util.List<Integer> liveNodes(OnlineTree t) {
        java.util.List<Integer> live = new java.util.ArrayList<>();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(java.util.List.of(0));
        while (!todo.isEmpty()) {
            int n = todo.pop();
            live.add(n);
            if (t.feature[n] >= 0) {
                todo.push((int) t.child[n]);
                todo.push(t.child[n] + 1);
            }
        }
        return live;
    }

    static int[] routedCounts(OnlineTree t, float[] window, int size, int dims) {
        int[] reached = new int[t.count.length];
        for (int i = 0; i < size; i++) {
            int n = 0;
            while (true) {
                reached[n]++;
                if (t.feature[n] < 0) {
                    break;
                }
                n = window[i * dims + t.feature[n]] < t.split[n] ? t.child[n] : t.child[n] + 1;
            }
        }
        return reached;
    }

    @Test
    void everyNodeCountsExactlyTheWindowPointsThatReachIt() {
        int dims = 3;
        int window = 600;
        OnlineTree t = new OnlineTree(dims, 64, window, 17);
        float[] points = new float[window * dims];
        float[] lo = new float[dims];
        float[] hi = new float[dims];
        Random r = new Random(3);
        int size = 0;
        for (int i = 0; i < 5_000; i++) {
            int slot = i % window;
            if (size == window) {
                t.forget(points, slot * dims, window);
            } else {
                size++;
            }
            double centre =
                    i < 2_500 ? 0 : 30; // drift: the first region is forgotten, subtrees merge
            for (int f = 0; f < dims; f++) {
                // integer-valued, like cover's features, so many points share a value
                points[slot * dims + f] = (float) Math.rint(centre + 4 * r.nextGaussian());
            }
            t.learn(points, slot * dims, window, size, lo, hi, new int[dims], new long[window]);
            if (i % 250 == 0 || i == 4_999) {
                int[] reached = routedCounts(t, points, size, dims);
                for (int n : liveNodes(t)) {
                    assertThat(t.count[n])
                            .as("node %d after %d points", n, i)
                            .isEqualTo(reached[n]);
                }
                assertThat(t.pathSum)
                        .as("path sum kept as counts change, after %d points", i)
                        .isEqualTo(t.pathSumOfPool(0));
            }
        }
    }

    @Test
    void splitsFallBetweenTheLeafsPointsNeverInEmptySpace() {
        // two clusters far apart on feature 0, each constant on one feature the other spreads on
        int dims = 2;
        int size = 1_000;
        float[] points = new float[size * dims];
        Random r = new Random(8);
        OnlineTree t = new OnlineTree(dims, 128, size, 99);
        float[] lo = new float[dims];
        float[] hi = new float[dims];
        for (int i = 0; i < size; i++) {
            boolean a = i % 2 == 0;
            points[i * dims] = a ? 0f : (float) (1_000 + r.nextDouble());
            points[i * dims + 1] = a ? (float) r.nextDouble() : 0f;
            t.learn(points, i * dims, size, i + 1, lo, hi, new int[dims], new long[size]);
        }
        int[] reached = routedCounts(t, points, size, dims);
        int internal = 0;
        for (int n : liveNodes(t)) {
            if (t.feature[n] >= 0) {
                internal++;
                assertThat(reached[t.child[n]]).as("left of node %d", n).isPositive();
                assertThat(reached[t.child[n] + 1]).as("right of node %d", n).isPositive();
            }
        }
        assertThat(internal).isGreaterThan(10);
    }

    @Test
    void aShortStreamIsSplitAsFinelyAsALongOne() {
        // 600 points, far fewer than the window: the trees are rebuilt as their points double, so
        // the outliers are isolated from the start, not once thousands of points have arrived
        OnlineIsolationForest f = OnlineIsolationForest.withDefaults(4, 3);
        Random r = new Random(12);
        int n = 600;
        double[] scores = new double[n - 100];
        boolean[] outlier = new boolean[n - 100];
        for (int i = 0; i < n; i++) {
            boolean planted = i >= 100 && r.nextDouble() < 0.03;
            double[] x = gaussian(r, 4, 0);
            if (planted) {
                x[r.nextInt(4)] += 5;
            }
            if (i >= 100) {
                scores[i - 100] = f.score(x);
                outlier[i - 100] = planted;
            }
            f.learn(x);
        }
        assertThat(auc(scores, outlier)).isGreaterThan(0.95);
    }

    @Test
    void theShortHorizonsFollowDataThatMovesFast() {
        // the mean moves eight standard deviations per window: only the short horizons keep up
        int d = 6;
        OnlineIsolationForest f = OnlineIsolationForest.withDefaults(d, 21);
        int window = OnlineIsolationForest.DEFAULT_WINDOW;
        Random r = new Random(7);
        int n = 30_000;
        int warm = 2 * window;
        double[] scores = new double[n - warm];
        boolean[] outlier = new boolean[n - warm];
        for (int i = 0; i < n; i++) {
            double[] x = gaussian(r, d, 8.0 * i / window);
            boolean planted = r.nextDouble() < 0.01;
            if (planted) {
                x[r.nextInt(d)] += (r.nextBoolean() ? 1 : -1) * (4 + 2 * r.nextDouble());
            }
            if (i >= warm) {
                scores[i - warm] = f.score(x);
                outlier[i - warm] = planted;
            }
            f.learn(x);
        }
        assertThat(auc(scores, outlier)).isGreaterThan(0.85);
    }

    @Test
    void aModelRestoredWhileItsWindowFillsCarriesOnAsTheOriginal() {
        OnlineIsolationForest f = OnlineIsolationForest.withDefaults(5, 4);
        Random r = new Random(10);
        for (int i = 0; i < 700; i++) {
            f.learn(gaussian(r, 5, 0));
        }
        OnlineIsolationForest g = OnlineIsolationForest.fromBytes(f.toBytes());
        for (int i = 0; i < 5_000; i++) {
            double[] x = gaussian(r, 5, i % 40 == 0 ? 3 : 0);
            assertThat(g.score(x)).isEqualTo(f.score(x));
            f.learn(x);
            g.learn(x);
        }
        assertThat(g.toBytes()).isEqualTo(f.toBytes());
    }

    @Test
    void memoryIsFixedAtConstructionAndNodesStayWithinTheirPool() {
        OnlineIsolationForest f = OnlineIsolationForest.withDefaults(13, 1);
        long before = f.memoryBytes();
        Random r = new Random(5);
        for (int i = 0; i < 30_000; i++) {
            f.learn(gaussian(r, 13, i % 1000 == 0 ? 10 : 0));
        }
        // the window (4096 x 13 floats) and 32 node pools of 113 nodes, 12 bytes each
        assertThat(f.memoryBytes()).isEqualTo(before).isLessThan(4096 * 13 * 4 + 60_000);
        assertThat(f.learned()).isEqualTo(30_000);
    }

    @Test
    void theNodePoolHoldsEveryTreeTheSplitRuleKeeps() {
        assertThat(OnlineTree.capacity(256)).isEqualTo(113);
        for (int resolution : new int[] {16, 64, 256}) {
            // Gaussian, then drifting, then integer-valued with many ties, then a short burst of
            // one value: splits, merges, stale refreshes and rebuilds all reach the pool
            OnlineIsolationForest f = new OnlineIsolationForest(6, 16, 2048, resolution, 4, 5);
            Random r = new Random(resolution);
            for (int i = 0; i < 20_000; i++) {
                double[] x = gaussian(r, 6, i < 5_000 ? 0 : i < 10_000 ? 8.0 * i / 2048 : 0);
                if (i >= 10_000 && i < 17_000) {
                    for (int k = 0; k < 6; k++) {
                        x[k] = Math.rint(2 * x[k]);
                    }
                } else if (i >= 17_000 && i < 18_000) {
                    java.util.Arrays.fill(x, 1);
                }
                if (i % 500 == 0) {
                    x[r.nextInt(6)] += 20;
                }
                f.learn(x);
                if (i % 1_000 == 999) {
                    for (OnlineTree t : f.trees) {
                        assertThat(t.refused)
                                .as("splits refused, resolution %d", resolution)
                                .isZero();
                        assertThat(t.liveNodes()).isLessThanOrEqualTo(t.capacity());
                    }
                }
            }
        }
    }

    @Test
    void aStreamOfEqualPointsDoesNotRescanTheHorizonOnEveryPoint() {
        // A fleet of principals that look alike gives the scorer equal vectors, window after
        // window. Each try to split a leaf scans the horizon; a leaf over equal points must not try
        // on every point (it did once its count sat at a power of two, as a full horizon's root
        // does), yet must split as soon as the points differ again.
        OnlineIsolationForest f = OnlineIsolationForest.withDefaults(8, 3);
        double[] same = new double[8];
        java.util.Arrays.fill(same, 1);
        for (int i = 0; i < 5 * OnlineIsolationForest.DEFAULT_WINDOW; i++) {
            f.learn(same);
        }
        long beforeSteady = scans(f);
        int arrivals = 4 * OnlineIsolationForest.DEFAULT_WINDOW;
        for (int i = 0; i < arrivals; i++) {
            f.learn(same);
        }
        // at most one try per tree per half horizon of arrivals at its root (it was one per point)
        long bound = 0;
        for (OnlineTree t : f.trees) {
            bound += arrivals / (t.horizon / 2) + 1;
        }
        assertThat(scans(f) - beforeSteady).isLessThanOrEqualTo(bound);
        assertThat(bound).isLessThan(arrivals / 8L);
        double sameScore = f.score(same);
        Random r = new Random(3);
        for (int i = 0; i < OnlineIsolationForest.DEFAULT_WINDOW; i++) {
            double[] x = same.clone();
            x[r.nextInt(8)] += r.nextGaussian();
            f.learn(x);
        }
        for (OnlineTree t : f.trees) {
            assertThat(t.liveNodes()).as("the tree split the varied points").isGreaterThan(1);
        }
        double[] far = same.clone();
        far[0] += 50;
        assertThat(f.score(far)).isGreaterThan(f.score(same));
        assertThat(sameScore).isPositive();
    }

    private static long scans(OnlineIsolationForest f) {
        long n = 0;
        for (OnlineTree t : f.trees) {
            n += t.scans;
        }
        return n;
    }

    /**
     * Probe scores of the fixture, printed by the release that wrote it (format version 2), with
     * the arithmetic mean of the trees' paths of the releases before format 4 ({@code
     * arithmeticScore}).
     */
    static final double[][] V2_PROBES = {
        {0, 0, 0, 0, 0}, {4, 0, 0, 0, 0}, {0, -3, 3, 0, 1}, {1, 1, 1, 1, 1}
    };

    static final double[] V2_SCORES = {
        0.41067375537920775, 0.5340166860736774, 0.49554097608376885, 0.4266411333096693
    };

    @Test
    void aModelSavedInTheVersion2FormatRestoresWithItsScores() throws Exception {
        // written by the release before the node pool: new OnlineIsolationForest(5, 8, 512, 64, 2,
        // 42) after 2,000 Gaussian points (every 97th shifted by 4), from new Random(2026)
        byte[] v2 = restoresWithItsScoresAndLearnsOnAsVersion4("/scorer/model-v2.bin", V2_SCORES);
        v2[4] = 9;
        assertThatThrownBy(() -> OnlineIsolationForest.fromBytes(v2))
                .hasMessageContaining("unsupported model version 9");
    }

    /**
     * Probe scores of the fixture, printed by the release that wrote it (format version 3), with
     * the arithmetic mean of the trees' paths of the releases before format 4 ({@code
     * arithmeticScore}).
     */
    static final double[] V3_SCORES = {
        0.4206541619414302, 0.5482537578409913, 0.5402903627133409, 0.4792075083191018
    };

    @Test
    void aModelSavedInTheVersion3FormatRestoresWithItsScores() throws Exception {
        // written by the release before the spread (every tree drew split features by mass): new
        // OnlineIsolationForest(5, 8, 512, 64, 2, 42) after 2,000 Gaussian points (every 97th
        // shifted by 4), from new Random(2026), as the version-2 fixture
        byte[] v3 = restoresWithItsScoresAndLearnsOnAsVersion4("/scorer/model-v3.bin", V3_SCORES);
        assertThat(v3[4]).isEqualTo((byte) 3);
    }

    /**
     * Restores the fixture {@code resource} (2,000 points learned, a 512-point window), checks its
     * probe scores as the release that wrote it printed them, writes it back in the current format
     * (4) and runs both copies side by side for 3,000 points: the same scores and the same bytes.
     */
    private byte[] restoresWithItsScoresAndLearnsOnAsVersion4(String resource, double[] scores)
            throws Exception {
        byte[] saved;
        try (var in = getClass().getResourceAsStream(resource)) {
            saved = in.readAllBytes();
        }
        OnlineIsolationForest f = OnlineIsolationForest.fromBytes(saved);
        assertThat(f.learned()).isEqualTo(2_000);
        assertThat(f.size()).isEqualTo(512);
        for (int i = 0; i < V2_PROBES.length; i++) {
            assertThat(f.arithmeticScore(V2_PROBES[i])).as("probe %d", i).isEqualTo(scores[i]);
        }
        byte[] v4 = f.toBytes();
        assertThat(v4[4]).as("written in the current version").isEqualTo((byte) 4);
        OnlineIsolationForest g = OnlineIsolationForest.fromBytes(v4);
        Random r = new Random(4);
        for (int i = 0; i < 3_000; i++) {
            double[] x = gaussian(r, 5, i % 61 == 0 ? 4 : 0);
            assertThat(g.score(x)).isEqualTo(f.score(x));
            f.learn(x);
            g.learn(x);
        }
        assertThat(g.toBytes()).isEqualTo(f.toBytes());
        return saved;
    }

    @Test
    void thePlainScoreIsTheAttributingWalksScoreExactly() {
        // the job scores every window plainly and attributes only those the rule flags
        OnlineIsolationForest f = new OnlineIsolationForest(5, 32, 1024, 32, 1, 9);
        Random r = new Random(9);
        double[] high = new double[5];
        double[] low = new double[5];
        for (int i = 0; i < 3_000; i++) {
            double[] x = new double[5];
            for (int d = 0; d < 5; d++) {
                x[d] = i % 97 == 0 ? 8 * r.nextGaussian() : r.nextGaussian() * (d + 1);
            }
            assertThat(f.score(x)).as("point %d", i).isEqualTo(f.scoreAndAttribute(x, high, low));
            f.learn(x);
        }
    }
}
