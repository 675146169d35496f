package io.trailsentry.scorer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One online isolation tree (after Leveni et al., ICML 2024): nodes count the window's points that
 * reach them; a leaf at depth {@code k} splits once it holds more than {@code eta * 2^k} points, on
 * a random feature at a uniform value within the leaf's region, its count shared between the
 * children in proportion to their share of that region; forgetting a point decrements the counts on
 * its path and collapses a subtree whose count falls well below its split threshold.
 *
 * <p>A leaf's region is not stored: it is the forest's per-feature range narrowed by the splits on
 * the leaf's path. Nodes sit in an implicit binary heap (children of {@code i} at {@code 2i+1},
 * {@code 2i+2}) sized for the deepest possible tree, so a tree is a few KiB, known in advance, and
 * learning allocates nothing.
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

    /** Learns the point at {@code x[offset..]}; {@code lo}/{@code hi} are scratch region arrays. */
    void learn(float[] x, int offset, float[] min, float[] max, float[] lo, float[] hi) {
        System.arraycopy(min, 0, lo, 0, lo.length);
        System.arraycopy(max, 0, hi, 0, hi.length);
        int n = 0;
        while (true) {
            count[n]++;
            int f = feature[n];
            if (f < 0) {
                int d = depthOf(n);
                if (count[n] > threshold(d) && d < maxDepth) {
                    splitLeaf(n, lo, hi);
                }
                return;
            }
            if (x[offset + f] < split[n]) {
                hi[f] = split[n];
                n = 2 * n + 1;
            } else {
                lo[f] = split[n];
                n = 2 * n + 2;
            }
        }
    }

    void forget(float[] x, int offset) {
        int n = 0;
        while (true) {
            if (count[n] > 0) {
                count[n]--; // proportional split estimates can undercount a side
            }
            int f = feature[n];
            if (f < 0) {
                return;
            }
            if (count[n] <= threshold(depthOf(n)) / 2) {
                // hysteresis: split above the threshold, merge only well below it
                clear(2 * n + 1);
                clear(2 * n + 2);
                feature[n] = -1;
                return;
            }
            n = x[offset + f] < split[n] ? 2 * n + 1 : 2 * n + 2;
        }
    }

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

    private void splitLeaf(int n, float[] lo, float[] hi) {
        int candidates = 0;
        for (int f = 0; f < lo.length; f++) {
            if (hi[f] > lo[f]) {
                candidates++;
            }
        }
        if (candidates == 0) {
            return; // all points identical: nothing to isolate
        }
        int pick = (int) (nextDouble() * candidates);
        int f = 0;
        for (; f < lo.length; f++) {
            if (hi[f] > lo[f] && pick-- == 0) {
                break;
            }
        }
        float v = (float) (lo[f] + nextDouble() * (hi[f] - lo[f]));
        if (v <= lo[f]) {
            v = Math.nextUp(lo[f]);
        }
        int l = 2 * n + 1;
        int r = 2 * n + 2;
        int leftCount = (int) Math.round(count[n] * (double) (v - lo[f]) / (hi[f] - lo[f]));
        count[l] = leftCount;
        count[r] = count[n] - leftCount;
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
