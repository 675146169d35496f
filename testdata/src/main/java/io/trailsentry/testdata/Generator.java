package io.trailsentry.testdata;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Deterministic synthesis of an organisation's CloudTrail with labelled attacks. The same {@link
 * Spec} always yields the same records in the same order.
 */
public final class Generator {
    /** What to generate. */
    public static final class Spec {
        public long seed = 20260310L;

        /** First day (UTC) of generated traffic. */
        public LocalDate start = LocalDate.of(2026, 3, 10);

        /** Days of traffic; attacks are placed on the last day. */
        public int days = 1;

        /** Include the ten-minute campaign with the victim's stolen long-lived key. */
        public boolean campaign = true;

        /** Include a developer's one-off DryRun (a benign look-alike). */
        public boolean developerDryRun = true;
    }

    private Generator() {}

    /** The spec of the checked-in sample corpus. */
    public static Spec sampleSpec() {
        return new Spec();
    }

    public static Corpus generate(Spec spec) {
        Rng root = new Rng(spec.seed);
        Organisation org = new Organisation(root.fork("organisation"));
        Corpus corpus = new Corpus();
        long from = spec.start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long lastDay = from + (spec.days - 1) * Times.DAY;
        long end = from + spec.days * Times.DAY;
        for (Persona p : org.personas) {
            p.generate(corpus, from, spec.days, end, root.fork("persona:" + p.name));
        }
        if (spec.developerDryRun) {
            developerDryRun(
                    corpus,
                    org,
                    lastDay + 11 * Times.HOUR + 20 * Times.MINUTE,
                    root.fork("dryrun"));
        }
        if (spec.campaign) {
            Identity stolen = org.victim.identity;
            Labels.Attack label =
                    corpus.labels()
                            .attack(
                                    "campaign-iam-user",
                                    "Ten-minute crypto-mining campaign with a stolen IAM user access key",
                                    stolen.principalKey());
            Rng rng = root.fork("campaign");
            long start = lastDay + 14 * Times.HOUR + 3 * Times.MINUTE + 12_000;
            Actor actor =
                    new Actor(
                            stolen,
                            Campaign.ATTACKER_IP,
                            Campaign.ATTACKER_UA,
                            "us-east-1",
                            start,
                            corpus,
                            rng);
            new Campaign(actor, new Campaign.Options(), label).play();
        }
        return corpus;
    }

    /** Alice checks once whether she may launch a GPU instance: one category, no burst. */
    private static void developerDryRun(Corpus corpus, Organisation org, long at, Rng rng) {
        Actor alice =
                new Actor(
                        org.alice, "192.0.2.10", Organisation.CLI_UA, "eu-west-1", at, corpus, rng);
        alice.call(Calls.dryRunInstances("g5.xlarge", true, rng));
        corpus.labels().benign(org.alice.principalKey(), "developer-alice", "developer-dry-run");
    }
}
