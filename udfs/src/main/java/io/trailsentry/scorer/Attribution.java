package io.trailsentry.scorer;

import io.trailsentry.util.Decimals;

/** Renders the strongest parts of an attribution: "compute calls high (0.21), ...". */
public final class Attribution {
    private Attribution() {}

    public static String describe(String[] names, double[] high, double[] low, int top) {
        StringBuilder sb = new StringBuilder();
        boolean[] used = new boolean[names.length * 2];
        for (int k = 0; k < top; k++) {
            int best = -1;
            double bestValue = 0;
            for (int i = 0; i < names.length * 2; i++) {
                double v = i < names.length ? high[i] : low[i - names.length];
                if (!used[i] && v > bestValue) {
                    best = i;
                    bestValue = v;
                }
            }
            if (best < 0) {
                break;
            }
            used[best] = true;
            if (sb.length() > 0) {
                sb.append(", ");
            }
            boolean isHigh = best < names.length;
            sb.append(names[isHigh ? best : best - names.length])
                    .append(isHigh ? " high" : " low")
                    .append(" (");
            Decimals.appendTwoPlaces(sb, bestValue).append(')');
        }
        return sb.toString();
    }
}
