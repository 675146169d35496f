package io.trailsentry.testdata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled attack scenarios. Each abuses its own victim (with history of its own) at its own
 * time on the attack day, so one corpus can hold all of them.
 */
public final class Scenarios {
    /** One scenario: id, description, when it starts, and how the campaign is played. */
    static final class Def {
        final String id;
        final String description;
        final String victim;
        final boolean role;
        final int hour;
        final int minute;
        final Campaign.Options options;

        /** An adversarial variant played by {@link Variants} instead of the campaign, or null. */
        Variants.Kind variant;

        Def(
                String id,
                String description,
                String victim,
                boolean role,
                int hour,
                int minute,
                Campaign.Options options) {
            this.id = id;
            this.description = description;
            this.victim = victim;
            this.role = role;
            this.hour = hour;
            this.minute = minute;
            this.options = options;
        }
    }

    static final Map<String, Def> ALL = new LinkedHashMap<>();

    static {
        add(
                new Def(
                        "campaign-iam-user",
                        "Ten-minute crypto-mining campaign with a stolen IAM user access key",
                        "svc-reporting",
                        false,
                        14,
                        3,
                        new Campaign.Options()));
        add(
                new Def(
                        "campaign-assumed-role",
                        "The same campaign with stolen assumed-role credentials",
                        "analytics-etl",
                        true,
                        10,
                        12,
                        new Campaign.Options()));
        Campaign.Options fargate = new Campaign.Options();
        fargate.ec2 = false;
        add(
                new Def(
                        "fargate-only",
                        "ECS/Fargate fan-out only: clusters, miner task definitions, services",
                        "svc-backup",
                        false,
                        12,
                        41,
                        fargate));
        Campaign.Options spot = new Campaign.Options();
        spot.ecs = false;
        spot.ec2 = false;
        spot.spotAndFleet = true;
        add(
                new Def(
                        "ec2-spot-fleet",
                        "EC2 only, through CreateFleet and RequestSpotInstances",
                        "svc-metrics",
                        false,
                        16,
                        20,
                        spot));
        Campaign.Options slow = new Campaign.Options();
        slow.slowdown = 24;
        add(
                new Def(
                        "slow-two-hours",
                        "The campaign spread over about two hours",
                        "build-bot",
                        false,
                        6,
                        5,
                        slow));
        Campaign.Options usual = new Campaign.Options();
        usual.onlyRegion = "us-east-1";
        add(
                new Def(
                        "usual-region",
                        "The campaign from a region the account already uses",
                        "svc-export",
                        false,
                        18,
                        30,
                        usual));
        Campaign.Options noDry = new Campaign.Options();
        noDry.dryRun = false;
        add(
                new Def(
                        "no-dryrun",
                        "The campaign without DryRun permission validation",
                        "svc-sync",
                        false,
                        21,
                        47,
                        noDry));
    }

    static {
        Campaign.Options touch = new Campaign.Options();
        touch.touchProduction = true;
        add(
                new Def(
                        "touches-production",
                        "The campaign, plus successful calls that only touch production resources"
                                + " (protection, capacity, re-created cluster name, tasks, service"
                                + " update, template version)",
                        "svc-ledger",
                        false,
                        13,
                        17,
                        touch));
        Campaign.Options shared = new Campaign.Options();
        shared.ciSharesTheRole = true;
        add(
                new Def(
                        "shared-role-thief",
                        "One stolen session of a CI role runs the campaign while CI keeps deploying"
                                + " in its own sessions",
                        "platform-ci",
                        true,
                        11,
                        20,
                        shared));
    }

    /** Adversarial variants (issue #15): reported by the evaluation, not yet required. */
    static {
        variant(
                "variant-impact-only",
                "Key used the evening before for a few reads from the same address; next day"
                        + " straight to impact: 50 ECS clusters, GPU groups 20..999, instances"
                        + " protected at launch, a neutral image; no enumeration, no DryRun",
                "svc-invoicing",
                13,
                25,
                Variants.Kind.IMPACT_ONLY);
        variant(
                "variant-cloudformation",
                "One CreateStack per region; CloudFormation creates the clusters, task"
                        + " definitions, GPU groups and protected instances (invokedBy"
                        + " cloudformation.amazonaws.com)",
                "svc-catalog",
                15,
                10,
                Variants.Kind.CLOUDFORMATION);
        variant(
                "variant-asg-update-999",
                "GPU groups created at one instance, then UpdateAutoScalingGroup max 999 and"
                        + " SetDesiredCapacity 999",
                "svc-notify",
                9,
                35,
                Variants.Kind.ASG_UPDATE_999);
        variant(
                "variant-attribute-based",
                "Ten groups of 19 and a 200-instance spot CreateFleet chosen by"
                        + " instanceRequirements (accelerators, vCPUs), no instance type named",
                "svc-search",
                17,
                5,
                Variants.Kind.ATTRIBUTE_BASED);
        variant(
                "variant-eks-nodegroup",
                "EKS clusters, then node groups of 50..100 p3.8xlarge",
                "svc-pricing",
                19,
                40,
                Variants.Kind.EKS_NODEGROUP);
        variant(
                "variant-sagemaker",
                "Ten SageMaker training jobs on ml.p3.16xlarge",
                "svc-forecast",
                8,
                15,
                Variants.Kind.SAGEMAKER);
        variant(
                "variant-batch",
                "Batch spot compute environment up to 4,096 vCPUs of p3, a job definition running"
                        + " xmrig under a neutral image, a 500-job array",
                "svc-archive",
                20,
                50,
                Variants.Kind.BATCH);
        variant(
                "variant-created-user",
                "The stolen key creates an administrator user and its key; the new user (no"
                        + " history) runs the campaign",
                "svc-audit",
                22,
                30,
                Variants.Kind.CREATED_USER);
        variant(
                "enumeration-storm",
                "The stolen key probes sixty read-only APIs across 30 services in five minutes"
                        + " from six addresses, most refused; then assumes an admin role and reads"
                        + " a few S3 objects as it",
                "svc-inventory",
                7,
                45,
                Variants.Kind.ENUMERATION_STORM);
        variant(
                "variant-prewarmed-key",
                "Key checked the evening before from the thief's address; next day, from the same"
                        + " address with the victim's SDK, in its usual region and hours: two"
                        + " protected GPU instances, a small GPU group (each under the thresholds)"
                        + " and a user with an access key",
                "svc-billing",
                11,
                10,
                Variants.Kind.PREWARMED_KEY);
        variant(
                "variant-lambda-only",
                "Lambda only: 16 functions at 10,240 MB in four regions, each with 200 reserved"
                        + " and 200 provisioned concurrent executions; no EC2, ECS or GPUs",
                "svc-thumbnails",
                15,
                40,
                Variants.Kind.LAMBDA_ONLY);
        variant(
                "variant-role-chain",
                "The stolen key assumes an operations role, whose session assumes a batch-compute"
                        + " role; that second session, with no history, runs the whole campaign",
                "svc-settlement",
                14,
                20,
                Variants.Kind.ROLE_CHAIN);
    }

    private Scenarios() {}

    private static void variant(
            String id, String description, String victim, int hour, int minute, Variants.Kind k) {
        Def d = new Def(id, description, victim, false, hour, minute, new Campaign.Options());
        d.variant = k;
        add(d);
    }

    /**
     * Registers {@code d}. Each scenario has a victim of its own: the evaluation attributes
     * findings to a scenario by principal (a role's by its ARN), so two scenarios sharing a victim
     * would count each other's attack as false positives of their history.
     */
    private static void add(Def d) {
        for (Def other : ALL.values()) {
            if (other.victim.equals(d.victim) || other.id.equals(d.id)) {
                throw new IllegalStateException(
                        "scenarios " + other.id + " and " + d.id + " share a victim or an id");
            }
        }
        ALL.put(d.id, d);
    }

    public static List<String> ids() {
        return List.copyOf(ALL.keySet());
    }

    static Persona victim(Def d, Rng rng) {
        String ip = "198.51.100." + (100 + new java.util.ArrayList<>(ALL.keySet()).indexOf(d.id));
        return d.role
                ? Victims.serviceRole(d.victim, Organisation.PROD, ip, rng)
                : Victims.serviceUser(d.victim, Organisation.PROD, ip, rng);
    }

    /**
     * Plays scenario {@code d} with {@code victim}'s credentials on the attack day, history
     * starting at {@code from}.
     */
    static void play(Def d, Persona victim, long from, long attackDay, Corpus corpus, Rng rng) {
        Identity stolen = victim.identity;
        if (d.options.ciSharesTheRole) {
            stolen = stolen.withSession("gitlab-ci-" + rng.hex(6), rng);
        } else if (d.role) {
            stolen = stolen.withSession("i-" + rng.hex(17), rng);
        }
        Labels.Attack label = corpus.labels().attack(d.id, d.description, stolen.principalKey());
        long start =
                attackDay + d.hour * Times.HOUR + d.minute * Times.MINUTE + rng.nextLong(60_000);
        if (d.role) {
            label.session = stolen.sessionName;
        }
        if (d.options.ciSharesTheRole) {
            ciKeepsDeploying(victim.identity, from, attackDay, start, label, corpus, rng);
        }
        Actor actor =
                new Actor(
                        stolen,
                        Campaign.ATTACKER_IP,
                        Campaign.ATTACKER_UA,
                        "us-east-1",
                        start,
                        corpus,
                        rng);
        if (d.variant != null) {
            Variants.play(d.variant, actor, label);
        } else {
            new Campaign(actor, d.options, label).play();
        }
    }

    /**
     * The CI role's Terraform apply every day of history, and twice while the thief works (a minute
     * before its first call and four minutes in), each in its own session: what these sessions
     * create is not the thief's.
     */
    private static void ciKeepsDeploying(
            Identity role,
            long from,
            long attackDay,
            long start,
            Labels.Attack label,
            Corpus corpus,
            Rng rng) {
        String ip = "198.51.100.44";
        for (long day = from; day < attackDay; day += Times.DAY) {
            long at = day + 9 * Times.HOUR + rng.nextLong(20 * Times.MINUTE);
            LookAlikes.terraformApply(
                    role.withSession("gitlab-ci-" + rng.hex(6), rng), ip, at, corpus, rng);
        }
        for (long at : new long[] {start - Times.MINUTE, start + 4 * Times.MINUTE}) {
            label.untouchable.addAll(
                    LookAlikes.terraformApply(
                            role.withSession("gitlab-ci-" + rng.hex(6), rng), ip, at, corpus, rng));
        }
    }
}
