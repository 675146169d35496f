package io.trailsentry.scorer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One online isolation tree (after Leveni et al., ICML 2024): nodes count the window's points that
 * reach them; a leaf at depth {@code k} splits once it holds more than {@code eta * 2^k} points, on
 * a random feature among those its points vary on, at a uniform value within their range there;
 * forgetting a point decrements the counts on its path and collapses a subtree whose count falls
 * well below its split threshold, or whose split the data has drifted away from ({@link #STALE}).
 *
 * <p>A split reads the leaf's points from the forest's window (the only copy of them): their
 * bounding box chooses the feature and the value, as the paper's per-node bounding boxes do, and
 * they are counted into the children, so every node's count is exactly the number of window points
 * that reach it. Splits are rare once the window is full (on ADBench fewer than one per thousand
 * points per tree), so the scan costs little and the tree stores no boxes. Nodes sit in an implicit
 * binary heap (children of {@code i} at {@code 2i+1}, {@code 2i+2}) sized for the deepest possible
 * tree, so a tree is a few KiB, known in advance, and learning allocates nothing.
 */
final class OnlineTree {
    private final int eta;
    private final int maxDepth;
    private final int capacity;

    final int[] count;

    /** Split feature of an internal node, -1 for a leaf (and for unused slots). */
    final byte[] feature;

    final float[] split;
    long rng;

    OnlineTree(int dims, int eta, int maxDepth, long seed) {
        if (dims > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("at most 127 features");
        }
        this.eta = eta;
        this.maxDepth = maxDepth;
        this.capacity = (1 << (maxDepth + 1)) - 1;
        count = new int[capacity];
        feature = new byte[capacity];
        split = new float[capacity];
        java.util.Arrays.fill(feature, (byte) -1);
        rng = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    static int depthOf(int n) {
        return 31 - Integer.numberOfLeadingZeros(n + 1);
    }

    private long threshold(int depth) {
        return (long) eta << depth;
    }

    /**
     * Learns the window point at {@code window[offset..]}; the first {@code size} points of {@code
     * window} (stride {@code lo.length}) are the whole window, this point included; {@code
     * lo}/{@code hi} are scratch.
     */
    void learn(float[] window, int offset, int size, float[] lo, float[] hi) {
        int n = 0;
        while (true) {
            count[n]++;
            int f = feature[n];
            if (f < 0) {
                int d = depthOf(n);
                if (count[n] > threshold(d) && d < maxDepth) {
                    splitLeaf(n, window, size, lo, hi);
                }
                return;
            }
            n = window[offset + f] < split[n] ? 2 * n + 1 : 2 * n + 2;
        }
    }

    /** The node at which the point at {@code x[offset..]} leaves the tree (its leaf). */
    private int leafOf(float[] x, int offset) {
        int n = 0;
        while (feature[n] >= 0) {
            n = x[offset + feature[n]] < split[n] ? 2 * n + 1 : 2 * n + 2;
        }
        return n;
    }

    void forget(float[] x, int offset) {
        int n = 0;
        while (true) {
            if (count[n] > 0) {
                count[n]--; // counts are exact; the guard covers models saved by older versions
            }
            int f = feature[n];
            if (f < 0) {
                return;
            }
            long threshold = threshold(depthOf(n));
            int next = x[offset + f] < split[n] ? 2 * n + 1 : 2 * n + 2;
            int other = next == 2 * n + 1 ? 2 * n + 2 : 2 * n + 1;
            boolean oneSideEmpty = count[next] <= 1 || count[other] == 0;
            // hysteresis: split above the threshold, merge only well below it; and refresh a
            // split the data has drifted away from (below)
            if (count[n] <= threshold / 2 || oneSideEmpty && count[n] > STALE * threshold) {
                clear(2 * n + 1);
                clear(2 * n + 2);
                feature[n] = -1;
                return;
            }
            n = next;
        }
    }

    /**
     * A node holding more than this many times its split threshold, with every one of its points on
     * one side of its split, is made a leaf again, to be split anew within the window's data by the
     * next point that reaches it. Under drift the data leaves the side of an old split; without
     * this the node keeps it, each such split pushes all the data one level deeper, and the mass
     * ends in one leaf at the depth limit that can no longer split (`bench-scorer --drift`: ROC-AUC
     * 0.59 on a slowly drifting stream without this, 0.95 with it). Only nodes well above their
     * threshold (in practice the top two levels) are refreshed: below that an empty side marks a
     * sparse region worth keeping, and refreshing it cost accuracy on stationary data. The region
     * an old split's empty side covered is still scored as empty: the forest's range follows the
     * window.
     */
    static final int STALE = 8;

    private void clear(int n) {
        if (n >= capacity) {
            return;
        }
        if (feature[n] >= 0) {
            clear(2 * n + 1);
            clear(2 * n + 2);
        }
        feature[n] = -1;
        count[n] = 0;
    }

    /**
     * Splits leaf {@code n} on its points in the window: a random feature among those they vary on,
     * at a uniform value strictly inside their range, each child counting the points on its side.
     */
    private void splitLeaf(int n, float[] window, int size, float[] lo, float[] hi) {
        int dims = lo.length;
        java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
        for (int i = 0, o = 0; i < size; i++, o += dims) {
            if (leafOf(window, o) == n) {
                for (int f = 0; f < dims; f++) {
                    float v = window[o + f];
                    lo[f] = Math.min(lo[f], v);
                    hi[f] = Math.max(hi[f], v);
                }
            }
        }
        int candidates = 0;
        for (int f = 0; f < dims; f++) {
            if (hi[f] > lo[f]) {
                candidates++;
            }
        }
        if (candidates == 0) {
            return; // all its points are identical: nothing to isolate
        }
        int pick = (int) (nextDouble() * candidates);
        int f = 0;
        for (; f < dims; f++) {
            if (hi[f] > lo[f] && pick-- == 0) {
                break;
            }
        }
        float v = (float) (lo[f] + nextDouble() * (hi[f] - lo[f]));
        if (v <= lo[f]) {
            v = Math.nextUp(lo[f]); // the lowest point goes left, so neither side is empty
        }
        int left = 0;
        for (int i = 0, o = 0; i < size; i++, o += dims) {
            if (window[o + f] < v && leafOf(window, o) == n) {
                left++;
            }
        }
        int l = 2 * n + 1;
        int r = 2 * n + 2;
        count[l] = left;
        count[r] = count[n] - left;
        feature[l] = -1;
        feature[r] = -1;
        feature[n] = (byte) f;
        split[n] = v;
    }

    /** The leaf {@code x} falls in. */
    int leaf(double[] x) {
        int n = 0;
        while (feature[n] >= 0) {
            n = x[feature[n]] < split[n] ? 2 * n + 1 : 2 * n + 2;
        }
        return n;
    }

    /**
     * Credits the splits on {@code x}'s path into {@code high}/{@code low} (by the side {@code x}
     * fell): each split earns the share of its node's points it separated {@code x} from, weighted
     * by 1/(depth+1), so early splits that cut {@code x} off from the mass earn most. Returns the
     * total credit added.
     */
    double credit(double[] x, double[] high, double[] low) {
        double total = 0;
        int n = 0;
        while (feature[n] >= 0) {
            int f = feature[n];
            boolean goesLeft = x[f] < split[n];
            int next = goesLeft ? 2 * n + 1 : 2 * n + 2;
            int other = goesLeft ? 2 * n + 2 : 2 * n + 1;
            double separated = count[n] > 0 ? (double) count[other] / count[n] : 0.5;
            double w = separated / (depthOf(n) + 1);
            if (goesLeft) {
                low[f] += w;
            } else {
                high[f] += w;
            }
            total += w;
            n = next;
        }
        return total;
    }

    /** Uniform in [0, 1): xorshift64*, with state that serialises as one long. */
    private double nextDouble() {
        rng ^= rng >>> 12;
        rng ^= rng << 25;
        rng ^= rng >>> 27;
        return ((rng * 0x2545F4914F6CDD1DL) >>> 11) * 0x1.0p-53;
    }

    static long bytesFor(int maxDepth) {
        long cap = (1L << (maxDepth + 1)) - 1;
        return cap * (4 + 1 + 4) + 3 * 16;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(rng);
        writeNode(out, 0);
    }

    private void writeNode(DataOutputStream out, int n) throws IOException {
        out.writeByte(feature[n]);
        out.writeInt(count[n]);
        if (feature[n] >= 0) {
            out.writeFloat(split[n]);
            writeNode(out, 2 * n + 1);
            writeNode(out, 2 * n + 2);
        }
    }

    void read(DataInputStream in) throws IOException {
        rng = in.readLong();
        readNode(in, 0);
    }

    private void readNode(DataInputStream in, int n) throws IOException {
        feature[n] = in.readByte();
        count[n] = in.readInt();
        if (feature[n] >= 0) {
            split[n] = in.readFloat();
            readNode(in, 2 * n + 1);
            readNode(in, 2 * n + 2);
        }
    }
}
