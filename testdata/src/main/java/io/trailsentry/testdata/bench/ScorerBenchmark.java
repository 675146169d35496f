package io.trailsentry.testdata.bench;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.state.RandomCutForestMapper;
import com.amazon.randomcutforest.state.RandomCutForestState;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsentry.scorer.OnlineIsolationForest;
import io.trailsentry.testdata.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The scorer against AWS Random Cut Forest in one JVM: single thread, shuffled streams, score then
 * update on every point, the same number of trees, several seeds. Prints ROC-AUC per set, events/s
 * (with and without attribution), heap per model, serialised bytes and restore time per model.
 */
public final class ScorerBenchmark {
    /**
     * The half of the panel parameters are chosen on: the six sets the scorer was first tuned on,
     * and every third of the other eighteen in ADBench's numbering (from the first).
     */
    static final String[] CHOOSE = {
        "16_http",
        "34_smtp",
        "10_cover",
        "32_shuttle",
        "23_mammography",
        "2_annthyroid",
        "1_ALOI",
        "7_Cardiotocography",
        "19_landsat",
        "27_PageBlocks",
        "38_thyroid",
        "43_WDBC"
    };

    /** The half only reported on: never used to choose a parameter. */
    static final String[] REPORT = {
        "4_breastw",
        "5_campaign",
        "8_celeba",
        "12_fault",
        "20_letter",
        "24_mnist",
        "26_optdigits",
        "29_Pima",
        "35_SpamBase",
        "40_vowels",
        "41_Waveform",
        "47_yeast"
    };

    public static final Cli CLI =
            Cli.tool("bench-scorer", "the isolation forest against Random Cut Forest on ADBench")
                    .synopsis("[--data DIR] [options]")
                    .synopsis("--drift [options]")
                    .value(
                            "--data",
                            "DIR",
                            "ADBench .npz files (default ../shared/data/adbench from the checkout)")
                    .value("--seeds", "N", "runs per set, each a different shuffle (default 5)")
                    .value("--trees", "T", "trees of both forests (default 32)")
                    .value(
                            "--window",
                            "W",
                            "isolation-forest window (default "
                                    + OnlineIsolationForest.DEFAULT_WINDOW
                                    + ")")
                    .value(
                            "--resolution",
                            "R",
                            "most leaves per tree, a power of two (default "
                                    + OnlineIsolationForest.DEFAULT_RESOLUTION
                                    + ")")
                    .value(
                            "--scales",
                            "S",
                            "horizons window, window/2, ... (default "
                                    + OnlineIsolationForest.DEFAULT_SCALES
                                    + ")")
                    .value("--max-points", "N", "points read per set (default all)")
                    .value(
                            "--sets",
                            "A,B",
                            "which sets, or choose, report or all (default choose: "
                                    + String.join(",", CHOOSE)
                                    + "; report: "
                                    + String.join(",", REPORT)
                                    + ")")
                    .toggle(
                            "--oif-only",
                            "the isolation forest's ROC-AUC alone (no RCF, heap, restore)")
                    .toggle(
                            "--auc-only",
                            "both ROC-AUCs and events/s (no attribution, heap, restore)")
                    .toggle(
                            "--drift",
                            "synthetic drifting streams instead of ADBench (needs no data)")
                    .value("--points", "N", "points per drifting stream (default 100,000)");

    private ScorerBenchmark() {}

    public static int run(String[] args) throws Exception {
        Cli.Parsed a = CLI.parse(args);
        Path dir = a.value("--data", Path::of, Path.of("../shared/data/adbench"));
        int seeds = a.integer("--seeds", 5);
        int trees = a.integer("--trees", 32);
        int window = a.integer("--window", OnlineIsolationForest.DEFAULT_WINDOW);
        int eta = a.integer("--resolution", OnlineIsolationForest.DEFAULT_RESOLUTION);
        int scales = a.integer("--scales", OnlineIsolationForest.DEFAULT_SCALES);
        int maxPoints = a.integer("--max-points", Integer.MAX_VALUE);
        int attributionPoints = 20_000;
        List<String> sets = a.value("--sets", ScorerBenchmark::sets, Arrays.asList(CHOOSE));
        boolean drift = a.has("--drift");
        boolean oifOnly = a.has("--oif-only");
        boolean aucOnly = a.has("--auc-only");
        int points = a.integer("--points", 100_000);
        if (drift) {
            if (points <= 2 * window) {
                throw CLI.error("--points must exceed two windows (" + 2 * window + ")");
            }
            drift(seeds, trees, window, eta, scales, points);
            return 0;
        }
        if (!Files.isDirectory(dir)) {
            System.out.println(
                    "ADBench data not found at "
                            + dir.toAbsolutePath()
                            + " (pass --data DIR); nothing to measure.");
            return 0;
        }
        System.out.printf(
                Locale.ROOT,
                "scorer benchmark: %d seeds, %d trees, window %d, resolution %d, scales %d (RCF: %d trees, sample size 256); java %s, %d cores%n",
                seeds,
                trees,
                window,
                eta,
                scales,
                trees,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "%-16s %8s %8s %8s | %10s %10s %6s | %10s %10s %6s | %9s %9s | %9s %9s | %8s %8s%n",
                "set",
                "points",
                "AUC oif",
                "AUC rcf",
                "ev/s oif",
                "ev/s rcf",
                "ratio",
                "attr oif",
                "attr rcf",
                "ratio",
                "heap oif",
                "heap rcf",
                "ser oif",
                "ser rcf",
                "rst oif",
                "rst rcf");
        double sumO = 0;
        double sumR = 0;
        double worst = Double.POSITIVE_INFINITY;
        for (String name : sets) {
            Npz data = Npz.read(dir.resolve(name + ".npz"));
            int n = Math.min(maxPoints, data.x.length);
            int d = data.x[0].length;
            double[] aucO = new double[seeds];
            double[] aucR = new double[seeds];
            double[] rateO = new double[seeds];
            double[] rateR = new double[seeds];
            OnlineIsolationForest lastO = null;
            RandomCutForest lastR = null;
            for (int s = 0; s < seeds; s++) {
                int[] order = shuffle(data.x.length, 1000 + s, n);
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = data.y[order[i]];
                }
                OnlineIsolationForest o =
                        new OnlineIsolationForest(d, trees, window, eta, scales, s + 1);
                double[] so = new double[n];
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    double[] p = data.x[order[i]];
                    so[i] = o.score(p);
                    o.learn(p);
                }
                rateO[s] = n / ((System.nanoTime() - t0) / 1e9);
                aucO[s] = RocAuc.of(so, labels);
                if (oifOnly) {
                    continue;
                }
                RandomCutForest r = rcf(d, trees, s + 1);
                double[] sr = new double[n];
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    double[] p = data.x[order[i]];
                    sr[i] = r.getAnomalyScore(p);
                    r.update(p);
                }
                rateR[s] = n / ((System.nanoTime() - t0) / 1e9);
                aucR[s] = RocAuc.of(sr, labels);
                lastO = o;
                lastR = r;
            }
            if (oifOnly) {
                double mo = median(aucO);
                sumO += mo;
                System.out.printf(Locale.ROOT, "%-18s %8d %8.4f%n", name, n, mo);
                continue;
            }
            if (aucOnly) {
                double mo = median(aucO);
                double mr = median(aucR);
                sumO += mo;
                sumR += mr;
                worst = Math.min(worst, mo - mr);
                System.out.printf(
                        Locale.ROOT,
                        "%-16s %8d %8.4f %8.4f | %10.0f %10.0f %6.1f%n",
                        name,
                        n,
                        mo,
                        mr,
                        median(rateO),
                        median(rateR),
                        median(rateO) / median(rateR));
                continue;
            }
            int m = Math.min(n, attributionPoints);
            double attrO = attributionRate(lastO, data.x, m);
            double attrR = attributionRate(lastR, data.x, m);
            final int t = trees;
            final int w = window;
            final int e = eta;
            final int sc = scales;
            long heapO =
                    heapPerModel(
                            () -> trained(new OnlineIsolationForest(d, t, w, e, sc, 7), data.x, w));
            long heapR = heapPerModel(() -> trainedRcf(rcf(d, t, 7), data.x));
            byte[] bytesO = lastO.toBytes();
            byte[] bytesR = rcfBytes(lastR);
            double restoreO = restoreMillis(() -> OnlineIsolationForest.fromBytes(bytesO));
            double restoreR = restoreMillis(() -> rcfRestore(bytesR));
            double mo = median(aucO);
            double mr = median(aucR);
            sumO += mo;
            sumR += mr;
            worst = Math.min(worst, mo - mr);
            System.out.printf(
                    Locale.ROOT,
                    "%-16s %8d %8.4f %8.4f | %10.0f %10.0f %6.1f | %10.0f %10.0f %6.1f | %9s %9s | %9s %9s | %6.2fms %6.2fms%n",
                    name,
                    n,
                    mo,
                    mr,
                    median(rateO),
                    median(rateR),
                    median(rateO) / median(rateR),
                    attrO,
                    attrR,
                    attrO / attrR,
                    kib(heapO),
                    kib(heapR),
                    kib(bytesO.length),
                    kib(bytesR.length),
                    restoreO,
                    restoreR);
        }
        System.out.printf(
                Locale.ROOT,
                "mean AUC over %d sets: oif %.4f, rcf %.4f; worst set oif - rcf %+.4f%n",
                sets.size(),
                sumO / sets.size(),
                sumR / sets.size(),
                worst);
        return 0;
    }

    static final String[] STREAMS = {"stationary", "slow-drift", "regime-switch", "fast-drift"};

    /**
     * Synthetic streams of 6 Gaussian features with 1% planted outliers (one feature pushed 4-6
     * standard deviations either way), whose mean stays put, moves one standard deviation per
     * window ("slow"), per eighth of a window ("fast"), or jumps between three levels every 20,000
     * points: how well each model follows data that moves. ROC-AUC after a warm-up of two windows.
     */
    static void drift(int seeds, int trees, int window, int eta, int scales, int n) {
        int d = 6;
        int warm = 2 * window;
        System.out.printf(
                Locale.ROOT,
                "drift benchmark: %d points, %d features, 1%% outliers, %d seeds, %d trees, window %d, resolution %d, scales %d"
                        + " (RCF: sample size 256)%n%-14s %8s %8s%n",
                n,
                d,
                seeds,
                trees,
                window,
                eta,
                scales,
                "stream",
                "AUC oif",
                "AUC rcf");
        for (String stream : STREAMS) {
            double sumO = 0;
            double sumR = 0;
            for (int s = 0; s < seeds; s++) {
                Random r = new Random(s + 1);
                OnlineIsolationForest o =
                        new OnlineIsolationForest(d, trees, window, eta, scales, s + 1);
                RandomCutForest f = rcf(d, trees, s + 1);
                double[] so = new double[n - warm];
                double[] sr = new double[n - warm];
                int[] labels = new int[n - warm];
                for (int i = 0; i < n; i++) {
                    double mean = driftMean(stream, i, window);
                    double[] x = new double[d];
                    for (int k = 0; k < d; k++) {
                        x[k] = mean + r.nextGaussian();
                    }
                    boolean outlier = r.nextDouble() < 0.01;
                    if (outlier) {
                        x[r.nextInt(d)] += (r.nextBoolean() ? 1 : -1) * (4 + 2 * r.nextDouble());
                    }
                    if (i >= warm) {
                        so[i - warm] = o.score(x);
                        sr[i - warm] = f.getAnomalyScore(x);
                        labels[i - warm] = outlier ? 1 : 0;
                    }
                    o.learn(x);
                    f.update(x);
                }
                sumO += RocAuc.of(so, labels);
                sumR += RocAuc.of(sr, labels);
            }
            System.out.printf(
                    Locale.ROOT, "%-14s %8.4f %8.4f%n", stream, sumO / seeds, sumR / seeds);
        }
    }

    static double driftMean(String stream, int i, int window) {
        switch (stream) {
            case "slow-drift":
                return i / (double) window;
            case "fast-drift":
                return 8.0 * i / window;
            case "regime-switch":
                return (i / 20_000) % 3 * 8;
            default:
                return 0;
        }
    }

    static List<String> sets(String v) {
        switch (v) {
            case "choose":
                return Arrays.asList(CHOOSE);
            case "report":
                return Arrays.asList(REPORT);
            case "all":
                List<String> all = new java.util.ArrayList<>(Arrays.asList(CHOOSE));
                all.addAll(Arrays.asList(REPORT));
                return all;
            default:
                return Arrays.asList(v.split(","));
        }
    }

    static RandomCutForest rcf(int d, int trees, long seed) {
        return RandomCutForest.builder()
                .dimensions(d)
                .numberOfTrees(trees)
                .sampleSize(256)
                .randomSeed(seed)
                .parallelExecutionEnabled(false)
                .build();
    }

    static double attributionRate(OnlineIsolationForest o, double[][] x, int m) {
        double[] hi = new double[o.dimensions()];
        double[] lo = new double[o.dimensions()];
        long t0 = System.nanoTime();
        for (int i = 0; i < m; i++) {
            o.scoreAndAttribute(x[i], hi, lo);
            o.learn(x[i]);
        }
        return m / ((System.nanoTime() - t0) / 1e9);
    }

    static double attributionRate(RandomCutForest r, double[][] x, int m) {
        long t0 = System.nanoTime();
        for (int i = 0; i < m; i++) {
            r.getAnomalyAttribution(x[i]);
            r.update(x[i]);
        }
        return m / ((System.nanoTime() - t0) / 1e9);
    }

    static OnlineIsolationForest trained(OnlineIsolationForest o, double[][] x, int window) {
        for (int i = 0; i < Math.min(x.length, Math.max(5_000, window)); i++) {
            o.learn(x[i]);
        }
        return o;
    }

    static RandomCutForest trainedRcf(RandomCutForest r, double[][] x) {
        for (int i = 0; i < Math.min(x.length, 5_000); i++) {
            r.update(x[i]);
        }
        return r;
    }

    /** Heap retained per trained model: the median of three measurements of 16 models. */
    static long heapPerModel(java.util.function.Supplier<Object> make) {
        long[] per = new long[3];
        for (int k = 0; k < per.length; k++) {
            Object[] keep = new Object[16];
            long before = usedAfterGc();
            for (int i = 0; i < keep.length; i++) {
                keep[i] = make.get();
            }
            long after = usedAfterGc();
            per[k] = (after - before) / keep.length;
            if (keep[0].hashCode() == 42) {
                System.out.print("");
            }
        }
        Arrays.sort(per);
        return per[1];
    }

    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static byte[] rcfBytes(RandomCutForest r) throws Exception {
        RandomCutForestMapper mapper = new RandomCutForestMapper();
        mapper.setSaveExecutorContextEnabled(true);
        mapper.setCompressionEnabled(true);
        RandomCutForestState state = mapper.toState(r);
        return new ObjectMapper().writeValueAsBytes(state);
    }

    static Object rcfRestore(byte[] bytes) {
        try {
            RandomCutForestState state =
                    new ObjectMapper().readValue(bytes, RandomCutForestState.class);
            return new RandomCutForestMapper().toModel(state);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Time to restore one model: the median of 51 restores after 20 warm-up ones, each timed on its
     * own, so that a shared, loaded machine's preemptions move it less than a mean.
     */
    static double restoreMillis(java.util.function.Supplier<Object> restore) {
        for (int i = 0; i < 20; i++) {
            restore.get();
        }
        double[] ms = new double[51];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            restore.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(ms);
    }

    static int[] shuffle(int total, long seed, int n) {
        int[] idx = new int[total];
        for (int i = 0; i < total; i++) {
            idx[i] = i;
        }
        Random r = new Random(seed);
        for (int i = total - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return Arrays.copyOf(idx, n);
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.1fK", bytes / 1024.0);
    }
}
