package io.trailsentry.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-key day counts of sources and user agents, through decay and eviction. */
class DecayedCountsTest {
    static final long DAY = 86_400_000L;
    static final long T0 = 1_773_100_800_000L; // 2026-03-10T00:00:00Z
    static final long HALF = 14 * DAY;

    static long day(long t) {
        return Math.floorDiv(t, DAY);
    }

    @Test
    void countsDistinctEarlierDaysOncePerDay() {
        DecayedCounts c = new DecayedCounts();
        c.addDaily("a", T0 + 20 * 3_600_000L, HALF, 4);
        c.addDaily("a", T0 + 21 * 3_600_000L, HALF, 4);
        assertThat(c.earlierDays("a", day(T0))).isZero(); // only today
        assertThat(c.earlierDays("a", day(T0) + 1)).isEqualTo(1);
        c.addDaily("a", T0 + DAY + 3_600_000L, HALF, 4);
        assertThat(c.earlierDays("a", day(T0) + 1)).isEqualTo(1);
        assertThat(c.earlierDays("a", day(T0) + 2)).isEqualTo(2);
        assertThat(c.earlierDays("b", day(T0) + 2)).isZero();
        // a late event of an earlier day is not a new day
        c.addDaily("a", T0 + 3_600_000L, HALF, 4);
        assertThat(c.earlierDays("a", day(T0) + 2)).isEqualTo(2);
    }

    @Test
    void dayCountsFollowTheirKeysThroughEvictionAndDecay() {
        DecayedCounts c = new DecayedCounts();
        for (int d = 0; d < 3; d++) {
            c.addDaily("old", T0 + d * DAY, HALF, 2);
            c.addDaily("old", T0 + d * DAY + 1_000, HALF, 2);
        }
        c.addDaily("once", T0 + 3 * DAY, HALF, 2);
        c.addDaily("new", T0 + 3 * DAY + 1_000, HALF, 2); // evicts the lighter "once"
        assertThat(c.keys).containsExactlyInAnyOrder("old", "new");
        assertThat(c.days).hasSize(2);
        assertThat(c.earlierDays("old", day(T0) + 4)).isEqualTo(3);
        assertThat(c.earlierDays("new", day(T0) + 4)).isEqualTo(1);
        // a year later "new" has decayed away, "old" (heavier) has not yet: days stay aligned
        c.addDaily("old", T0 + 100 * DAY, HALF, 2);
        assertThat(c.keys).containsExactly("old");
        assertThat(c.days).hasSize(1);
        assertThat(c.earlierDays("old", day(T0) + 101)).isEqualTo(4);
    }

    @Test
    void keysLearntBeforeDaysWereCountedStayUncounted() {
        DecayedCounts c = new DecayedCounts();
        c.add("restored", T0, HALF, 4);
        assertThat(c.days).isNull();
        assertThat(c.earlierDays("restored", day(T0) + 1)).isEqualTo(DecayedCounts.UNCOUNTED);
        c.addDaily("restored", T0 + DAY, HALF, 4);
        c.addDaily("fresh", T0 + DAY, HALF, 4);
        assertThat(c.earlierDays("restored", day(T0) + 2)).isEqualTo(DecayedCounts.UNCOUNTED);
        assertThat(c.earlierDays("fresh", day(T0) + 2)).isEqualTo(1);
    }

    @Test
    void aPrincipalYoungerThanTheDaysNeedsEveryEarlierDay() {
        BaselinePolicy policy = BaselinePolicy.defaults();
        Profile p = new Profile();
        ProfileLearner learner = new ProfileLearner(HALF);
        EventKeys keys = new EventKeys();
        for (int i = 0; i < 5; i++) {
            io.trailsentry.cloudtrail.CloudTrailEvent e =
                    new io.trailsentry.cloudtrail.CloudTrailEvent();
            e.eventSource = "s3.amazonaws.com";
            e.eventName = "ListBuckets";
            e.eventTime = T0 + i * 60_000L;
            e.sourceIpAddress = "198.51.100.7";
            e.userAgent = "aws-cli/2.15";
            learner.learn(p, e, keys.of(e));
        }
        // one earlier active day: a source seen on it with enough events is the principal's own
        assertThat(policy.established(p, p.sources, "198.51.100.0/24", day(T0) + 1)).isTrue();
        // not on the day it was first seen
        assertThat(policy.established(p, p.sources, "198.51.100.0/24", day(T0))).isFalse();
    }
}
