package io.trailsentry.testdata;

import java.util.ArrayList;
import java.util.List;

/**
 * Adversarial variants of the campaign (issue #15): an attacker who knows what the detectors look
 * for skips reconnaissance and DryRun, names nothing a miner would, provisions through another
 * service (CloudFormation, EKS, SageMaker, Batch), by attributes instead of instance types, or in
 * small steps, or through a user it creates. Each is played on its own victim with benign history
 * and labelled {@link Labels.Attack#variant}: the evaluation reports it, it is not yet required to
 * reach HIGH.
 */
final class Variants {
    /** A neutral image name: nothing a miner-word matcher would see. */
    static final String NEUTRAL_IMAGE = "public.ecr.aws/q7m2x9k4/telemetry-agent:2.4.1";

    static final String CFN = "cloudformation.amazonaws.com";

    static final String[] GPU_TYPES = {"p3.16xlarge", "g5.12xlarge"};

    /** The variant kinds, in the order of issue #15. */
    enum Kind {
        IMPACT_ONLY,
        CLOUDFORMATION,
        ASG_UPDATE_999,
        ATTRIBUTE_BASED,
        EKS_NODEGROUP,
        SAGEMAKER,
        BATCH,
        CREATED_USER,
        ENUMERATION_STORM,
        PREWARMED_KEY,
        LAMBDA_ONLY,
        ROLE_CHAIN
    }

    private final Actor a;
    private final Labels.Attack label;
    private final String account;
    private final long start;

    private Variants(Actor actor, Labels.Attack label) {
        this.a = actor;
        this.label = label;
        this.account = actor.who.accountId;
        this.start = actor.now;
    }

    /** Plays {@code kind} with {@code actor} (at its attack-day start time) into {@code label}. */
    static void play(Kind kind, Actor actor, Labels.Attack label) {
        label.variant = true;
        Variants v = new Variants(actor, label);
        switch (kind) {
            case IMPACT_ONLY:
                v.impactOnly();
                break;
            case CLOUDFORMATION:
                v.cloudFormation();
                break;
            case ASG_UPDATE_999:
                v.asgUpdate999();
                break;
            case ATTRIBUTE_BASED:
                v.attributeBased();
                break;
            case EKS_NODEGROUP:
                v.eksNodegroup();
                break;
            case SAGEMAKER:
                v.sageMaker();
                break;
            case BATCH:
                v.batch();
                break;
            case CREATED_USER:
                v.createdUser();
                break;
            case ENUMERATION_STORM:
                v.enumerationStorm();
                break;
            case PREWARMED_KEY:
                v.prewarmedKey();
                break;
            case LAMBDA_ONLY:
                v.lambdaOnly();
                break;
            case ROLE_CHAIN:
                v.roleChain();
                break;
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    private void provisioning() {
        if (label.firstProvisioningEvent == 0) {
            label.stages.put("provisioning", a.now);
            label.firstProvisioningEvent = a.now;
        }
    }

    private void first(String stage) {
        if (label.firstAttackEvent == 0) {
            label.firstAttackEvent = a.now;
        }
        label.stages.putIfAbsent(stage, a.now);
    }

    /**
     * Impact only: a few reads the evening before from the same address, then next day straight to
     * 50 ECS clusters, GPU autoscaling groups (20..999) and instances protected at launch; no
     * enumeration, no DryRun, a neutral image.
     */
    private void impactOnly() {
        a.now = Times.wholeSeconds(start - 17 * Times.HOUR);
        a.call(Calls.getCallerIdentity());
        first("enumeration");
        a.after(20_000, 60_000, Calls.s3Read("ListBuckets", null));
        a.after(20_000, 60_000, Calls.ec2Read("DescribeInstances"));
        a.after(20_000, 60_000, Calls.ecsRead("ListClusters"));
        a.now = start;
        impact(Campaign.FAR_REGIONS, 50);
    }

    /** 50-way ECS fan-out, GPU groups at 20..999, protected GPU instances: the impact itself. */
    private void impact(String[] regions, int clusters) {
        for (int i = 0; i < clusters; i++) {
            String region = regions[i % regions.length];
            a.after(2_000, 5_000, Calls.createCluster(account, region, "ecs-" + a.rng.hex(6)));
            provisioning();
            if (i % 10 == 0) {
                a.after(
                        1_000,
                        2_000,
                        Calls.registerTaskDefinition(
                                account, region, "telemetry-" + i, NEUTRAL_IMAGE, 4096, 8192));
            }
        }
        for (int i = 0; i < GPU_TYPES.length; i++) {
            String lt = "base-" + a.rng.hex(6);
            a.after(
                    2_000,
                    4_000,
                    Calls.createLaunchTemplate(lt, GPU_TYPES[i], a.rng).in(regions[i]));
            a.after(
                    2_000,
                    4_000,
                    Calls.createAutoScalingGroup("pool-" + a.rng.hex(6), lt, 20, 20, 999, true)
                            .in(regions[i]));
        }
        label.stages.put("provisioning_complete", a.now);
        protectedInstances(regions[0]);
    }

    /** Ten GPU instances protected from termination at launch (no ModifyInstanceAttribute). */
    private void protectedInstances(String region) {
        String[] ids = new String[10];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "i-" + a.rng.hex(17);
        }
        a.after(2_000, 4_000, Calls.runInstances("p3.8xlarge", 10, true, a.rng, ids).in(region));
        label.stages.put("friction", a.now);
    }

    /**
     * One CreateStack per region by the stolen identity; CloudFormation then makes the clusters,
     * task definitions, GPU groups and protected instances, as the caller with {@code invokedBy}.
     */
    private void cloudFormation() {
        String[] regions = {"ap-southeast-1", "sa-east-1", "eu-north-1"};
        List<long[]> stacks = new ArrayList<>();
        for (String region : regions) {
            a.after(
                    5_000,
                    15_000,
                    Calls.createStack(
                            account,
                            region,
                            "observability-" + a.rng.hex(4),
                            "https://s3.amazonaws.com/cf-templates-"
                                    + a.rng.hex(12)
                                    + "/observability.yaml",
                            a.rng));
            first("provisioning");
            if (label.firstProvisioningEvent == 0) {
                label.firstProvisioningEvent = a.now;
            }
            stacks.add(new long[] {a.now});
        }
        long done = 0;
        for (int s = 0; s < regions.length; s++) {
            String region = regions[s];
            Actor cfn =
                    new Actor(a.who, CFN, CFN, region, stacks.get(s)[0] + 3_000, a.corpus, a.rng);
            for (int i = 0; i < 17; i++) {
                cfn.after(
                        500,
                        2_000,
                        Calls.createCluster(account, region, "obs-" + a.rng.hex(6)).by(CFN));
            }
            for (int i = 0; i < 3; i++) {
                cfn.after(
                        500,
                        2_000,
                        Calls.registerTaskDefinition(
                                        account,
                                        region,
                                        "collector-" + i,
                                        NEUTRAL_IMAGE,
                                        4096,
                                        8192)
                                .by(CFN));
            }
            String lt = "obs-" + a.rng.hex(6);
            cfn.after(
                    1_000, 3_000, Calls.createLaunchTemplate(lt, GPU_TYPES[s % 2], a.rng).by(CFN));
            cfn.after(
                    1_000,
                    3_000,
                    Calls.createAutoScalingGroup("obs-" + a.rng.hex(6), lt, 20, 20, 999, true)
                            .by(CFN));
            String[] ids = new String[5];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = "i-" + a.rng.hex(17);
            }
            cfn.after(1_000, 3_000, Calls.runInstances("p3.8xlarge", 5, true, a.rng, ids).by(CFN));
            done = Math.max(done, cfn.now);
        }
        label.stages.put("provisioning_complete", done);
    }

    /** Groups created at one instance, raised to 999 minutes later. */
    private void asgUpdate999() {
        a.call(Calls.read("autoscaling", "DescribeAutoScalingGroups"));
        first("enumeration");
        String[] regions = {"ap-southeast-1", "sa-east-1", "eu-north-1"};
        List<String> groups = new ArrayList<>();
        for (String region : regions) {
            String lt = "app-" + a.rng.hex(6);
            a.after(3_000, 8_000, Calls.createLaunchTemplate(lt, "p3.16xlarge", a.rng).in(region));
            provisioning();
            String g = "app-" + a.rng.hex(6);
            a.after(2_000, 5_000, Calls.createAutoScalingGroup(g, lt, 1, 1, 1, false).in(region));
            groups.add(g);
        }
        a.waitMs(4 * Times.MINUTE);
        for (int i = 0; i < regions.length; i++) {
            a.after(
                    5_000,
                    20_000,
                    Calls.updateAutoScalingGroupSize(groups.get(i), 1, 999, 1).in(regions[i]));
            if (i == 0) {
                label.stages.put("scale_up", a.now);
            }
            a.after(2_000, 6_000, Calls.setDesiredCapacity(groups.get(i), 999).in(regions[i]));
        }
        label.stages.put("provisioning_complete", a.now);
    }

    /** Ten groups of 19 and a 200-instance spot fleet, all chosen by attributes. */
    private void attributeBased() {
        String[] regions = Campaign.FAR_REGIONS;
        for (int i = 0; i < 10; i++) {
            String region = regions[i % regions.length];
            String lt = "node-" + a.rng.hex(6);
            a.after(2_000, 5_000, Calls.createLaunchTemplate(lt, null, a.rng).in(region));
            first("provisioning");
            if (label.firstProvisioningEvent == 0) {
                label.firstProvisioningEvent = a.now;
            }
            a.after(
                    2_000,
                    5_000,
                    Calls.createAutoScalingGroupByAttributes("node-" + a.rng.hex(6), lt, 19, 19, 19)
                            .in(region));
        }
        a.after(3_000, 6_000, Calls.createFleetByAttributes(200, a.rng).in(regions[0]));
        label.stages.put("provisioning_complete", a.now);
    }

    /** An EKS cluster per region, then GPU node groups of 50..100 once the clusters are up. */
    private void eksNodegroup() {
        String[] regions = {"ap-southeast-1", "sa-east-1"};
        List<String> clusters = new ArrayList<>();
        for (String region : regions) {
            String name = "platform-" + a.rng.hex(4);
            a.after(3_000, 10_000, Calls.createEksCluster(account, region, name, a.rng));
            first("provisioning");
            clusters.add(name);
        }
        a.waitMs(10 * Times.MINUTE);
        for (int i = 0; i < regions.length; i++) {
            a.after(10_000, 40_000, Calls.read("eks", "DescribeCluster").in(regions[i]));
            a.after(
                    5_000,
                    20_000,
                    Calls.createNodegroup(
                            account,
                            regions[i],
                            clusters.get(i),
                            "workers-" + a.rng.hex(4),
                            50,
                            100,
                            50,
                            "ON_DEMAND",
                            "p3.8xlarge"));
            if (i == 0) {
                // the control plane is not compute: the first capacity is the first node group
                label.stages.put("nodegroups", a.now);
                label.firstProvisioningEvent = a.now;
            }
        }
        label.stages.put("provisioning_complete", a.now);
    }

    /** Ten training jobs on ml.p3.16xlarge, a neutral image. */
    private void sageMaker() {
        a.call(Calls.read("sagemaker", "ListTrainingJobs"));
        first("enumeration");
        String[] regions = {"us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "eu-north-1"};
        for (int i = 0; i < 10; i++) {
            String region = regions[i % regions.length];
            a.after(
                    3_000,
                    10_000,
                    Calls.createTrainingJob(
                            account,
                            region,
                            "bert-finetune-" + a.rng.hex(6),
                            "763104351884.dkr.ecr."
                                    + region
                                    + ".amazonaws.com/pytorch-training:2.3-gpu-py311",
                            "ml.p3.16xlarge",
                            1 + i % 4));
            provisioning();
        }
        label.stages.put("provisioning_complete", a.now);
    }

    /** A spot compute environment up to 4,096 vCPUs of p3, xmrig under a neutral image. */
    private void batch() {
        String region = "ap-southeast-1";
        String ce = "analytics-" + a.rng.hex(4);
        a.after(
                1_000,
                3_000,
                Calls.createComputeEnvironment(account, region, ce, "SPOT", 4096, "p3"));
        first("provisioning");
        if (label.firstProvisioningEvent == 0) {
            label.firstProvisioningEvent = a.now;
        }
        String queue = "analytics-q-" + a.rng.hex(4);
        a.after(20_000, 60_000, Calls.createJobQueue(account, region, queue, ce));
        String def = "analytics-job";
        a.after(
                5_000,
                15_000,
                Calls.registerJobDefinition(
                        account,
                        region,
                        def,
                        NEUTRAL_IMAGE,
                        "/opt/agent/xmrig",
                        "-o",
                        "stratum+tcp://pool.example.net:3333",
                        "-u",
                        "4A" + a.rng.upperAlnum(30),
                        "--donate-level",
                        "1"));
        label.stages.put("job_definition", a.now);
        a.after(5_000, 15_000, Calls.submitJob(account, region, "run-1", queue, def, 500, a.rng));
        label.stages.put("provisioning_complete", a.now);
    }

    /**
     * The stolen key creates an administrator user and its access key; that user, with no history
     * at all, runs the ten-minute campaign from another address.
     */
    private void createdUser() {
        String stolenKey = label.principalKey;
        Identity created = Identity.iamUser(account, "svc-backup-admin", a.rng);
        a.call(Calls.getCallerIdentity());
        first("account_creation");
        ApiCall cu = Calls.createUser(account, created.name, a.rng);
        ((com.fasterxml.jackson.databind.node.ObjectNode) cu.response().get("user"))
                .put("userId", created.principalId);
        a.after(5_000, 15_000, cu);
        a.after(
                2_000,
                6_000,
                Calls.attachUserPolicy(
                        created.name, "arn:aws:iam::aws:policy/AdministratorAccess"));
        a.after(2_000, 6_000, Calls.createAccessKey(created.name, created.accessKeyId));
        long firstEvent = label.firstAttackEvent;
        label.principalKey = created.principalKey();
        label.otherPrincipals.add(stolenKey);
        Actor user =
                new Actor(
                        created,
                        "203.0.113.91",
                        Campaign.ATTACKER_UA,
                        "us-east-1",
                        a.now + 3 * Times.MINUTE,
                        a.corpus,
                        a.rng);
        new Campaign(user, new Campaign.Options(), label).play();
        label.firstAttackEvent = firstEvent;
    }

    /**
     * A chain of roles: the stolen key looks at the roles it may assume and assumes an operations
     * role; that session, new to everyone, assumes a second role (batch compute), and that second
     * session, two hand-offs from the stolen key and with no history of its own, runs the whole
     * campaign. Lineage must follow both hand-offs back for the thief's incident to see it.
     */
    private void roleChain() {
        String stolenKey = label.principalKey;
        a.call(Calls.getCallerIdentity());
        first("role_discovery");
        a.after(2_000, 6_000, Calls.iamRead("ListRoles"));
        a.after(2_000, 6_000, Calls.iamRead("GetAccountAuthorizationDetails"));
        Identity ops =
                Identity.assumedRole(account, "platform-operations", "ops-" + a.rng.hex(8), a.rng);
        a.after(5_000, 15_000, Calls.assumeRole(ops, a.now + Times.HOUR, a.rng));
        label.stages.put("privilege_escalation", a.now);
        Actor first =
                new Actor(
                        ops,
                        Campaign.ATTACKER_IP,
                        Campaign.ATTACKER_UA,
                        "us-east-1",
                        a.now + 20_000,
                        a.corpus,
                        a.rng);
        first.call(Calls.getCallerIdentity());
        first.after(2_000, 6_000, Calls.iamRead("ListRoles"));
        Identity compute =
                Identity.assumedRole(account, "batch-compute", "batch-" + a.rng.hex(8), a.rng);
        first.after(5_000, 15_000, Calls.assumeRole(compute, first.now + Times.HOUR, a.rng));
        long firstEvent = label.firstAttackEvent;
        label.principalKey = compute.principalKey();
        label.otherPrincipals.add(stolenKey);
        label.otherPrincipals.add(ops.principalKey());
        Actor second =
                new Actor(
                        compute,
                        Campaign.ATTACKER_IP,
                        Campaign.ATTACKER_UA,
                        "us-east-1",
                        first.now + 30_000,
                        a.corpus,
                        a.rng);
        new Campaign(second, new Campaign.Options(), label).play();
        label.firstAttackEvent = firstEvent;
    }

    /**
     * A pre-warmed key: the thief checks the stolen key the evening before from its own address
     * (who am I, a few reads), so that address is no longer a first sighting; the next day, from
     * the same address and with the victim's own SDK, in the victim's usual region and hours, it
     * goes straight to impact kept below every single threshold: two GPU instances protected from
     * termination, a small GPU group (14 accelerators, 88 vCPUs in all, under {@code
     * largeScaleGpus}), and a user with an access key of its own. No enumeration, no DryRun.
     */
    private void prewarmedKey() {
        Actor t =
                new Actor(
                        a.who,
                        Campaign.ATTACKER_IP,
                        Organisation.REPORTING_UA,
                        "us-east-1",
                        Times.wholeSeconds(start - 15 * Times.HOUR),
                        a.corpus,
                        a.rng);
        t.call(Calls.getCallerIdentity());
        label.firstAttackEvent = t.now;
        label.stages.put("key_check", t.now);
        t.after(20_000, 60_000, Calls.s3Read("ListBuckets", null));
        t.after(20_000, 60_000, Calls.ec2Read("DescribeInstances"));
        t.after(20_000, 60_000, Calls.ec2Read("DescribeRegions"));
        Actor d =
                new Actor(
                        a.who,
                        Campaign.ATTACKER_IP,
                        Organisation.REPORTING_UA,
                        "us-east-1",
                        start,
                        a.corpus,
                        a.rng);
        String[] ids = {"i-" + a.rng.hex(17), "i-" + a.rng.hex(17)};
        d.call(Calls.runInstances("p3.8xlarge", ids.length, true, a.rng, ids));
        label.stages.put("provisioning", d.now);
        label.firstProvisioningEvent = d.now;
        label.stages.put("friction", d.now);
        String lt = "batch-workers-" + a.rng.hex(4);
        d.after(5_000, 15_000, Calls.createLaunchTemplate(lt, "g4dn.xlarge", a.rng));
        d.after(
                3_000,
                10_000,
                Calls.createAutoScalingGroup("batch-workers-" + a.rng.hex(4), lt, 6, 6, 6, false));
        label.stages.put("provisioning_complete", d.now);
        Identity created = Identity.iamUser(account, "svc-reporting-ro", a.rng);
        d.after(20_000, 60_000, Calls.createUser(account, created.name, a.rng));
        d.after(5_000, 15_000, Calls.createAccessKey(created.name, created.accessKeyId));
        label.stages.put("persistence", d.now);
    }

    /** Regions the Lambda-only variant spreads over (each has its own concurrency quota). */
    static final String[] LAMBDA_REGIONS = {
        "us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1"
    };

    /**
     * Lambda only: 16 functions at the maximum memory (10,240 MB, 6 vCPUs each) and timeout in four
     * regions, each with 200 reserved and 200 provisioned concurrent executions (a published
     * version); a neutral name, no EC2, ECS or accelerators.
     */
    private void lambdaOnly() {
        a.call(Calls.read("lambda", "GetAccountSettings20160819"));
        first("enumeration");
        for (int i = 0; i < 16; i++) {
            String region = LAMBDA_REGIONS[i % LAMBDA_REGIONS.length];
            String fn = "image-resize-" + a.rng.hex(6);
            a.after(
                    2_000,
                    6_000,
                    Calls.createFunction(account, region, fn, "lambda-basic-exec", 10_240, 900)
                            .in(region));
            provisioning();
            a.after(1_000, 3_000, Calls.putFunctionConcurrency(fn, 200).in(region));
            a.after(1_000, 3_000, Calls.publishVersion(account, region, fn, 1));
            a.after(1_000, 3_000, Calls.putProvisionedConcurrency(fn, "1", 200).in(region));
        }
        label.stages.put("provisioning_complete", a.now);
    }

    /** Addresses the storm rotates over (documentation and benchmarking ranges). */
    static final String[] STORM_IPS = {
        "203.0.113.17",
        "198.51.100.203",
        "192.0.2.77",
        "198.18.4.21",
        "203.0.113.142",
        "198.19.200.9"
    };

    /** What the stolen key probes: service, API; most are refused. */
    static final String[][] STORM_PROBES = {
        {"sts", "GetCallerIdentity"},
        {"iam", "ListUsers"},
        {"iam", "ListRoles"},
        {"iam", "GetAccountAuthorizationDetails"},
        {"iam", "ListPolicies"},
        {"iam", "GetAccountSummary"},
        {"ec2", "DescribeInstances"},
        {"ec2", "DescribeRegions"},
        {"ec2", "DescribeVpcs"},
        {"ec2", "DescribeSecurityGroups"},
        {"ec2", "DescribeSnapshots"},
        {"ec2", "DescribeKeyPairs"},
        {"s3", "ListBuckets"},
        {"s3", "GetBucketPolicy"},
        {"s3", "GetBucketAcl"},
        {"lambda", "ListFunctions20150331"},
        {"lambda", "GetAccountSettings20160819"},
        {"rds", "DescribeDBInstances"},
        {"rds", "DescribeDBSnapshots"},
        {"rds", "DescribeDBClusters"},
        {"dynamodb", "ListTables"},
        {"dynamodb", "DescribeLimits"},
        {"sqs", "ListQueues"},
        {"sns", "ListTopics"},
        {"sns", "ListSubscriptions"},
        {"kms", "ListKeys"},
        {"kms", "ListAliases"},
        {"secretsmanager", "ListSecrets"},
        {"secretsmanager", "GetSecretValue"},
        {"ssm", "DescribeParameters"},
        {"ssm", "GetParametersByPath"},
        {"ssm", "DescribeInstanceInformation"},
        {"ecs", "ListClusters"},
        {"ecs", "ListTaskDefinitions"},
        {"eks", "ListClusters"},
        {"cloudtrail", "DescribeTrails"},
        {"cloudtrail", "GetTrailStatus"},
        {"cloudtrail", "LookupEvents"},
        {"guardduty", "ListDetectors"},
        {"guardduty", "GetFindings"},
        {"organizations", "DescribeOrganization"},
        {"organizations", "ListAccounts"},
        {"config", "DescribeConfigRules"},
        {"logs", "DescribeLogGroups"},
        {"monitoring", "DescribeAlarms"},
        {"route53", "ListHostedZones"},
        {"cloudformation", "ListStacks"},
        {"cloudformation", "DescribeStacks"},
        {"elasticloadbalancing", "DescribeLoadBalancers"},
        {"autoscaling", "DescribeAutoScalingGroups"},
        {"ecr", "DescribeRepositories"},
        {"sagemaker", "ListNotebookInstances"},
        {"glue", "GetDatabases"},
        {"athena", "ListWorkGroups"},
        {"redshift", "DescribeClusters"},
        {"codebuild", "ListProjects"},
        {"securityhub", "GetFindings"},
        {"backup", "ListBackupVaults"},
        {"iam", "ListAccessKeys"},
        {"iam", "ListAttachedUserPolicies"}
    };

    /** The admin role the storm finds it may assume. */
    static final String STORM_ROLE = "ops-admin";

    /**
     * An enumeration storm: the stolen key probes sixty read-only APIs across 30 services in under
     * five minutes from six addresses, most refused, finds a role it may assume, assumes it and
     * reads a few objects as that role. No compute: the first probe is also the first
     * "provisioning" event (the suite's ten-minute clock starts there), and {@code
     * provisioning_complete} marks the last read.
     */
    private void enumerationStorm() {
        String arn = a.who.principalArn();
        for (int i = 0; i < STORM_PROBES.length; i++) {
            String service = STORM_PROBES[i][0];
            String name = STORM_PROBES[i][1];
            ApiCall c = Calls.read(service, name);
            if (service.equals("iam") || service.equals("route53")) {
                c.in("us-east-1");
            }
            // a few answer: who am I, what regions, which buckets, which roles
            boolean allowed =
                    name.equals("GetCallerIdentity")
                            || name.equals("DescribeRegions")
                            || name.equals("ListBuckets")
                            || name.equals("ListRoles")
                            || i % 7 == 3;
            if (!allowed) {
                if (service.equals("ec2")) {
                    c.error(
                            "Client.UnauthorizedOperation",
                            "You are not authorized to perform this operation. User: "
                                    + arn
                                    + " is not authorized to perform: ec2:"
                                    + name
                                    + " because no identity-based policy allows the ec2:"
                                    + name
                                    + " action");
                } else {
                    c.error(
                            "AccessDenied",
                            "User: "
                                    + arn
                                    + " is not authorized to perform: "
                                    + service
                                    + ":"
                                    + name
                                    + " because no identity-based policy allows the "
                                    + service
                                    + ":"
                                    + name
                                    + " action");
                }
            }
            stormCall(i == 0 ? 0 : 2_000, i == 0 ? 0 : 6_000, STORM_IPS[i % STORM_IPS.length], c);
            if (i == 0) {
                first("enumeration");
                label.firstProvisioningEvent = a.now;
            }
        }
        Identity admin =
                Identity.assumedRole(account, STORM_ROLE, "aws-cli-" + a.rng.hex(8), a.rng);
        stormCall(5_000, 15_000, STORM_IPS[0], Calls.assumeRole(admin, a.now + Times.HOUR, a.rng));
        label.stages.put("privilege_escalation", a.now);
        label.otherPrincipals.add(admin.principalKey());
        Actor role =
                new Actor(
                        admin,
                        STORM_IPS[1],
                        a.userAgent,
                        "us-east-1",
                        a.now + 20_000,
                        a.corpus,
                        a.rng);
        String bucket = "finance-exports-" + account;
        role.call(Calls.s3Read("ListObjects", bucket));
        label.stages.put("collection", role.now);
        for (String key :
                new String[] {
                    "2026/02/payroll.csv", "2026/02/invoices.csv", "2026/03/customers.csv"
                }) {
            role.after(3_000, 10_000, Calls.getObject(bucket, key));
        }
        label.stages.put("provisioning_complete", role.now);
    }

    /** Waits, then emits {@code call} as the stolen key from {@code ip} (the storm rotates). */
    private void stormCall(long minMs, long maxMs, String ip, ApiCall call) {
        a.now =
                Times.wholeSeconds(
                        a.now + minMs + (maxMs > minMs ? a.rng.nextLong(maxMs - minMs) : 0));
        a.corpus.add(
                a.now,
                RecordFactory.record(
                        a.who, call, a.now, a.region, ip, a.userAgent, a.sessionStart, a.rng));
    }
}
