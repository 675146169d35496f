package io.trailsentry.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {
    private static void same(double v) {
        assertEquals(String.format(Locale.ROOT, "%.2f", v), Decimals.twoPlaces(v), "value " + v);
    }

    @Test
    void writesWhatTheFormatterWritesForScoresAndAttributions() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 500_000; i++) {
            same(r.nextDouble()); // scores and attribution shares
            same(r.nextDouble() * 100);
            same(r.nextDouble() * 2e6 - 1e6); // negative and beyond the fast path too
        }
    }

    @Test
    void writesWhatTheFormatterWritesAtAndNearTies() {
        for (int cents = 0; cents < 100_000; cents++) {
            double tie = (cents + 0.5) / 100;
            same(tie);
            same(Math.nextUp(tie));
            same(Math.nextDown(tie));
            same(tie + 1e-9);
            same(tie - 1e-9);
            same(cents / 100.0);
        }
    }

    @Test
    void writesWhatTheFormatterWritesJustOutsideTheTieGuardUpToTheFastPathsEnd() {
        // ties anywhere below 1e6, and values a little beyond the 1e-6 guard (in hundredths) on
        // either side: the fast path's own rounding, where it is closest to a tie
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            long cents = r.nextLong(100_000_000L);
            double tie = (cents + 0.5) / 100;
            same(tie);
            same(tie + 1.5e-8);
            same(tie - 1.5e-8);
            same(tie + 1.1e-8);
            same(tie - 1.1e-8);
        }
    }

    @Test
    void writesWhatTheFormatterWritesAtTheEdges() {
        double[] edges = {
            0,
            -0.0,
            -0.001,
            -0.005,
            0.004999,
            0.005,
            0.995,
            0.9949999,
            9.995,
            99.995,
            999_999.994,
            999_999.995,
            1e6,
            1e12,
            4.9e-324,
            Double.MIN_NORMAL,
            Double.MAX_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        };
        for (double v : edges) {
            same(v);
        }
        assertEquals(
                "anomaly 0.87",
                Decimals.appendTwoPlaces(new StringBuilder("anomaly "), 0.8712).toString());
    }
}
