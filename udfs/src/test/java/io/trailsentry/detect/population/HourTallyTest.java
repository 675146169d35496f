package io.trailsentry.detect.population;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.TestEvents;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.EventKeys;
import io.trailsentry.profile.HourSummary;
import io.trailsentry.profile.HourTally;
import org.junit.jupiter.api.Test;

/** A principal's running hour: distinct counts, closing, probes, the MFA mark. */
class HourTallyTest {
    static final long HOUR = 20_522L * 86_400_000L + 9 * 3_600_000L;

    @Test
    void countsDistinctKeysClosesTheHourAndProbesAsCountsGrow() {
        HourTally t = new HourTally();
        EventKeys keys = new EventKeys();
        int probes = 0;
        for (int i = 0; i < 40; i++) {
            CloudTrailEvent e =
                    TestEvents.event("svc" + (i % 10), "Describe" + i, HOUR + i * 1_000L, "e" + i);
            e.sourceIpAddress = "203.0.113." + (i % 2);
            e.errorCode = i % 4 == 0 ? "AccessDenied" : null;
            int[] before = t.counts();
            assertThat(t.add(e, keys.of(e), ActionClass.of(e), false, e.principal, 0, 0)).isNull();
            if (t.probe(e.principal, e, before) != null) {
                probes++;
            }
        }
        assertThat(t.services()).isBetween(9, 12);
        assertThat(t.apis()).isBetween(34, 46);
        assertThat(t.errors()).isEqualTo(10);
        assertThat(t.sources()).isEqualTo(1);
        // a probe each time one of the four counts crossed a step of 4, 5, 6, 8, 10, 12, 15, 19...
        assertThat(probes).isBetween(8, 20);
        CloudTrailEvent next = TestEvents.event("s3", "ListBuckets", HOUR + 3_600_000L, "n");
        HourSummary closed =
                t.add(next, keys.of(next), ActionClass.of(next), true, next.principal, 96, 8);
        assertThat(closed).isNotNull();
        assertThat(closed.kind).isEqualTo(HourSummary.CLOSED);
        assertThat(closed.hourStart).isEqualTo(HOUR);
        assertThat(closed.eventTime).isEqualTo(HOUR + 3_599_999L);
        assertThat(closed.errors).isEqualTo(10);
        assertThat(closed.mature).isTrue();
        assertThat(closed.gpus).isEqualTo(8);
        assertThat(t.apis()).isEqualTo(1);
        assertThat(t.errors()).isZero();
    }

    @Test
    void aConsoleSignInWithMfaVouchesForItsHourAndTheNext() {
        HourTally t = new HourTally();
        EventKeys keys = new EventKeys();
        CloudTrailEvent login =
                TestEvents.event("signin", "ConsoleLogin", HOUR + 50 * 60_000L, "l");
        t.add(login, keys.of(login), null, false, login.principal, 0, 0);
        t.mfaSignIn();
        assertThat(t.mfaSignInNear(HOUR + 55 * 60_000L)).isTrue();
        assertThat(t.mfaSignInNear(HOUR + 70 * 60_000L)).isTrue();
        CloudTrailEvent later = TestEvents.event("iam", "ListUsers", HOUR + 65 * 60_000L, "u");
        t.add(later, keys.of(later), null, false, later.principal, 0, 0);
        assertThat(t.mfaSignInNear(HOUR + 70 * 60_000L)).isTrue();
        assertThat(t.mfaSignInNear(HOUR + 125 * 60_000L)).isFalse();
        CloudTrailEvent next = TestEvents.event("iam", "ListUsers", HOUR + 125 * 60_000L, "v");
        t.add(next, keys.of(next), null, false, next.principal, 0, 0);
        assertThat(t.mfaSignInNear(HOUR + 126 * 60_000L)).isFalse();
    }
}
