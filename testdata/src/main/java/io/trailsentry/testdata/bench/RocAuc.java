package io.trailsentry.testdata.bench;

import java.util.Arrays;
import java.util.Comparator;

/** ROC-AUC by ranks (ties averaged): the probability an anomaly outscores a normal point. */
final class RocAuc {
    private RocAuc() {}

    static double of(double[] scores, int[] labels) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && scores[idx[j + 1]] == scores[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[idx[k]] == 1) {
                    rankSumPos += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = scores.length - pos;
        return pos == 0 || neg == 0
                ? Double.NaN
                : (rankSumPos - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }
}
