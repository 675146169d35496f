package io.trailsentry.scorer;

import java.nio.ByteBuffer;

/**
 * One online isolation tree (after Leveni et al., ICML 2024) over its own horizon: the last {@code
 * horizon} points of the forest's window. Nodes count the horizon's points that reach them; a leaf
 * at depth {@code k} splits once it holds more than {@code 2^k / resolution} of them, on a random
 * feature among those its points vary on (drawn in proportion to the share of the tree's points its
 * range there spans, or, in the trees given a {@link #spread}, to its extent there measured in the
 * feature's spread), at a uniform value within their range there; forgetting a point decrements the
 * counts on its path and collapses a subtree whose count falls well below its split threshold, or
 * whose split the data has drifted away from ({@link #STALE}).
 *
 * <p>The threshold is the paper's {@code eta * 2^k} with {@code eta = points / resolution}: a share
 * of the data the tree holds, not a count. A tree therefore has the same shape, at most {@code
 * resolution} leaves of depth {@code log2(resolution)}, however many points it holds: a forest that
 * has seen 500 points is as finely split as one that holds a full window (with a fixed {@code eta}
 * it would be a stump until thousands of points arrived), and the resolution, not the window,
 * decides depth, as iForest's subsample size does.
 *
 * <p>A split reads the leaf's points from the forest's window (the only copy of them): their
 * bounding box chooses the feature and the value, as the paper's per-node bounding boxes do, and
 * they are counted into the children, so every node's count is exactly the number of horizon points
 * that reach it. Splits are rare once the horizon is full, so the scan costs little and the tree
 * stores no boxes.
 *
 * <p>Nodes live in a pool of parallel arrays (struct of arrays, no node objects): children are
 * allocated as a pair, the left at {@code child[n]}, the right next to it, and freed pairs go on a
 * free list. The pool holds {@link #capacity(int)} nodes, the most the split rule can keep alive
 * (113 for resolution 256, against 511 in the full binary tree of the same depth), so a tree's size
 * is known in advance and learning allocates nothing.
 */
final class OnlineTree {
    final int resolution;
    final int horizon;
    private final int maxDepth;
    private final int capacity;

    /** Points of the horizon that reach each node. */
    final int[] count;

    /**
     * Split feature of an internal node; {@link #LEAF} for a leaf (and unused slots), {@link
     * #UNIFORM} for a leaf whose points were all equal when it last tried to split (or, never with
     * the forest's rebuilds, that found the pool full).
     */
    final byte[] feature;

    final float[] split;

    /**
     * An internal node's left child (its right child is the next slot); for the first slot of a
     * free pair, the next free pair ({@link #NONE} at the end of the list).
     */
    final short[] child;

    /** Each node's depth (the root's is 0). */
    final byte[] depth;

    /** The first slot of the first free pair, or {@link #NONE}. */
    private int free;

    /**
     * Splits refused because the pool was full: 0 whenever the bound of {@link #capacity} holds.
     */
    long refused;

    long rng;

    /**
     * The sum over the leaves of {@code count * (depth + c(count))}: the total path of the tree's
     * points, as each would be scored. Kept in units of 2^-20, each leaf's term rounded to them
     * ({@link #term}), so that updating it as counts change and recomputing it from the pool
     * ({@link #pathSumOfPool}, as a restore does) give the same value exactly and a restored tree
     * scores as the live one. Not saved: it is a function of the pool. Over the tree's points it is
     * their mean path ({@link #meanPath}).
     */
    long pathSum;

    static final short NONE = -1;

    /**
     * Each feature's spread in the data (the forest's, shared by its trees: the interquartile range
     * of the window, {@link OnlineIsolationForest}), when this tree draws its split features in
     * proportion to the node's extent in it ({@link #pickFeature}); null when it draws them by
     * mass.
     */
    private final float[] spread;

    OnlineTree(int dims, int resolution, int horizon, long seed) {
        this(dims, resolution, horizon, seed, null);
    }

    /** Whether this tree draws split features by extent ({@link #spread}), not by mass. */
    boolean drawsByExtent() {
        return spread != null;
    }

    OnlineTree(int dims, int resolution, int horizon, long seed, float[] spread) {
        if (spread != null && spread.length != dims) {
            throw new IllegalArgumentException("one spread per feature");
        }
        this.spread = spread;
        if (dims > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("at most 127 features");
        }
        if (Integer.bitCount(resolution) != 1 || resolution < 2) {
            throw new IllegalArgumentException("resolution must be a power of two of at least 2");
        }
        this.resolution = resolution;
        this.horizon = horizon;
        this.maxDepth = Integer.numberOfTrailingZeros(resolution);
        this.capacity = capacity(resolution);
        count = new int[capacity];
        feature = new byte[capacity];
        split = new float[capacity];
        child = new short[capacity];
        depth = new byte[capacity];
        java.util.Arrays.fill(feature, LEAF);
        for (int p = 1; p < capacity; p += 2) {
            child[p] = p + 2 < capacity ? (short) (p + 2) : NONE;
        }
        free = capacity > 1 ? 1 : NONE;
        rng = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    /**
     * Nodes a tree of this resolution can hold at once. An internal node at depth {@code d} holds
     * more than half its split threshold, {@code size * 2^d / (2 resolution)} points (a node merges
     * below that, and while the horizon fills the tree is rebuilt each time its points double), and
     * the nodes of one depth share the points, so at most {@code min(2^d, 2 resolution / 2^d - 1)}
     * are internal at depth {@code d < log2(resolution)}: 56 for resolution 256, against 511 slots
     * in a full binary tree. Each internal node owns a pair of children, plus the root.
     */
    static int capacity(int resolution) {
        int maxDepth = Integer.numberOfTrailingZeros(resolution);
        int internal = 0;
        for (int d = 0; d < maxDepth; d++) {
            internal += Math.min(1 << d, (2 * resolution >> d) - 1);
        }
        int nodes = 1 + 2 * internal;
        if (nodes > Short.MAX_VALUE) {
            throw new IllegalArgumentException("resolution too large for the node pool");
        }
        return nodes;
    }

    /**
     * Gives node {@code n} two leaf children; false (and {@code n} stays a leaf) if none is free.
     */
    private boolean addChildren(int n) {
        int l = free;
        if (l == NONE) {
            refused++;
            return false;
        }
        free = child[l];
        child[n] = (short) l;
        for (int c = l; c <= l + 1; c++) {
            feature[c] = LEAF;
            count[c] = 0;
            depth[c] = (byte) (depth[n] + 1);
        }
        return true;
    }

    /** Makes node {@code n} a leaf, returning its subtree's pairs to the free list. */
    private void clear(int n) {
        if (feature[n] >= 0) {
            int l = child[n];
            clear(l);
            clear(l + 1);
            child[l] = (short) free;
            free = l;
        }
        feature[n] = LEAF;
    }

    /**
     * The mean path of the tree's own points (the depth of their leaf plus c(its count), as a point
     * is scored), against which {@link OnlineIsolationForest#score} measures a point's path; 0 for
     * an empty tree.
     */
    double meanPath() {
        return count[0] > 0 ? pathSum * 0x1p-20 / count[0] : 0;
    }

    /**
     * A leaf's part of {@link #pathSum}: {@code count * (depth + c(count))} in units of 2^-20 (the
     * depth's part exact, c's rounded).
     */
    private static long term(int count, int depth) {
        return count <= 0 ? 0 : ((long) count * depth << 20) + leafPath(count);
    }

    /** {@code count * c(count)} in units of 2^-20, rounded: from a table for the usual counts. */
    private static long leafPath(int count) {
        return count < LEAF_PATHS.length
                ? LEAF_PATHS[count]
                : Math.round(count * OnlineIsolationForest.averagePath(count) * 0x1p20);
    }

    /** {@link #leafPath} of the counts up to two default windows. */
    private static final long[] LEAF_PATHS = new long[2 * OnlineIsolationForest.DEFAULT_WINDOW + 1];

    static {
        for (int n = 0; n < LEAF_PATHS.length; n++) {
            LEAF_PATHS[n] = Math.round(n * OnlineIsolationForest.averagePath(n) * 0x1p20);
        }
    }

    /**
     * {@link #pathSum} computed from the pool: the sum of the terms of the subtree at {@code n}.
     */
    long pathSumOfPool(int n) {
        if (feature[n] >= 0) {
            return pathSumOfPool(child[n]) + pathSumOfPool(child[n] + 1);
        }
        return term(count[n], depth[n]);
    }

    /** Nodes in use (reachable from the root). */
    int liveNodes() {
        return live(0);
    }

    private int live(int n) {
        return feature[n] >= 0 ? 1 + live(child[n]) + live(child[n] + 1) : 1;
    }

    int capacity() {
        return capacity;
    }

    static final byte LEAF = -1;

    /**
     * A leaf over identical points (common on integer-valued data, and on a fleet of principals
     * that all look alike): it tries to split again only when its count reaches a power of two and
     * at least half that many points have reached it since its last try, not on every point, since
     * each try scans the horizon. Its arrivals since that try are counted in its {@code split}
     * slot, which a leaf does not otherwise use. (Powers of two alone retried on every point once a
     * leaf's count sat at one, as the root's does at a full horizon: one forget, one learn, one
     * scan of the horizon per tree; 555 points a second on a stream of equal vectors.)
     */
    static final byte UNIFORM = -2;

    /**
     * Tries to split the horizon's points of leaves since creation (each try scans the horizon).
     */
    long scans;

    /** Whether {@code c} of {@code size} points exceed the split threshold at depth {@code d}. */
    private boolean above(long c, int size, int d) {
        return c * resolution > ((long) size << d);
    }

    /**
     * Learns the point at {@code window[offset..]}, the newest of the tree's {@code size} points
     * (the ring {@code window} of {@code ring} points, stride {@code lo.length}, newest at {@code
     * offset}); {@code lo}/{@code hi}/{@code mass} are scratch of {@code lo.length}, {@code
     * reached} of {@code size} bits.
     */
    void learn(
            float[] window,
            int offset,
            int ring,
            int size,
            float[] lo,
            float[] hi,
            int[] mass,
            long[] reached) {
        int n = 0;
        while (true) {
            count[n]++;
            int f = feature[n];
            if (f < 0) {
                int d = depth[n];
                pathSum += term(count[n], d) - term(count[n] - 1, d);
                boolean retry =
                        f == LEAF || arrived(n) * 2 >= count[n] && (count[n] & (count[n] - 1)) == 0;
                if (retry && d < maxDepth && above(count[n], size, d)) {
                    splitLeaf(n, window, offset, ring, size, lo, hi, mass, reached);
                }
                return;
            }
            n = window[offset + f] < split[n] ? child[n] : child[n] + 1;
        }
    }

    /**
     * Counts an arrival at the {@link #UNIFORM} leaf {@code n} and returns its arrivals since its
     * last try. A model written before the count existed holds any value there (a freed split):
     * anything but a non-negative count is read as a try long ago, so the leaf retries at once.
     */
    private float arrived(int n) {
        float a = split[n] >= 0 ? split[n] + 1 : Float.MAX_VALUE;
        split[n] = a;
        return a;
    }

    /**
     * Whether the point at {@code window[o..]} reaches node {@code n}, which the point at {@code
     * window[on..]} reaches: the two are walked down together from the root and part at the first
     * split that sends them different ways. A split's scan of the horizon asks this of every point;
     * most are turned away within a level or two instead of being walked to their own leaf.
     */
    private boolean reaches(float[] window, int o, int on, int n) {
        int m = 0;
        while (m != n) {
            int f = feature[m];
            float s = split[m];
            boolean left = window[on + f] < s;
            if (window[o + f] < s != left) {
                return false;
            }
            m = left ? child[m] : child[m] + 1;
        }
        return true;
    }

    /** Forgets the point at {@code x[offset..]}, the oldest of the tree's {@code size} points. */
    void forget(float[] x, int offset, int size) {
        int n = 0;
        while (true) {
            int before = count[n];
            if (count[n] > 0) {
                count[n]--;
            }
            int f = feature[n];
            if (f < 0) {
                pathSum += term(count[n], depth[n]) - term(before, depth[n]);
                return;
            }
            int d = depth[n];
            boolean left = x[offset + f] < split[n];
            int next = left ? child[n] : child[n] + 1;
            int other = left ? child[n] + 1 : child[n];
            boolean oneSideEmpty = count[next] <= 1 || count[other] == 0;
            // hysteresis: split above the threshold, merge only at half of it; and refresh a split
            // the data has drifted away from (below)
            if (!above(2L * count[n], size, d)
                    || oneSideEmpty && above(count[n], STALE * size, d)) {
                pathSum -= pathSumOfPool(n); // its leaves' terms, at their counts before this point
                clear(n);
                pathSum += term(count[n], d);
                return;
            }
            n = next;
        }
    }

    /**
     * A node holding more than this many times its split threshold, with every one of its points on
     * one side of its split, is made a leaf again, to be split anew within the data by the next
     * point that reaches it. Under drift the data leaves the side of an old split; without this the
     * node keeps it, each such split pushes all the data one level deeper, and the mass ends in one
     * leaf at the depth limit that can no longer split (`bench-scorer --drift`). Only nodes well
     * above their threshold (in practice the top two levels) are refreshed: below that an empty
     * side marks a sparse region worth keeping.
     */
    static final int STALE = 8;

    /**
     * Splits leaf {@code n} on its points in the horizon: a feature among those they vary on, drawn
     * in proportion to the tree's points within their range there ({@link #pickFeature}), at a
     * uniform value strictly inside that range, each child counting the points on its side. The
     * points that reach the leaf are marked in {@code reached} (bit {@code i}: the {@code i}-th
     * newest) by the one scan that finds them, and the children are counted among those alone.
     */
    private void splitLeaf(
            int n,
            float[] window,
            int newest,
            int ring,
            int size,
            float[] lo,
            float[] hi,
            int[] mass,
            long[] reached) {
        int dims = lo.length;
        int span = ring * dims;
        java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(reached, 0, (size + 63) >>> 6, 0L);
        for (int i = 0, o = newest; i < size; i++, o = o == 0 ? span - dims : o - dims) {
            if (reaches(window, o, newest, n)) {
                reached[i >>> 6] |= 1L << i;
                for (int f = 0; f < dims; f++) {
                    float v = window[o + f];
                    if (v < lo[f]) { // plain comparisons: Math.min and max order -0 and NaN too
                        lo[f] = v;
                    }
                    if (v > hi[f]) {
                        hi[f] = v;
                    }
                }
            }
        }
        scans++;
        int f = pickFeature(lo, hi, mass, count[n], window, newest, ring, size, null);
        if (f < 0) {
            feature[n] = UNIFORM; // all its points are identical: nothing to isolate
            split[n] = 0; // arrivals since this try
            return;
        }
        float v = pickValue(lo[f], hi[f]);
        int left = 0;
        for (int w = 0; w < (size + 63) >>> 6; w++) {
            for (long bits = reached[w]; bits != 0; bits &= bits - 1) {
                int o = newest - ((w << 6) + Long.numberOfTrailingZeros(bits)) * dims;
                if (window[(o < 0 ? o + span : o) + f] < v) {
                    left++;
                }
            }
        }
        if (!addChildren(n)) {
            feature[n] = UNIFORM; // retried like a leaf over equal points
            split[n] = 0;
            return;
        }
        count[child[n]] = left;
        count[child[n] + 1] = count[n] - left;
        pathSum +=
                term(left, depth[n] + 1)
                        + term(count[n] - left, depth[n] + 1)
                        - term(count[n], depth[n]);
        feature[n] = (byte) f;
        split[n] = v;
    }

    /**
     * Rebuilds the tree top-down on its {@code size} points (the newest at {@code newest} in the
     * ring of {@code ring} points), as iForest builds a tree on its sample: each split from the
     * bounding box of all the node's points, down to the same thresholds. Called while the stream
     * fills the horizon, each time the tree's points double, so that no split rests on the first
     * handful of points (learned one by one, the root would split between the first two). {@code
     * index} is scratch of at least {@code size}; {@code sorted} holds the same {@code size} points
     * feature by feature, each feature's values in ascending order ({@code sorted[f * size + i]}),
     * from which the points within a range are counted by two binary searches ({@link
     * #sortedColumns}).
     */
    void rebuild(
            float[] window,
            int newest,
            int ring,
            int size,
            int[] index,
            float[] sorted,
            float[] lo,
            float[] hi,
            int[] mass) {
        int dims = lo.length;
        clear(0);
        for (int i = 0, o = newest; i < size; i++, o = o == 0 ? (ring - 1) * dims : o - dims) {
            index[i] = o;
        }
        build(0, window, index, sorted, 0, size, size, lo, hi, mass);
        pathSum = pathSumOfPool(0);
    }

    /**
     * Fills {@code sorted} with the {@code size} newest points of the ring, feature by feature,
     * each feature's values in ascending order: what {@link #rebuild} counts ranges in.
     */
    static void sortedColumns(
            float[] window, int newest, int ring, int size, int dims, float[] sorted) {
        for (int i = 0, o = newest; i < size; i++, o = o == 0 ? (ring - 1) * dims : o - dims) {
            for (int f = 0; f < dims; f++) {
                sorted[f * size + i] = window[o + f];
            }
        }
        for (int f = 0; f < dims; f++) {
            java.util.Arrays.sort(sorted, f * size, (f + 1) * size);
        }
    }

    /** The first index in {@code a[from..to)} (ascending) whose value is above {@code v}. */
    private static int firstAbove(float[] a, int from, int to, float v) {
        while (from < to) {
            int m = (from + to) >>> 1;
            if (a[m] <= v) {
                from = m + 1;
            } else {
                to = m;
            }
        }
        return from;
    }

    /** The first index in {@code a[from..to)} (ascending) whose value is at least {@code v}. */
    private static int firstAtLeast(float[] a, int from, int to, float v) {
        while (from < to) {
            int m = (from + to) >>> 1;
            if (a[m] < v) {
                from = m + 1;
            } else {
                to = m;
            }
        }
        return from;
    }

    private void build(
            int n,
            float[] window,
            int[] index,
            float[] sorted,
            int from,
            int to,
            int size,
            float[] lo,
            float[] hi,
            int[] mass) {
        count[n] = to - from;
        feature[n] = LEAF;
        int d = depth[n];
        if (d >= maxDepth || !above(to - from, size, d)) {
            return;
        }
        int dims = lo.length;
        java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
        for (int i = from; i < to; i++) {
            int o = index[i];
            for (int f = 0; f < dims; f++) {
                float v = window[o + f];
                if (v < lo[f]) {
                    lo[f] = v;
                }
                if (v > hi[f]) {
                    hi[f] = v;
                }
            }
        }
        int f = pickFeature(lo, hi, mass, to - from, window, 0, 0, size, sorted);
        if (f < 0) {
            feature[n] = UNIFORM;
            split[n] = 0;
            return;
        }
        float v = pickValue(lo[f], hi[f]);
        int mid = from;
        for (int i = from; i < to; i++) {
            if (window[index[i] + f] < v) {
                int t = index[i];
                index[i] = index[mid];
                index[mid++] = t;
            }
        }
        if (!addChildren(n)) {
            return;
        }
        feature[n] = (byte) f;
        split[n] = v;
        build(child[n], window, index, sorted, from, mid, size, lo, hi, mass);
        build(child[n] + 1, window, index, sorted, mid, to, size, lo, hi, mass);
    }

    /**
     * A random feature among those the node's points vary on ({@code lo < hi}), drawn in proportion
     * to its mass there: how many of the tree's {@code size} points lie within the node's range on
     * it. That is RCF's draw in proportion to the node's extent, with the extent measured in the
     * data's own distribution (the share of the points it spans) rather than in units: the same
     * under any monotone rescaling of a feature, so a long tail or a few huge values do not make a
     * feature's bulk look narrow (extent in units lost annthyroid and thyroid that way), and a
     * feature already cut down to a sliver of the data along the node's path is drawn less often
     * than one the node still spans, so the cuts spread over the features. -1 if the points vary on
     * none.
     *
     * <p>Drawn by rejection, so that a split counts one feature's mass at a time, not every
     * feature's (a scan of the horizon each): a feature uniform among the candidates is kept with
     * probability mass / size. After as many rejections as there are candidates, every candidate's
     * mass is counted (into {@code mass}) and the draw made from them directly. Either way the
     * feature is drawn exactly in proportion to its mass. A try whose draw falls below {@code
     * inNode}, the node's own points (all within its range), is kept without counting. The mass is
     * counted in {@code sorted} (the tree's points feature by feature, ascending: two binary
     * searches) when it is given, else by a scan of the horizon's points in the ring.
     */
    private int pickFeature(
            float[] lo,
            float[] hi,
            int[] mass,
            int inNode,
            float[] window,
            int newest,
            int ring,
            int size,
            float[] sorted) {
        int candidates = 0;
        for (int f = 0; f < lo.length; f++) {
            if (hi[f] > lo[f]) {
                candidates++;
            }
        }
        if (candidates == 0) {
            return -1;
        }
        if (spread != null) {
            return byExtent(lo, hi, candidates);
        }
        for (int tries = 0; tries < candidates; tries++) {
            int f = candidate(lo, hi, (int) (nextDouble() * candidates));
            double u = nextDouble() * size;
            // the node's own points lie within its range: below them, no need to count the rest
            if (u < inNode
                    || u < massOf(f, lo.length, lo[f], hi[f], window, newest, ring, size, sorted)) {
                return f;
            }
        }
        long total = 0;
        for (int f = 0; f < lo.length; f++) {
            mass[f] =
                    hi[f] > lo[f]
                            ? massOf(f, lo.length, lo[f], hi[f], window, newest, ring, size, sorted)
                            : 0;
            total += mass[f];
        }
        long pick = (long) (nextDouble() * total);
        for (int f = 0; f < lo.length; f++) {
            pick -= mass[f];
            if (pick < 0) {
                return f;
            }
        }
        return candidate(lo, hi, candidates - 1);
    }

    /**
     * A random feature among those the node's points vary on, drawn in proportion to the node's
     * extent on it measured in the feature's {@link #spread}: RCF's draw in proportion to the
     * extent, made free of units (and of a few extreme values, which set a range or a standard
     * deviation but not an interquartile range).
     */
    private int byExtent(float[] lo, float[] hi, int candidates) {
        double total = 0;
        for (int f = 0; f < lo.length; f++) {
            if (hi[f] > lo[f]) {
                total += ((double) hi[f] - lo[f]) / spread[f];
            }
        }
        double pick = nextDouble() * total;
        for (int f = 0; f < lo.length; f++) {
            if (hi[f] > lo[f]) {
                pick -= ((double) hi[f] - lo[f]) / spread[f];
                if (pick < 0) {
                    return f;
                }
            }
        }
        return candidate(lo, hi, candidates - 1);
    }

    /** The {@code k}-th (from 0) feature with {@code lo < hi}. */
    private static int candidate(float[] lo, float[] hi, int k) {
        for (int f = 0; f < lo.length; f++) {
            if (hi[f] > lo[f] && k-- == 0) {
                return f;
            }
        }
        return -1;
    }

    /**
     * How many of the tree's {@code size} points lie within {@code [lo, hi]} on feature {@code f}.
     */
    private static int massOf(
            int f,
            int dims,
            float lo,
            float hi,
            float[] window,
            int newest,
            int ring,
            int size,
            float[] sorted) {
        if (sorted != null) {
            int col = f * size;
            return firstAbove(sorted, col, col + size, hi)
                    - firstAtLeast(sorted, col, col + size, lo);
        }
        int span = ring * dims;
        int m = 0;
        for (int i = 0, o = newest + f; i < size; i++, o = o < dims ? o + span - dims : o - dims) {
            float v = window[o];
            if (v >= lo && v <= hi) {
                m++;
            }
        }
        return m;
    }

    /**
     * Uniform strictly inside (lo, hi], so the lowest point goes left and neither side is empty.
     */
    private float pickValue(float lo, float hi) {
        float v = (float) (lo + nextDouble() * (hi - lo));
        return v <= lo ? Math.nextUp(lo) : v;
    }

    /** The leaf {@code x} falls in. */
    int leaf(double[] x) {
        int n = 0;
        while (feature[n] >= 0) {
            n = x[feature[n]] < split[n] ? child[n] : child[n] + 1;
        }
        return n;
    }

    /**
     * Credits the splits on {@code x}'s path into {@code high}/{@code low} (by the side {@code x}
     * fell): each split earns the share of its node's points it separated {@code x} from, weighted
     * by 1/(depth+1), so early splits that cut {@code x} off from the mass earn most. Adds the
     * total credit to {@code total[0]} and returns the leaf {@code x} falls in (the walk {@link
     * #leaf} makes, so a score with attribution walks each tree once).
     */
    int credit(double[] x, double[] high, double[] low, double[] total) {
        double sum = 0;
        int n = 0;
        while (feature[n] >= 0) {
            int f = feature[n];
            boolean goesLeft = x[f] < split[n];
            int next = goesLeft ? child[n] : child[n] + 1;
            int other = goesLeft ? child[n] + 1 : child[n];
            double separated = count[n] > 0 ? (double) count[other] / count[n] : 0.5;
            double w = separated / (depth[n] + 1);
            if (goesLeft) {
                low[f] += w;
            } else {
                high[f] += w;
            }
            sum += w;
            n = next;
        }
        total[0] += sum;
        return n;
    }

    /** Uniform in [0, 1): xorshift64*, with state that serialises as one long. */
    private double nextDouble() {
        rng ^= rng >>> 12;
        rng ^= rng << 25;
        rng ^= rng >>> 27;
        return ((rng * 0x2545F4914F6CDD1DL) >>> 11) * 0x1.0p-53;
    }

    long bytes() {
        return (long) capacity * (4 + 1 + 4 + 2 + 1) + 5 * 16 + 64;
    }

    /** Bytes {@link #write} writes: the RNG, the free list's head and the pool, as bulk arrays. */
    int serialisedBytes() {
        return 8 + 2 + capacity * (4 + 1 + 4 + 2 + 1);
    }

    /** The whole pool as bulk copies of its arrays (little-endian {@code out}). */
    void write(ByteBuffer out) {
        out.putLong(rng);
        out.putShort((short) free);
        out.asIntBuffer().put(count);
        out.position(out.position() + 4 * capacity);
        out.asFloatBuffer().put(split);
        out.position(out.position() + 4 * capacity);
        out.asShortBuffer().put(child);
        out.position(out.position() + 2 * capacity);
        out.put(feature);
        out.put(depth);
    }

    /** Reads what {@link #write} wrote. */
    void read(ByteBuffer in) {
        rng = in.getLong();
        free = in.getShort();
        in.asIntBuffer().get(count);
        in.position(in.position() + 4 * capacity);
        in.asFloatBuffer().get(split);
        in.position(in.position() + 4 * capacity);
        in.asShortBuffer().get(child);
        in.position(in.position() + 2 * capacity);
        in.get(feature);
        in.get(depth);
        if (free < NONE || free >= capacity) {
            throw new IllegalArgumentException("corrupt node pool");
        }
        pathSum = readPathSum(0, 0);
    }

    /**
     * {@link #pathSumOfPool} of a pool just read, refusing one whose children leave the pool or
     * nest deeper than the resolution allows (which could not be walked).
     */
    private long readPathSum(int n, int level) {
        if (n < 0 || n >= capacity || level > maxDepth) {
            throw new IllegalArgumentException("corrupt node pool");
        }
        if (feature[n] >= 0) {
            return readPathSum(child[n], level + 1) + readPathSum(child[n] + 1, level + 1);
        }
        return term(count[n], depth[n]);
    }

    /**
     * Reads a tree of format version 2 (an implicit heap written in pre-order: feature, count and,
     * for internal nodes, a split value; big-endian) into the pool. A subtree the pool cannot hold
     * (never written by the split rule) ends as a leaf with its count.
     */
    void readVersion2(ByteBuffer in) {
        rng = in.getLong();
        readVersion2Node(in, 0, 0);
        pathSum = pathSumOfPool(0);
    }

    private void readVersion2Node(ByteBuffer in, int n, int heapIndex) {
        if (heapIndex >= (1 << (maxDepth + 1)) - 1) {
            throw new IllegalArgumentException("tree deeper than its resolution allows");
        }
        byte f = in.get();
        count[n] = in.getInt();
        feature[n] = f < 0 ? f : LEAF;
        if (f >= 0) {
            float v = in.getFloat();
            if (addChildren(n)) {
                feature[n] = f;
                split[n] = v;
                readVersion2Node(in, child[n], 2 * heapIndex + 1);
                readVersion2Node(in, child[n] + 1, 2 * heapIndex + 2);
            } else {
                skipVersion2Node(in);
                skipVersion2Node(in);
            }
        }
    }

    private static void skipVersion2Node(ByteBuffer in) {
        byte f = in.get();
        in.getInt();
        if (f >= 0) {
            in.getFloat();
            skipVersion2Node(in);
            skipVersion2Node(in);
        }
    }
}
