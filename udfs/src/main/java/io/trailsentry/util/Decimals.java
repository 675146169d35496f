package io.trailsentry.util;

import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%.2f", v)} without the formatter: a flagged window's signal
 * renders its score and three attributions this way, and on a first start (every principal's
 * windows flagged as evidence while its baseline is immature) the formatter's pattern parsing and
 * decimal conversion were a third of the scorer thread. The text is the formatter's, exactly:
 * values near a rounding tie, negative, very large or not finite are left to it.
 */
public final class Decimals {
    private static final double NEAR_TIE = 1e-6;

    private Decimals() {}

    /** Appends {@code v} with two decimals, as {@code %.2f} under {@link Locale#ROOT} would. */
    public static StringBuilder appendTwoPlaces(StringBuilder sb, double v) {
        if (!(v < 1e6) || Double.doubleToRawLongBits(v) < 0) {
            // negative (-0.00 too), large, NaN and infinities: the formatter's
            return sb.append(String.format(Locale.ROOT, "%.2f", v));
        }
        double hundredths = v * 100;
        double floor = Math.floor(hundredths);
        if (Math.abs(hundredths - floor - 0.5) < NEAR_TIE) {
            // a tie in binary may not be one in the decimal the formatter rounds: its call
            return sb.append(String.format(Locale.ROOT, "%.2f", v));
        }
        long r = (long) floor + (hundredths - floor > 0.5 ? 1 : 0);
        long cents = r % 100;
        return sb.append(r / 100).append('.').append(cents < 10 ? "0" : "").append(cents);
    }

    /** {@code v} with two decimals, as {@code %.2f} under {@link Locale#ROOT} would. */
    public static String twoPlaces(double v) {
        return appendTwoPlaces(new StringBuilder(12), v).toString();
    }
}
