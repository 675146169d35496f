package io.trailsentry.scorer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Online Isolation Forest (Leveni, Weigert Cassales, Pfahringer, Bifet, Boracchi, ICML 2024):
 * {@code trees} online isolation trees learn every new point and forget it once it is older than
 * their horizon. The score is normalised to (0, 1] as in iForest ({@code 2^(-h/c(n))}), with {@code
 * h/c(n)} the harmonic mean over the trees, not the arithmetic one (RCF, too, averages inverse
 * depths); the attribution shares it among features by depth-weighted credit for the splits on the
 * point's paths, with the side the point fell on, and sums to the score.
 *
 * <p>Half the trees (every other round of horizons) draw a split's feature in proportion to the
 * node's mass on it (the share of the tree's points within its range there, {@link OnlineTree}),
 * the other half in proportion to its extent measured in the feature's interquartile range (RCF's
 * draw, free of units): an ensemble over the two notions of a node's extent, as the horizons are
 * one over memory lengths. Mass is blind to tails (a feature whose bulk the node spans weighs as
 * much as one with long tails); extent favours the features the node spans far into their tails,
 * where an anomaly on them lies.
 *
 * <p>Three parameters, each set by a principle rather than per data set (docs/benchmarks.md):
 *
 * <ul>
 *   <li>{@code resolution}: the most leaves a tree grows, as iForest's subsample size bounds its
 *       trees; a leaf splits at a share of the tree's points ({@link OnlineTree}), so a tree is as
 *       fine after 300 points as after a full window;
 *   <li>{@code window}: the longest horizon, the points the forest keeps;
 *   <li>{@code scales}: trees are dealt round-robin to horizons {@code window}, {@code window/2},
 *       ..., {@code window/2^(scales-1)}: an ensemble over memory lengths, so the forest follows
 *       data that moves (the short horizons) and averages data that does not (the long ones)
 *       without choosing one, as RCF's time decay weights recent points.
 * </ul>
 *
 * <p>Memory is fixed at construction ({@link #memoryBytes()}); scoring and learning allocate
 * nothing once the window is full (while it fills, the rebuilds use one scratch array of {@code
 * window} ints, dropped after, and each rebuild step a sorted copy of the points it rebuilds on,
 * not kept past the step). Deterministic for a seed. Not thread-safe: one instance per model.
 */
public final class OnlineIsolationForest {
    private static final int MAGIC = 0x54534946; // "TSIF"

    /**
     * 4: as 3, with each feature's {@link #spread} after the range. 3: little-endian, the window as
     * the ring it is and each tree's node pool as bulk array copies (still read, the spread
     * estimated from the window). 2: big-endian, the window oldest first and the trees as implicit
     * heaps in pre-order (still read, likewise).
     */
    private static final int VERSION = 4;

    private static final int VERSION_3 = 3;

    private static final int VERSION_2 = 2;

    private final int dims;
    private final int window;
    private final int resolution;
    private final int scales;
    private final long seed;
    final OnlineTree[] trees;

    /** The window, a ring of {@code window * dims} floats; the next point goes to {@code head}. */
    private final float[] points;

    private int size;
    private int head;
    private long learned;

    private final double[] creditHigh;
    private final double[] creditLow;

    /** The attribution's total credit, summed tree by tree ({@link OnlineTree#credit}). */
    private final double[] creditTotal = new double[1];

    /**
     * Per-feature range of the window's points: widened by every point learned, and narrowed to the
     * window every {@link #rangeRefresh} points, so a region the data has left stops counting as
     * "within range" (scoring scales edge leaves by it).
     */
    private final float[] min;

    private final float[] max;

    /** Learns between two narrowings of the range: a 32nd of the window (at least 1). */
    private final int rangeRefresh;

    /**
     * Each feature's spread: the interquartile range of up to {@code resolution} points spread
     * evenly over the window (when that is 0, a wider central interval's width in interquartile
     * ranges, {@link #estimateSpread}; 1 when the feature is constant). The trees that draw split
     * features by extent measure it in these units. Re-estimated each time the window's points
     * double while it fills and with the range once it is full.
     */
    private final float[] spread;

    /**
     * The standard normal quantiles {@code z(1 - p)} of {@code p = 1/4, 1/8, ..., 1/256}: a central
     * interval's width in interquartile ranges is its width times {@code z(3/4) / z(1 - p)}.
     */
    private static final double[] TAIL_QUANTILES = {
        0.6745, 1.1503, 1.5341, 1.8627, 2.1539, 2.4176, 2.6601
    };

    /** Scratch of the spread's estimate: one feature of the sampled points. */
    private final float[] spreadSample;

    private final float[] scratchLo;
    private final float[] scratchHi;
    private final int[] scratchMass;

    /** Scratch of an online split: which of the horizon's points reach the leaf, one bit each. */
    private final long[] scratchReached;

    /** Scratch of the rebuilds while the stream fills the window; dropped once it is full. */
    private int[] scratchIndex;

    public OnlineIsolationForest(
            int dims, int trees, int window, int resolution, int scales, long seed) {
        if (dims < 1 || trees < 1 || window < 2 || scales < 1) {
            throw new IllegalArgumentException("dims, trees, window and scales must be positive");
        }
        if (window >> (scales - 1) < 2) {
            throw new IllegalArgumentException("the shortest horizon must hold two points");
        }
        this.dims = dims;
        this.window = window;
        this.resolution = resolution;
        this.scales = scales;
        this.seed = seed;
        this.trees = new OnlineTree[trees];
        this.spread = new float[dims];
        for (int t = 0; t < trees; t++) {
            int horizon = window >> (t % scales);
            // every other round of horizons draws split features by extent, the rest by mass
            float[] byExtent = (t / scales) % 2 == 1 ? spread : null;
            this.trees[t] =
                    new OnlineTree(
                            dims,
                            resolution,
                            horizon,
                            seed * 0x9E3779B97F4A7C15L + t + 1,
                            byExtent);
        }
        this.points = new float[window * dims];
        this.creditHigh = new double[dims];
        this.creditLow = new double[dims];
        this.min = new float[dims];
        this.max = new float[dims];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        this.rangeRefresh = Math.max(1, window / 32);
        this.scratchLo = new float[dims];
        this.scratchHi = new float[dims];
        this.scratchMass = new int[dims];
        this.scratchReached = new long[(window + 63) >>> 6];
        Arrays.fill(spread, 1f);
        this.spreadSample = new float[Math.min(window, resolution)];
    }

    public static final int DEFAULT_TREES = 32;
    public static final int DEFAULT_WINDOW = 4096;
    public static final int DEFAULT_RESOLUTION = 256;
    public static final int DEFAULT_SCALES = 4;

    /** The defaults: argued in docs/benchmarks.md ("Parameters by principle"). */
    public static OnlineIsolationForest withDefaults(int dims, long seed) {
        return new OnlineIsolationForest(
                dims, DEFAULT_TREES, DEFAULT_WINDOW, DEFAULT_RESOLUTION, DEFAULT_SCALES, seed);
    }

    public int dimensions() {
        return dims;
    }

    /** Points in the window. */
    public int size() {
        return size;
    }

    /** Points learned since creation. */
    public long learned() {
        return learned;
    }

    /** Points tree {@code t} holds: its horizon, or fewer while the stream is shorter. */
    private int sizeOf(OnlineTree t) {
        return (int) Math.min(learned, t.horizon);
    }

    /** Learns {@code x}; each tree forgets the point that falls out of its horizon. */
    public void learn(double[] x) {
        check(x);
        for (OnlineTree t : trees) {
            if (learned >= t.horizon) {
                int slot = Math.floorMod(head - t.horizon, window) * dims;
                t.forget(points, slot, t.horizon);
            }
        }
        int slot = head * dims;
        if (size < window) {
            size++;
        }
        for (int f = 0; f < dims; f++) {
            float v = (float) x[f];
            points[slot + f] = v;
            min[f] = Math.min(min[f], v);
            max[f] = Math.max(max[f], v);
        }
        learned++;
        if (learned <= window && Integer.bitCount((int) learned) == 1) {
            estimateSpread(); // before this step's rebuilds, which draw in it
        }
        // the points the trees rebuild on, feature by feature in ascending order: sorted once for
        // all the trees rebuilt at this step (they hold the same points), and not kept after it
        float[] sorted = null;
        for (OnlineTree t : trees) {
            int n = sizeOf(t);
            if (learned <= t.horizon && Integer.bitCount(n) == 1) {
                if (scratchIndex == null) {
                    scratchIndex = new int[window];
                }
                if (sorted == null) { // every tree rebuilt now holds the same n = learned points
                    sorted = new float[n * dims];
                    OnlineTree.sortedColumns(points, slot, window, n, dims, sorted);
                }
                t.rebuild(
                        points,
                        slot,
                        window,
                        n,
                        scratchIndex,
                        sorted,
                        scratchLo,
                        scratchHi,
                        scratchMass);
            } else {
                t.learn(points, slot, window, n, scratchLo, scratchHi, scratchMass, scratchReached);
            }
        }
        head = (head + 1) % window;
        if (learned == window) {
            scratchIndex = null; // every tree's horizon is full: no more rebuilds
        }
        if (size == window && learned % rangeRefresh == 0) {
            narrowRange();
            estimateSpread();
        }
    }

    /**
     * Estimates {@link #spread} from up to {@code resolution} points spread evenly over the
     * window's slots (all of them hold points: the ring fills from slot 0). When the middle half of
     * a feature sits on one value (a count that is mostly 0, a flag), its spread is that of the
     * narrowest wider central interval of the sample that has width, the middle 3/4, 7/8, 15/16,
     * ... down to one point in each tail, in interquartile-range equivalents: its width scaled by
     * {@code z(3/4) / z(1 - p)}, as for a normal distribution, with {@code p} the share in each
     * tail. (The range stood in before: the extent of a node that spans the rare values was then at
     * most 1, against several interquartile ranges for a feature with a middle half, so the trees
     * that draw by extent almost never split on such a feature.) The forest's range stands in when
     * even that is 0, and 1 for a constant feature.
     */
    private void estimateSpread() {
        if (size == 0) {
            return;
        }
        int m = spreadSample.length <= size ? spreadSample.length : size;
        for (int f = 0; f < dims; f++) {
            for (int i = 0; i < m; i++) {
                spreadSample[i] = points[(int) ((long) i * size / m) * dims + f];
            }
            Arrays.sort(spreadSample, 0, m);
            float s = spreadSample[(3 * m) / 4] - spreadSample[m / 4];
            for (int k = 1; !(s > 0) && k < TAIL_QUANTILES.length && m >> (k + 2) > 0; k++) {
                float w = spreadSample[m - 1 - (m >> (k + 2))] - spreadSample[m >> (k + 2)];
                s = (float) (w * TAIL_QUANTILES[0] / TAIL_QUANTILES[k]);
            }
            if (!(s > 0)) {
                s = max[f] - min[f];
            }
            spread[f] = s > 0 ? s : 1f;
        }
    }

    /** Feature {@code f}'s spread, in which the trees that draw by extent measure it (tests). */
    float spread(int f) {
        return spread[f];
    }

    /** Sets the range to exactly the window's points'. */
    private void narrowRange() {
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int o = 0; o < size * dims; o += dims) {
            for (int f = 0; f < dims; f++) {
                float v = points[o + f];
                min[f] = Math.min(min[f], v);
                max[f] = Math.max(max[f], v);
            }
        }
    }

    /** Anomaly score of {@code x} in (0, 1]; higher is more anomalous. 0 before any learning. */
    public double score(double[] x) {
        return score(x, true);
    }

    /**
     * The score as the releases before format version 4 computed it, with the arithmetic mean of
     * the trees' relative paths: what the saved fixtures' probe scores were printed with, so that a
     * restored model is shown to hold the same trees (tests).
     */
    double arithmeticScore(double[] x) {
        return score(x, false);
    }

    private double score(double[] x, boolean harmonic) {
        check(x);
        if (size < 2) {
            return 0;
        }
        double inRange = inRange(x);
        // the harmonic mean over the trees of each tree's path relative to the mean path of its
        // own points: a point that differs on a few features is cut off early only by the trees
        // that split on them, and their short paths count in full, not diluted by the long paths of
        // the rest (RCF averages inverse depths alike); a path of 0 (no split can place it) scores
        // 1 (the fourth pass measured paths against c(the tree's points), arithmeticScore too)
        double inverse = 0;
        double path = 0;
        for (OnlineTree t : trees) {
            int leaf = t.leaf(x);
            double h = path(t, leaf, inRange);
            inverse += typicalPath(t) / h;
            if (!harmonic) {
                path += h / averagePath(Math.max(2, sizeOf(t)));
            }
        }
        return Math.pow(2, -(harmonic ? trees.length / inverse : path / trees.length));
    }

    /**
     * A point beyond the learned range on a feature lands in an edge leaf whose count belongs to
     * the data inside the range: the share of the leaf the data could occupy, by which its count is
     * scaled.
     */
    private double inRange(double[] x) {
        double inRange = 1;
        for (int f = 0; f < dims; f++) {
            double range = (double) max[f] - min[f];
            double beyond = x[f] > max[f] ? x[f] - max[f] : x[f] < min[f] ? min[f] - x[f] : 0;
            if (beyond > 0) {
                inRange *= range > 0 ? range / (range + beyond) : 0;
            }
        }
        return inRange;
    }

    /**
     * What tree {@code t}'s paths are measured against: the mean path of its own points ({@link
     * OnlineTree#meanPath}), not iForest's c(its points), the mean path of a tree that isolates
     * every point. These trees stop at leaves that hold a share of the points, so each tree's
     * typical path differs (by its horizon, and as its shape follows the data); measured against
     * its own, a path of 1 is a typical point's in every tree, and the harmonic mean weighs the
     * trees alike. c(its points) stands in for an empty tree.
     */
    private double typicalPath(OnlineTree t) {
        double mean = t.meanPath();
        return mean > 0 ? mean : averagePath(Math.max(2, sizeOf(t)));
    }

    /** The path of a point that ends in {@code leaf}: its depth and c(the leaf's count). */
    private static double path(OnlineTree t, int leaf, double inRange) {
        return t.depth[leaf] + averagePath(t.count[leaf] * inRange);
    }

    /**
     * Scores {@code x} and writes its attribution: {@code high[f]} and {@code low[f]} are the parts
     * of the score owed to feature {@code f} being high or low. They sum to the returned score.
     * Each tree is walked once, for its leaf and its credit together.
     */
    public double scoreAndAttribute(double[] x, double[] high, double[] low) {
        check(x);
        Arrays.fill(creditHigh, 0);
        Arrays.fill(creditLow, 0);
        creditTotal[0] = 0;
        double inRange = inRange(x);
        double inverse = 0;
        for (OnlineTree t : trees) {
            int leaf = t.credit(x, creditHigh, creditLow, creditTotal);
            inverse += typicalPath(t) / path(t, leaf, inRange);
        }
        double s = size < 2 ? 0 : Math.pow(2, -(trees.length / inverse));
        double total = creditTotal[0];
        for (int f = 0; f < dims; f++) {
            if (total > 0) {
                high[f] = s * creditHigh[f] / total;
                low[f] = s * creditLow[f] / total;
            } else {
                high[f] = s / dims;
                low[f] = 0;
            }
        }
        return s;
    }

    /**
     * Expected path length of an unsuccessful search in a BST of {@code n} points (iForest c(n)).
     */
    static double averagePath(double n) {
        return n >= 0 && n < WHOLE_PATHS.length && n == (int) n
                ? WHOLE_PATHS[(int) n]
                : computedPath(n);
    }

    /** c(n) for the whole counts up to two default windows: a score looks up 64 of them. */
    private static final double[] WHOLE_PATHS = new double[2 * DEFAULT_WINDOW + 1];

    static {
        for (int n = 0; n < WHOLE_PATHS.length; n++) {
            WHOLE_PATHS[n] = computedPath(n);
        }
    }

    /** c(n), computed. */
    private static double computedPath(double n) {
        if (n <= 1) {
            return 0;
        }
        if (n <= 2) {
            return n - 1;
        }
        double h = Math.log(n - 1.0) + 0.5772156649015329;
        return 2 * h - 2.0 * (n - 1) / n;
    }

    /** Bytes of heap this model holds, fixed at construction. */
    public long memoryBytes() {
        long treeBytes = 0;
        for (OnlineTree t : trees) {
            treeBytes += t.bytes();
        }
        return 248
                + (long) points.length * 4
                + 48L * dims
                + 4L * spreadSample.length
                + 8L * scratchReached.length
                + 16L * trees.length
                + treeBytes;
    }

    private void check(double[] x) {
        if (x.length != dims) {
            throw new IllegalArgumentException("expected " + dims + " features, got " + x.length);
        }
    }

    /**
     * The model in a compact, versioned binary form: the parameters, the range, the window's ring
     * as it sits in memory and each tree's node pool and RNG state, all as bulk copies of the
     * arrays (little-endian, the byte order of the usual hosts, so a copy is a memory copy).
     */
    public byte[] toBytes() {
        int bytes = 42 + 12 * dims + size * dims * 4; // the header is 42 bytes
        for (OnlineTree t : trees) {
            bytes += t.serialisedBytes();
        }
        ByteBuffer out = ByteBuffer.allocate(bytes);
        out.putInt(MAGIC); // big-endian, as every version has it
        out.put((byte) VERSION);
        out.order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) dims);
        out.putShort((short) trees.length);
        out.putInt(window);
        out.putInt(resolution);
        out.put((byte) scales);
        out.putLong(seed);
        out.putInt(size);
        out.putInt(head);
        out.putLong(learned);
        out.asFloatBuffer().put(min).put(max).put(spread);
        out.position(out.position() + 12 * dims);
        // the ring as it is: the first size slots (all of them once the window is full)
        out.asFloatBuffer().put(points, 0, size * dims);
        out.position(out.position() + size * dims * 4);
        for (OnlineTree t : trees) {
            t.write(out);
        }
        return out.array();
    }

    /**
     * Restores a model written by {@link #toBytes()} (or by the version-2 form of earlier
     * releases); scores and learning are identical after.
     */
    public static OnlineIsolationForest fromBytes(byte[] data) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            if (data.length < 5 || in.getInt() != MAGIC) {
                throw new IllegalArgumentException("not a TrailSentry isolation forest");
            }
            int version = in.get();
            if (version == VERSION_2) {
                return fromVersion2(in);
            }
            if (version != VERSION && version != VERSION_3) {
                throw new IllegalArgumentException("unsupported model version " + version);
            }
            in.order(ByteOrder.LITTLE_ENDIAN);
            OnlineIsolationForest m = header(in);
            m.size = in.getInt();
            m.head = in.getInt();
            m.learned = in.getLong();
            if (m.size < 0 || m.size > m.window || m.head < 0 || m.head >= m.window) {
                throw new IllegalArgumentException("corrupt model window");
            }
            FloatBuffer floats = in.asFloatBuffer();
            floats.get(m.min).get(m.max);
            int ranges = 2;
            if (version == VERSION) {
                floats.get(m.spread);
                ranges = 3;
            }
            floats.get(m.points, 0, m.size * m.dims);
            in.position(in.position() + (ranges + m.size) * m.dims * 4);
            for (OnlineTree t : m.trees) {
                t.read(in);
            }
            if (version == VERSION_3) {
                m.estimateSpread(); // as the next refresh would: version 3 drew by mass alone
            }
            return m;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated model", e);
        }
    }

    /** The parameters, in the order both versions write them, as a new empty model. */
    private static OnlineIsolationForest header(ByteBuffer in) {
        int dims = in.getShort();
        int trees = in.getShort();
        int window = in.getInt();
        int resolution = in.getInt();
        int scales = in.get();
        long seed = in.getLong();
        return new OnlineIsolationForest(dims, trees, window, resolution, scales, seed);
    }

    /** Version 2 (big-endian, the window oldest first, trees in pre-order), after the version. */
    private static OnlineIsolationForest fromVersion2(ByteBuffer in) {
        OnlineIsolationForest m = header(in);
        int dims = m.dims;
        m.size = in.getInt();
        m.learned = in.getLong();
        for (int f = 0; f < dims; f++) {
            m.min[f] = in.getFloat();
            m.max[f] = in.getFloat();
        }
        // restored oldest first from slot 0: the ring's positions move, its order does not
        in.asFloatBuffer().get(m.points, 0, m.size * dims);
        in.position(in.position() + m.size * dims * 4);
        m.head = m.size % m.window;
        for (OnlineTree t : m.trees) {
            t.readVersion2(in);
        }
        m.estimateSpread();
        return m;
    }
}
