package io.trailsentry.detect.population;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.GpuCompute;
import io.trailsentry.principal.Principal;
import io.trailsentry.profile.HourSummary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The population's judgements and its outlier detection, on summaries made by hand. */
class PopulationModelTest {
    static final String ACCOUNT = "111122223333";
    static final long DAY = 86_400_000L;
    static final long T0 = 20_522L * DAY; // 2026-03-10

    final PopulationModel model = new PopulationModel(RulePolicy.defaults());
    final AccountPopulation account = AccountPopulation.of(ACCOUNT);
    final AccountPopulation org = AccountPopulation.of("*");

    static Principal user(String name) {
        return new Principal(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/" + name, "IAMUser", null);
    }

    static HourSummary hour(Principal p, long start, boolean mature, int... dims) {
        HourSummary s = new HourSummary();
        s.principal = p;
        s.kind = HourSummary.CLOSED;
        s.mature = mature;
        s.hourStart = start;
        s.eventTime = start + 3_000_000L;
        s.eventId = p.arn + start;
        s.services = dims[0];
        s.apis = dims[1];
        s.errors = dims[2];
        s.sources = dims[3];
        return s;
    }

    /** {@code n} mature users, each with {@code hours} ordinary hours on the days before T0. */
    void maturePopulation(int n, int hours, String... classes) {
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < hours; h++) {
                HourSummary s = hour(user("u" + i), T0 - DAY - h * 3_600_000L, true, 3, 6, 0, 1);
                s.classes = classes;
                s.gpus = classes.length > 0 ? 4 : 0;
                s.vcpus = classes.length > 0 ? 48 : 0;
                assertThat(model.observe(s, account, org)).isNull();
            }
        }
    }

    static Signal held(String question, Severity severity) {
        Signal s = Signal.detection(GpuCompute.DETECTION, user("new"), "request");
        s.eventTime = T0 + 3_600_000L;
        s.severity(severity);
        s.population = question;
        return s;
    }

    @Test
    void withNoPopulationANoveltyQuestionHasNoReferenceAndIsEvidence() {
        Signal s = model.judge(held("accelerated", Severity.MEDIUM), account, org, a -> false);
        assertThat(s.routine).isTrue();
        assertThat(s.severity).isEqualTo(Severity.LOW.id);
        assertThat(s.population).isNull();
        assertThat(s.summary).contains("no baseline yet");
    }

    @Test
    void whatTheAccountsMaturePrincipalsDoOnEarlierDaysIsRoutine() {
        maturePopulation(3, 4, "accelerated");
        Signal s = model.judge(held("accelerated", Severity.MEDIUM), account, org, a -> false);
        assertThat(s.routine).isTrue();
        assertThat(s.summary).contains("routine for its account's mature principals");
    }

    @Test
    void whatNoMaturePrincipalDoesStaysNewForTheAccountToo() {
        maturePopulation(3, 4);
        Signal s = model.judge(held("accelerated", Severity.MEDIUM), account, org, a -> false);
        assertThat(s.routine).isFalse();
        assertThat(s.severity).isEqualTo(Severity.MEDIUM.id);
        assertThat(s.summary).contains("new for its account's mature principals too");
    }

    @Test
    void flaggedHoursTeachNoHabits() {
        for (int i = 0; i < 3; i++) {
            HourSummary s = hour(user("u" + i), T0 - DAY, true, 3, 6, 0, 1);
            s.classes = new String[] {"accelerated"};
            s.flagged = true;
            model.observe(s, account, org);
        }
        assertThat(account.maturePrincipals).isEmpty();
        assertThat(account.classes).isEmpty();
    }

    @Test
    void scaleIsJudgedAgainstThePopulationsLargestHour() {
        maturePopulation(3, 4, "accelerated");
        Signal beyond =
                model.judge(held("scale:2000:200", Severity.MEDIUM), account, org, a -> false);
        assertThat(beyond.severity).isEqualTo(Severity.HIGH.id);
        assertThat(beyond.summary).contains("beyond its account's mature principals' largest hour");
        Signal within = model.judge(held("scale:96:8", Severity.MEDIUM), account, org, a -> false);
        assertThat(within.severity).isEqualTo(Severity.LOW.id);
        assertThat(within.routine).isTrue();
    }

    @Test
    void withNoPopulationOnlyBlatantScaleCounts() {
        Signal blatant =
                model.judge(held("scale:4096:512", Severity.MEDIUM), account, org, a -> false);
        assertThat(blatant.severity).isEqualTo(Severity.MEDIUM.id);
        assertThat(blatant.routine).isFalse();
        Signal small = model.judge(held("scale:112:22", Severity.MEDIUM), account, org, a -> false);
        assertThat(small.severity).isEqualTo(Severity.LOW.id);
    }

    @Test
    void aShareWithAccountsThatDeliverCloudTrailStaysInside() {
        Set<String> delivering = Set.of("444455556666");
        Signal inside =
                model.judge(
                        held("share:444455556666", Severity.HIGH),
                        account,
                        org,
                        delivering::contains);
        assertThat(inside.severity).isEqualTo(Severity.LOW.id);
        assertThat(inside.routine).isTrue();
        assertThat(inside.summary).contains("the organisation's own");
        Signal outside =
                model.judge(
                        held("share:444455556666,999988887777", Severity.HIGH),
                        account,
                        org,
                        delivering::contains);
        assertThat(outside.severity).isEqualTo(Severity.HIGH.id);
        assertThat(outside.routine).isFalse();
    }

    @Test
    void anImmatureHourFarBeyondItsAccountIsAnOutlierOnce() {
        maturePopulation(3, 10);
        HourSummary probe = hour(user("new"), T0, false, 20, 40, 1, 1);
        probe.kind = HourSummary.PROBE;
        Signal s = model.observe(probe, account, org);
        assertThat(s).isNotNull();
        assertThat(s.detectionId).isEqualTo("TS-AN-002");
        assertThat(s.severity).isEqualTo(Severity.MEDIUM.id);
        assertThat(s.summary).contains("20 services").contains("its account's mature users");
        HourSummary more = hour(user("new"), T0, false, 40, 80, 30, 6);
        more.kind = HourSummary.PROBE;
        assertThat(model.observe(more, account, org)).as("once per principal-hour").isNull();
    }

    @Test
    void anOrdinaryNewcomerAndAMaturePrincipalAreNotOutliers() {
        maturePopulation(3, 10);
        assertThat(model.observe(hour(user("new"), T0, false, 10, 12, 0, 1), account, org))
                .isNull();
        assertThat(model.observe(hour(user("u1"), T0, true, 40, 80, 30, 6), account, org))
                .as("mature principals have their own baseline")
                .isNull();
    }

    @Test
    void withNoPopulationOnlyABlatantHourIsAnOutlier() {
        assertThat(model.observe(hour(user("a"), T0, false, 20, 40, 0, 1), account, org)).isNull();
        Signal s = model.observe(hour(user("b"), T0, false, 20, 45, 25, 6), account, org);
        assertThat(s).isNotNull();
        assertThat(s.severity).isEqualTo(Severity.HIGH.id);
        assertThat(s.summary).contains("no population to compare yet");
    }

    @Test
    void histogramsStayBoundedAndOrderedQuantiles() {
        int[] hist = new int[AccountPopulation.KINDS * AccountPopulation.DIMS * 16];
        int[] hours = new int[AccountPopulation.KINDS];
        for (int i = 0; i < 10_000; i++) {
            AccountPopulation.add(hist, hours, 0, new int[] {i % 10, 5, 0, 1});
        }
        assertThat(hours[0]).isLessThanOrEqualTo(AccountPopulation.HALVE_AT);
        assertThat(AccountPopulation.quantile(hist, hours, 0, 0, 0.99)).isEqualTo(15);
        assertThat(AccountPopulation.quantile(hist, hours, 0, 1, 0.99)).isEqualTo(7);
        assertThat(AccountPopulation.quantile(hist, hours, 0, 2, 0.99)).isZero();
    }
}
