package io.trailsentry.testdata;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Deterministic synthesis of an organisation's CloudTrail with labelled attacks and look-alikes.
 * The same {@link Spec} always yields the same records in the same order.
 */
public final class Generator {
    /** What to generate. */
    public static final class Spec {
        public long seed = 20260310L;

        /** The day (UTC) attacks and look-alikes happen; history precedes it. */
        public LocalDate attackDay = LocalDate.of(2026, 3, 10);

        /** Days of benign history before the attack day. */
        public int historyDays = 2;

        /** Business units, each a prod and a dev account with their own principals. */
        public int units = 1;

        /** Multiplies every persona's call rate. */
        public double volume = 1.0;

        public List<String> scenarios = new ArrayList<>(Scenarios.ids());
        public List<String> lookAlikes = new ArrayList<>(LookAlikes.IDS);

        public int days() {
            return historyDays + 1;
        }
    }

    private Generator() {}

    /**
     * The checked-in sample: the ten-minute campaign and every look-alike of it, two days of
     * history.
     */
    public static Spec sampleSpec() {
        Spec s = new Spec();
        s.scenarios = List.of("campaign-iam-user");
        s.lookAlikes = new ArrayList<>(LookAlikes.CAMPAIGN);
        return s;
    }

    /** Every attack scenario and look-alike, with three days of history. */
    public static Spec suiteSpec() {
        Spec s = new Spec();
        s.historyDays = 3;
        return s;
    }

    /** Benchmark scale: many units over a week; millions of events at volume 1 with 40 units. */
    public static Spec benchSpec(int units) {
        Spec s = new Spec();
        s.historyDays = 6;
        s.units = units;
        return s;
    }

    public static Corpus generate(Spec spec) {
        Corpus all = new Corpus();
        generate(spec, () -> all, (name, chunk) -> {});
        return all;
    }

    /**
     * The same records as {@link #generate(Spec)}, one chunk at a time: each business unit ({@code
     * unit-000}, ...) and then the attack scenarios ({@code attacks}) go into a corpus from {@code
     * fresh} and are handed to {@code done}, so memory holds one unit, not the organisation. Chunks
     * may share accounts (attack victims live in unit 0's), so write each to its own place.
     */
    public static void generate(
            Spec spec, Supplier<Corpus> fresh, BiConsumer<String, Corpus> done) {
        Rng root = new Rng(spec.seed);
        long attackDay = spec.attackDay.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long from = attackDay - spec.historyDays * Times.DAY;
        long end = attackDay + Times.DAY;
        for (int unit = 0; unit < spec.units; unit++) {
            Corpus corpus = fresh.get();
            Rng rng = root.fork("unit:" + unit);
            Organisation org = new Organisation(unit, spec.volume, rng.fork("organisation"));
            for (Persona p : org.personas) {
                p.generate(corpus, from, spec.days(), end, rng.fork("persona:" + p.name));
            }
            lookAlikes(spec, org, from, attackDay, corpus, rng.fork("look-alikes"));
            done.accept(String.format(Locale.ROOT, "unit-%03d", unit), corpus);
        }
        Corpus corpus = fresh.get();
        Rng attacks = root.fork("attacks");
        for (String id : spec.scenarios) {
            Scenarios.Def d = Scenarios.ALL.get(id);
            if (d == null) {
                throw new IllegalArgumentException(
                        "unknown scenario " + id + "; known: " + Scenarios.ids());
            }
            Persona victim = Scenarios.victim(d, attacks.fork("victim:" + id));
            victim.generate(corpus, from, spec.days(), end, attacks.fork("history:" + id));
            Scenarios.play(d, victim, from, attackDay, corpus, attacks.fork("play:" + id));
        }
        done.accept("attacks", corpus);
    }

    private static void lookAlikes(
            Spec spec, Organisation org, long from, long attackDay, Corpus corpus, Rng rng) {
        Labels labels = corpus.labels();
        for (String id : spec.lookAlikes) {
            switch (id) {
                case "terraform-termination-protection":
                    for (long day = from; day <= attackDay; day += Times.DAY) {
                        if (weekday(day)) {
                            LookAlikes.terraformDeploy(org.terraform, day, corpus, rng);
                        }
                    }
                    labels.benign(org.terraform.principalKey(), "ci-deployer", id);
                    break;
                case "capacity-test-change-window":
                    for (long day = from; day <= attackDay; day += Times.DAY) {
                        if (weekday(day)) {
                            LookAlikes.capacityTest(org.perfCi, day, day == attackDay, corpus, rng);
                        }
                    }
                    labels.benign(org.perfCi.principalKey(), "perf-ci", id);
                    break;
                case "developer-dry-run":
                    LookAlikes.developerDryRun(
                            org.alice,
                            attackDay + 11 * Times.HOUR + 20 * Times.MINUTE,
                            corpus,
                            rng);
                    labels.benign(org.alice.principalKey(), "developer-alice", id);
                    break;
                case "access-denied-burst":
                    LookAlikes.accessDeniedBurst(
                            org.carol,
                            attackDay + 10 * Times.HOUR + 40 * Times.MINUTE,
                            corpus,
                            rng);
                    labels.benign(org.carol.principalKey(), "developer-carol", id);
                    break;
                case "nightly-scanner":
                    labels.benign(org.scanner.principalKey(), "nightly-scanner", id);
                    break;
                case "new-employee-first-day":
                    LookAlikes.newEmployee(org.newEmployee, attackDay, corpus, rng);
                    labels.benign(org.newEmployee.principalKey(), "new-employee", id);
                    break;
                case "sagemaker-daily-training":
                case "eks-nodegroup-deploys":
                case "nightly-batch":
                case "cloudformation-ci-deploy":
                case "console-admin-mfa":
                case "backup-snapshot-sharing":
                case "travelling-admin":
                case "lambda-daily-deploys":
                    LookAlikes.variant(
                            id,
                            org.prod,
                            from,
                            spec.days(),
                            attackDay + Times.DAY,
                            corpus,
                            rng.fork(id));
                    break;
                default:
                    throw new IllegalArgumentException(
                            "unknown look-alike " + id + "; known: " + LookAlikes.IDS);
            }
        }
    }

    static boolean weekday(long day) {
        java.time.DayOfWeek d =
                java.time.Instant.ofEpochMilli(day).atZone(ZoneOffset.UTC).getDayOfWeek();
        return d != java.time.DayOfWeek.SATURDAY && d != java.time.DayOfWeek.SUNDAY;
    }
}
