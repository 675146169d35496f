package io.trailsentry.scorer;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.rules.Rules;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.Profile;
import org.junit.jupiter.api.Test;

/** A window the watermark closes is closed with what it kept of the baseline, not the baseline. */
class FeatureExtractorTest {
    static final long DAY = 86_400_000L;
    final BaselinePolicy baseline = BaselinePolicy.defaults();
    final Rules rules = new Rules(RulePolicy.defaults(), baseline);
    final FeatureExtractor extractor = new FeatureExtractor(ScorerPolicy.defaults(), baseline);

    /** A principal with {@code days} of history, then a burst left open in its window. */
    private void play(Profile p, FeatureWindow w, int days) {
        int n = 0;
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < 6; i++) {
                observe(p, w, event("s3", "GetObject", T0 + d * DAY + i * 60_000L, "h" + n++));
            }
        }
        long burst = T0 + days * DAY + 3_600_000L;
        observe(p, w, event("ec2", "DescribeInstances", burst, "b1"));
        observe(p, w, event("iam", "ListRoles", burst + 1_000, "b2"));
        observe(p, w, event("ec2", "RunInstances", burst + 2_000, "b3"));
    }

    private void observe(Profile p, FeatureWindow w, io.trailsentry.cloudtrail.CloudTrailEvent e) {
        rules.observe(p, e, s -> {}, (b, ev, keys) -> extractor.add(b, w, ev, keys), h -> {});
    }

    @Test
    void theRememberedCloseIsTheCloseAgainstTheBaseline() {
        for (int days : new int[] {0, 2, 30}) {
            Profile p1 = new Profile();
            FeatureWindow w1 = new FeatureWindow();
            play(p1, w1, days);
            extractor.remember(p1, w1);
            Profile p2 = new Profile();
            FeatureWindow w2 = new FeatureWindow();
            play(p2, w2, days);

            FeatureVector remembered = extractor.closeRemembered(w1);
            FeatureVector read = extractor.close(p2, w2);
            assertThat(read).as(days + " days").isNotNull();
            assertThat(remembered).as(days + " days").usingRecursiveComparison().isEqualTo(read);
            assertThat(remembered.baselineMature).as(days + " days").isEqualTo(days >= 30);
            assertThat(w1.start).as("closed").isZero();
        }
    }

    @Test
    void aWindowOfAnEarlierReleaseKeptNothingAndIsClosedAgainstTheBaseline() {
        Profile p = new Profile();
        FeatureWindow w = new FeatureWindow();
        play(p, w, 1);
        assertThat(extractor.closeRemembered(w)).isNull();
        assertThat(w.start).as("still open: the profile closes it").isNotZero();
        assertThat(extractor.close(p, w)).isNotNull();
    }
}
