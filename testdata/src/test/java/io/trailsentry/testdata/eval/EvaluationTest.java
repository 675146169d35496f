package io.trailsentry.testdata.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.Severity;
import io.trailsentry.incident.Finding;
import io.trailsentry.principal.Principal;
import io.trailsentry.testdata.Labels;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    static final String ATTACKER = "1|arn:aws:iam::1:user/victim";
    static final String BENIGN = "1|arn:aws:iam::1:role/ci";

    static Finding finding(String key, long time, Severity s, int... categories) {
        Finding f = new Finding();
        f.principal = new Principal("1", key.substring(2), "IAMUser", null);
        f.time = time;
        f.severityId = s.id;
        f.categories = categories;
        f.version = 1;
        f.title = "t";
        return f;
    }

    @Test
    void scoresTimeToDetectFromTheLabels() {
        Labels labels = new Labels();
        Labels.Attack a = labels.attack("x", "d", ATTACKER);
        a.firstAttackEvent = 1_000_000;
        a.firstProvisioningEvent = 1_060_000;
        a.stages.put("enumeration", 1_000_000L);
        a.stages.put("provisioning_complete", 1_200_000L);
        labels.benign(BENIGN, "ci", "terraform-termination-protection");

        Evaluation ev = new Evaluation();
        ev.allFindings.add(finding(ATTACKER, 900_000, Severity.MEDIUM, 1)); // before the attack
        ev.allFindings.add(finding(ATTACKER, 1_030_000, Severity.MEDIUM, 2, 3));
        ev.allFindings.add(finding(ATTACKER, 1_090_000, Severity.HIGH, 2, 3, 4));
        ev.allFindings.add(finding(ATTACKER, 1_150_000, Severity.CRITICAL, 2, 3, 4, 6));
        ev.allFindings.add(finding(BENIGN, 1_100_000, Severity.LOW, 4));
        ev.score(labels);

        Evaluation.ScenarioResult r = ev.scenarios.get(0);
        assertThat(r.detected).isTrue();
        assertThat(r.findings).isEqualTo(3);
        assertThat(r.highestSeverity).isEqualTo(Severity.CRITICAL.id);
        assertThat(r.firstFindingMs).isEqualTo(30_000);
        assertThat(r.toHighMs).isEqualTo(90_000);
        assertThat(r.toCriticalMs).isEqualTo(150_000);
        assertThat(r.highFromProvisioningMs).isEqualTo(30_000);
        assertThat(r.criticalBeforeProvisioningComplete).isTrue();
        assertThat(r.categories).containsExactly(2, 3, 4, 6);

        assertThat(ev.benign)
                .extracting(b -> b.principal, b -> b.findings.size(), b -> b.highestSeverity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BENIGN, 1, Severity.LOW.id),
                        org.assertj.core.groups.Tuple.tuple(ATTACKER, 1, Severity.MEDIUM.id));
    }

    @Test
    void undetectedScenariosSayNo() {
        Labels labels = new Labels();
        Labels.Attack a = labels.attack("quiet", "d", ATTACKER);
        a.firstAttackEvent = 1_000;
        Evaluation ev = new Evaluation();
        ev.allFindings.add(finding(ATTACKER, 2_000, Severity.MEDIUM, 3));
        ev.score(labels);
        assertThat(ev.scenarios.get(0).detected).isFalse();
        assertThat(ev.scenarios.get(0).toHighMs).isEqualTo(-1);
    }

    @Test
    void onlyTheFileSourceFetcherRaceIsRunAgain() {
        java.util.NoSuchElementException race = new java.util.NoSuchElementException();
        race.setStackTrace(
                new StackTraceElement[] {
                    new StackTraceElement(
                            "org.apache.flink.connector.base.source.reader.fetcher"
                                    + ".SingleThreadFetcherManager",
                            "getRunningFetcher",
                            "SingleThreadFetcherManager.java",
                            90)
                });
        assertThat(Evaluation.isFetcherRace(new RuntimeException("job failed", race))).isTrue();
        assertThat(
                        Evaluation.isFetcherRace(
                                new RuntimeException(new java.util.NoSuchElementException())))
                .isFalse();
        assertThat(Evaluation.isFetcherRace(new IllegalStateException("bad input"))).isFalse();
    }
}
