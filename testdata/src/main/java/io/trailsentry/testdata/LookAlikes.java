package io.trailsentry.testdata;

import java.util.List;

/**
 * Benign behaviour that resembles the campaign in part and must stay quiet (README, "Test data").
 * Each is played by a principal with its own ordinary traffic and labelled as a look-alike.
 */
final class LookAlikes {
    /** The look-alikes of the ten-minute campaign (all of them are in the checked-in sample). */
    static final List<String> CAMPAIGN =
            List.of(
                    "terraform-termination-protection",
                    "capacity-test-change-window",
                    "developer-dry-run",
                    "access-denied-burst",
                    "nightly-scanner",
                    "new-employee-first-day");

    /**
     * Look-alikes of the adversarial variants (issue #15), each a principal with history of its own
     * doing daily what a variant does once; not in the checked-in sample.
     */
    static final List<String> VARIANTS =
            List.of(
                    "sagemaker-daily-training",
                    "eks-nodegroup-deploys",
                    "nightly-batch",
                    "cloudformation-ci-deploy",
                    "console-admin-mfa",
                    "backup-snapshot-sharing",
                    "travelling-admin",
                    "lambda-daily-deploys");

    static final List<String> IDS = concat(CAMPAIGN, VARIANTS);

    /**
     * Variant look-alikes labelled {@link Labels.Benign#variant} (reported, not yet held to LOW or
     * below): none since the cold start (issue #16) judges immature principals against their
     * population. The data-science team's first GPU training jobs, the IAM administrator's first
     * new-employee user and the backup role's first share with the organisation's backup account,
     * on the first day of history with no baseline, were MEDIUM, MEDIUM and HIGH before it.
     */
    static final java.util.Set<String> NOT_YET_QUIET = java.util.Set.of();

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private LookAlikes() {}

    /**
     * The CI deployment role's daily Terraform apply: reads, a launch template, an autoscaling
     * group of 20, termination protection on the instances it launches, two ECS clusters. Every
     * working day, history included, so its baseline says this is what it does.
     */
    static void terraformDeploy(Identity role, long day, Corpus corpus, Rng rng) {
        long start = day + 9 * Times.HOUR + rng.nextLong(20 * Times.MINUTE);
        terraformApply(
                role.withSession("gitlab-ci-" + rng.hex(6), rng),
                rng.pick("198.51.100.40", "198.51.100.41"),
                start,
                corpus,
                rng);
    }

    /**
     * One Terraform apply by a CI session from {@code start}; returns what it created (template,
     * group, instances, clusters).
     */
    static List<String> terraformApply(
            Identity session, String ip, long start, Corpus corpus, Rng rng) {
        Actor a =
                new Actor(session, ip, Organisation.TERRAFORM_UA, "us-east-1", start, corpus, rng);
        for (String op :
                new String[] {
                    "DescribeVpcs",
                    "DescribeSubnets",
                    "DescribeSecurityGroups",
                    "DescribeImages",
                    "DescribeLaunchTemplates"
                }) {
            a.after(300, 1_500, Calls.ec2Read(op));
        }
        a.after(300, 1_500, Calls.read("autoscaling", "DescribeAutoScalingGroups"));
        List<String> made = new java.util.ArrayList<>();
        String lt = "web-" + rng.hex(4);
        a.after(1_000, 3_000, Calls.createLaunchTemplate(lt, "m5.large", rng));
        String group = "web-prod-" + rng.hex(4);
        a.after(1_000, 3_000, Calls.createAutoScalingGroup(group, lt, 20, 20, 40, false));
        String[] ids = new String[4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "i-" + rng.hex(17);
        }
        a.after(1_000, 3_000, Calls.runInstances("m5.xlarge", ids.length, true, rng, ids));
        for (String id : ids) {
            a.after(500, 1_500, Calls.protectInstance(id));
        }
        String web = "web-prod-" + rng.hex(4);
        a.after(1_000, 2_000, Calls.createCluster(session.accountId, "us-east-1", web));
        String jobs = "jobs-prod-" + rng.hex(4);
        a.after(1_000, 2_000, Calls.createCluster(session.accountId, "us-east-1", jobs));
        made.add(lt);
        made.add(group);
        made.addAll(List.of(ids));
        made.add(web);
        made.add(jobs);
        return made;
    }

    /**
     * The performance team's CI role: small daily runs; on the test day, a planned 200-instance
     * test.
     */
    static void capacityTest(Identity role, long day, boolean testDay, Corpus corpus, Rng rng) {
        long start = day + 16 * Times.HOUR + rng.nextLong(10 * Times.MINUTE);
        Actor a =
                new Actor(
                        role.withSession("perf-" + rng.hex(6), rng),
                        "198.51.100.50",
                        Organisation.TERRAFORM_UA,
                        "us-west-2",
                        start,
                        corpus,
                        rng);
        a.after(500, 1_000, Calls.ec2Read("DescribeLaunchTemplates"));
        String lt = "loadgen-" + rng.hex(4);
        a.after(1_000, 2_000, Calls.createLaunchTemplate(lt, "c5.4xlarge", rng));
        int size = testDay ? 200 : 10;
        a.after(
                1_000,
                2_000,
                Calls.createAutoScalingGroup(
                        "loadgen-" + rng.hex(4), lt, size / 2, size, size, false));
        a.after(60_000, 120_000, Calls.read("autoscaling", "DescribeAutoScalingGroups"));
        a.after(30 * 60_000, 40 * 60_000, ApiCall.write("autoscaling", "DeleteAutoScalingGroup"));
    }

    /** A developer checks once whether she may launch a GPU instance: one category, no burst. */
    static void developerDryRun(Identity dev, long at, Corpus corpus, Rng rng) {
        Actor a = new Actor(dev, "192.0.2.10", Organisation.CLI_UA, "eu-west-1", at, corpus, rng);
        a.call(Calls.dryRunInstances("g5.xlarge", true, rng));
    }

    /** A console user with a broken policy hits AccessDenied forty times in four minutes. */
    static void accessDeniedBurst(Identity user, long at, Corpus corpus, Rng rng) {
        Actor a =
                new Actor(
                        user, "192.0.2.12", Organisation.CONSOLE_UA, "eu-west-1", at, corpus, rng);
        for (int i = 0; i < 40; i++) {
            ApiCall c =
                    i % 3 == 0
                            ? Calls.s3Read("ListObjects", "dev-shared-" + Organisation.DEV)
                            : i % 3 == 1
                                    ? Calls.ec2Read("DescribeInstances")
                                    : Calls.read("logs", "DescribeLogGroups");
            a.after(
                    2_000,
                    10_000,
                    c.error("AccessDenied", "User is not authorized to perform this action"));
        }
    }

    /**
     * A new employee's first day: a brand-new IAM user logs in, sets up MFA, and looks around many
     * services from the office, at office pace.
     */
    static void newEmployee(Identity user, long day, Corpus corpus, Rng rng) {
        long start = day + 9 * Times.HOUR + 30 * Times.MINUTE;
        Actor a =
                new Actor(
                        user,
                        "192.0.2.11",
                        Organisation.CONSOLE_UA,
                        "eu-west-1",
                        start,
                        corpus,
                        rng);
        a.call(Calls.consoleLogin().in("us-east-1"));
        a.after(20_000, 60_000, ApiCall.write("iam", "CreateVirtualMFADevice").in("us-east-1"));
        a.after(20_000, 60_000, ApiCall.write("iam", "EnableMFADevice").in("us-east-1"));
        String[][] tour = {
            {"ec2", "DescribeInstances"},
            {"ec2", "DescribeVpcs"},
            {"s3", "ListBuckets"},
            {"iam", "GetUser"},
            {"iam", "ListAccessKeys"},
            {"ecs", "ListClusters"},
            {"lambda", "ListFunctions20150331"},
            {"cloudwatch", "DescribeAlarms"},
            {"logs", "DescribeLogGroups"},
            {"rds", "DescribeDBInstances"},
            {"cloudformation", "DescribeStacks"},
            {"ssm", "DescribeParameters"}
        };
        for (int i = 0; i < 90; i++) {
            String[] op = tour[rng.nextInt(tour.length)];
            ApiCall c = Calls.read(op[0], op[1]);
            if (op[0].equals("iam")) {
                c.in("us-east-1");
            }
            a.after(20_000, 120_000, c);
        }
    }

    // ---- look-alikes of the adversarial variants

    static final String SAGEMAKER_SDK_UA =
            "Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux#5.10.215 md/arch#x86_64"
                    + " lang/python#3.11.9 cfg/retry-mode#standard Botocore/1.34.84"
                    + " sagemaker-python-sdk/2.219.0";

    /**
     * Plays variant look-alike {@code id} in {@code account}: a role with ordinary history of its
     * own and, every day of history and the attack day, the daily routine that resembles a variant.
     * Labelled as a variant look-alike: reported, not yet required to stay quiet.
     */
    static void variant(
            String id, String account, long from, int days, long end, Corpus corpus, Rng rng) {
        Persona p;
        switch (id) {
            case "sagemaker-daily-training":
                p =
                        role("ml-training", account, "198.51.100.60", SAGEMAKER_SDK_UA, rng)
                                .call(4, r -> Calls.read("sagemaker", "DescribeTrainingJob"))
                                .call(2, r -> Calls.read("sagemaker", "ListTrainingJobs"))
                                .call(3, r -> Calls.s3Read("ListObjects", "ml-data-" + account))
                                .call(2, r -> Calls.read("logs", "GetLogEvents"));
                break;
            case "eks-nodegroup-deploys":
                p =
                        role(
                                        "platform-deployer",
                                        account,
                                        "198.51.100.61",
                                        Organisation.CLI_UA,
                                        rng)
                                .call(4, r -> Calls.read("eks", "DescribeNodegroup"))
                                .call(3, r -> Calls.read("eks", "DescribeCluster"))
                                .call(2, r -> Calls.read("eks", "ListNodegroups"))
                                .call(
                                        2,
                                        r ->
                                                Calls.read(
                                                        "autoscaling",
                                                        "DescribeAutoScalingGroups"));
                break;
            case "nightly-batch":
                p =
                        role(
                                        "batch-scheduler",
                                        account,
                                        "198.51.100.62",
                                        Organisation.JAVA_SDK_UA,
                                        rng)
                                .call(4, r -> Calls.read("batch", "DescribeJobs"))
                                .call(3, r -> Calls.read("batch", "ListJobs"))
                                .call(2, r -> Calls.read("batch", "DescribeJobQueues"));
                break;
            case "cloudformation-ci-deploy":
                p =
                        role("cfn-deployer", account, "198.51.100.63", Organisation.CLI_UA, rng)
                                .call(4, r -> Calls.read("cloudformation", "DescribeStacks"))
                                .call(3, r -> Calls.read("cloudformation", "DescribeStackEvents"))
                                .call(2, r -> Calls.read("cloudformation", "ListStacks"));
                break;
            case "console-admin-mfa":
                p =
                        new Persona(
                                        "iam-admin",
                                        Identity.iamUser(account, "admin-dana", rng),
                                        List.of("us-east-1"),
                                        List.of(ADMIN_OFFICE_IP),
                                        List.of(Organisation.CONSOLE_UA),
                                        8,
                                        18,
                                        false,
                                        3)
                                .call(4, r -> Calls.iamRead("ListUsers"))
                                .call(3, r -> Calls.iamRead("GetUser"))
                                .call(2, r -> Calls.iamRead("ListGroups"))
                                .call(2, r -> Calls.iamRead("ListAttachedUserPolicies"));
                break;
            case "travelling-admin":
                travellingAdmin(account, from, days, end, corpus, rng);
                return;
            case "lambda-daily-deploys":
                p =
                        role("lambda-deployer", account, "198.51.100.65", Organisation.CLI_UA, rng)
                                .call(4, r -> Calls.read("lambda", "GetFunction20150331v2"))
                                .call(3, r -> Calls.read("lambda", "ListFunctions20150331"))
                                .call(2, r -> Calls.read("logs", "FilterLogEvents"));
                break;
            case "backup-snapshot-sharing":
                p =
                        role(
                                        "backup-operator",
                                        account,
                                        "198.51.100.64",
                                        Organisation.JAVA_SDK_UA,
                                        rng)
                                .call(4, r -> Calls.ec2Read("DescribeSnapshots"))
                                .call(3, r -> Calls.read("rds", "DescribeDBSnapshots"))
                                .call(2, r -> Calls.ec2Read("DescribeVolumes"));
                break;
            default:
                throw new IllegalArgumentException("unknown look-alike " + id);
        }
        p.generate(corpus, from, days, end, rng.fork("history"));
        for (int d = 0; d < days; d++) {
            long day = from + d * Times.DAY;
            Identity session = p.identity.withSession(p.name + "-" + rng.hex(8), rng);
            switch (id) {
                case "sagemaker-daily-training":
                    for (int hour : new int[] {6, 18}) {
                        trainingRun(session, day + hour * Times.HOUR, corpus, rng);
                    }
                    break;
                case "eks-nodegroup-deploys":
                    nodegroupDeploy(session, day, corpus, rng);
                    break;
                case "nightly-batch":
                    nightlyBatch(session, day, corpus, rng);
                    break;
                case "console-admin-mfa":
                    // a new employee's user on most days (the attack day included), none on others
                    consoleAdmin(session, day, d % 2 == 0 || d == days - 1, corpus, rng);
                    break;
                case "backup-snapshot-sharing":
                    nightlySnapshotShare(session, day, corpus, rng);
                    break;
                case "lambda-daily-deploys":
                    lambdaDeploy(session, day, corpus, rng);
                    break;
                default:
                    cloudFormationDeploy(session, day, corpus, rng);
                    break;
            }
        }
        corpus.labels().benign(p.identity.principalKey(), p.name, id, NOT_YET_QUIET.contains(id));
        if (id.equals("backup-snapshot-sharing")) {
            backupVault(from, days, end, corpus, rng.fork("vault"));
        }
    }

    /**
     * The backup account is one of the organisation's: its vault role checks the night's copies
     * around the clock, so the organisation's trail carries that account from the first hour (as an
     * organisation trail carries every member account). A benign persona of its own.
     */
    private static void backupVault(long from, int days, long end, Corpus corpus, Rng rng) {
        Persona vault =
                role("backup-vault", BACKUP_ACCOUNT, "198.51.100.65", Organisation.JAVA_SDK_UA, rng)
                        .call(3, r -> Calls.ec2Read("DescribeSnapshots"))
                        .call(2, r -> Calls.read("rds", "DescribeDBSnapshots"))
                        .call(2, r -> Calls.read("backup", "ListRecoveryPointsByBackupVault"));
        vault.generate(corpus, from, days, end, rng.fork("history"));
        corpus.labels().benign(vault.identity.principalKey(), vault.name, null);
    }

    private static Persona role(String name, String account, String ip, String ua, Rng rng) {
        return new Persona(
                name,
                Identity.assumedRole(account, name, name + "-session", rng),
                List.of("us-east-1"),
                List.of(ip),
                List.of(ua),
                0,
                24,
                false,
                3);
    }

    /** The data-science team's training run: the same two GPU jobs, twice a day. */
    private static void trainingRun(Identity who, long at, Corpus corpus, Rng rng) {
        Actor a =
                new Actor(
                        who,
                        "198.51.100.60",
                        SAGEMAKER_SDK_UA,
                        "us-east-1",
                        at + rng.nextLong(15 * Times.MINUTE),
                        corpus,
                        rng);
        a.call(Calls.read("sagemaker", "ListTrainingJobs"));
        String[][] jobs = {{"ml.p3.16xlarge", "2"}, {"ml.g5.12xlarge", "1"}};
        for (String[] j : jobs) {
            a.after(
                    5_000,
                    20_000,
                    Calls.createTrainingJob(
                            who.accountId,
                            "us-east-1",
                            "recsys-train-" + rng.hex(8),
                            "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.3-gpu-py311",
                            j[0],
                            Integer.parseInt(j[1])));
        }
    }

    /** The platform team scales its node groups up for the day's deploy and down at night. */
    private static void nodegroupDeploy(Identity who, long day, Corpus corpus, Rng rng) {
        Actor a =
                new Actor(
                        who,
                        "198.51.100.61",
                        Organisation.CLI_UA,
                        "us-east-1",
                        day + 10 * Times.HOUR + rng.nextLong(30 * Times.MINUTE),
                        corpus,
                        rng);
        a.call(Calls.read("eks", "DescribeNodegroup"));
        a.after(5_000, 20_000, Calls.updateNodegroupConfig("prod-main", "web", 6, 30, 18, rng));
        a.after(
                5_000,
                20_000,
                Calls.updateNodegroupConfig("prod-main", "gpu-inference", 2, 20, 12, rng));
        a.waitMs(8 * Times.HOUR);
        a.after(5_000, 20_000, Calls.updateNodegroupConfig("prod-main", "web", 6, 30, 6, rng));
        a.after(
                5_000,
                20_000,
                Calls.updateNodegroupConfig("prod-main", "gpu-inference", 2, 20, 2, rng));
    }

    /** The nightly ETL: twenty array jobs into the existing queue at one in the morning. */
    private static void nightlyBatch(Identity who, long day, Corpus corpus, Rng rng) {
        Actor a =
                new Actor(
                        who,
                        "198.51.100.62",
                        Organisation.JAVA_SDK_UA,
                        "us-east-1",
                        day + Times.HOUR + rng.nextLong(5 * Times.MINUTE),
                        corpus,
                        rng);
        a.call(Calls.read("batch", "DescribeJobQueues"));
        for (int i = 0; i < 20; i++) {
            a.after(
                    1_000,
                    4_000,
                    Calls.submitJob(
                            who.accountId,
                            "us-east-1",
                            "etl-partition-" + i,
                            "etl-queue",
                            "nightly-etl:14",
                            50,
                            rng));
        }
    }

    /**
     * CI deploys a preview environment through CloudFormation every day, termination protection on:
     * CloudFormation creates a cluster, a task definition, a launch template, a group of two and
     * two protected instances, as the CI session with {@code invokedBy}.
     */
    private static void cloudFormationDeploy(Identity who, long day, Corpus corpus, Rng rng) {
        Actor a =
                new Actor(
                        who,
                        "198.51.100.63",
                        Organisation.CLI_UA,
                        "us-east-1",
                        day + 11 * Times.HOUR + rng.nextLong(30 * Times.MINUTE),
                        corpus,
                        rng);
        a.call(Calls.read("cloudformation", "DescribeStacks"));
        String stack = "preview-" + rng.hex(6);
        a.after(
                2_000,
                5_000,
                Calls.createStack(
                        who.accountId,
                        "us-east-1",
                        stack,
                        "https://s3.amazonaws.com/cfn-templates-" + who.accountId + "/preview.yaml",
                        rng));
        String cfn = Variants.CFN;
        Actor c = new Actor(who, cfn, cfn, "us-east-1", a.now + 3_000, corpus, rng);
        c.after(
                500,
                2_000,
                Calls.createCluster(who.accountId, "us-east-1", stack + "-cluster").by(cfn));
        c.after(
                500,
                2_000,
                Calls.registerTaskDefinition(
                                who.accountId,
                                "us-east-1",
                                stack + "-api",
                                who.accountId
                                        + ".dkr.ecr.us-east-1.amazonaws.com/api:"
                                        + rng.hex(7),
                                1024,
                                2048)
                        .by(cfn));
        String lt = stack + "-lt";
        c.after(1_000, 3_000, Calls.createLaunchTemplate(lt, "m5.large", rng).by(cfn));
        c.after(
                1_000,
                3_000,
                Calls.createAutoScalingGroup(stack + "-asg", lt, 2, 2, 6, true).by(cfn));
        String[] ids = {"i-" + rng.hex(17), "i-" + rng.hex(17)};
        c.after(1_000, 3_000, Calls.runInstances("m5.large", 2, true, rng, ids).by(cfn));
    }

    /**
     * The team's deployer role ships a few small functions every morning (256 to 1,024 MB, a
     * timeout of 30 s) and reserves five concurrent executions for one of them.
     */
    private static void lambdaDeploy(Identity who, long day, Corpus corpus, Rng rng) {
        Actor a =
                new Actor(
                        who,
                        "198.51.100.65",
                        Organisation.CLI_UA,
                        "us-east-1",
                        day + 10 * Times.HOUR + rng.nextLong(30 * Times.MINUTE),
                        corpus,
                        rng);
        a.call(Calls.read("lambda", "ListFunctions20150331"));
        String last = null;
        for (int mb : new int[] {256, 512, 1024}) {
            last = "orders-" + rng.hex(6);
            a.after(
                    5_000,
                    20_000,
                    Calls.createFunction(
                            who.accountId, "us-east-1", last, "orders-lambda-exec", mb, 30));
        }
        a.after(5_000, 20_000, Calls.putFunctionConcurrency(last, 5));
    }

    /** The travelling administrator's office and hotel networks. */
    static final String TRAVEL_OFFICE_IP = "192.0.2.30";

    static final String TRAVEL_HOTEL_IP = "100.64.77.12";

    /**
     * An IAM administrator who works from the office on every day of history, checks in to a hotel
     * the evening before the attack day (a console sign-in with MFA and a look around from the
     * hotel's network, a prefix the principal never used) and works from there all the next day:
     * the benign shape of a pre-warmed key (first use the evening before, work the next day), which
     * must stay quiet.
     */
    private static void travellingAdmin(
            String account, long from, int days, long end, Corpus corpus, Rng rng) {
        Identity who = Identity.iamUser(account, "admin-lee", rng);
        long travel = from + (days - 1) * Times.DAY;
        adminPersona(who, TRAVEL_OFFICE_IP)
                .generate(corpus, from, days - 1, end, rng.fork("office"));
        adminPersona(who, TRAVEL_HOTEL_IP).generate(corpus, travel, 1, end, rng.fork("hotel"));
        for (int d = 0; d < days; d++) {
            long day = from + d * Times.DAY;
            String ip = day < travel ? TRAVEL_OFFICE_IP : TRAVEL_HOTEL_IP;
            Actor a =
                    new Actor(
                            who,
                            ip,
                            Organisation.CONSOLE_UA,
                            "us-east-1",
                            day + 8 * Times.HOUR + rng.nextLong(20 * Times.MINUTE),
                            corpus,
                            rng);
            a.call(Calls.consoleLoginWithMfa(account, who.name));
            a.after(10_000, 40_000, Calls.iamRead("ListUsers"));
        }
        // the evening before: arrived at the hotel, a look at what happened during the flight
        Actor evening =
                new Actor(
                        who,
                        TRAVEL_HOTEL_IP,
                        Organisation.CONSOLE_UA,
                        "us-east-1",
                        travel - 3 * Times.HOUR - rng.nextLong(30 * Times.MINUTE),
                        corpus,
                        rng);
        evening.call(Calls.consoleLoginWithMfa(account, who.name));
        for (String op : new String[] {"ListUsers", "GetAccountSummary", "ListRoles"}) {
            evening.after(20_000, 90_000, Calls.iamRead(op));
        }
        evening.after(20_000, 90_000, Calls.ec2Read("DescribeInstances"));
        evening.after(20_000, 90_000, Calls.read("cloudtrail", "LookupEvents"));
        corpus.labels().benign(who.principalKey(), "iam-admin-travelling", "travelling-admin");
    }

    private static Persona adminPersona(Identity who, String ip) {
        return new Persona(
                        "iam-admin-travelling",
                        who,
                        List.of("us-east-1"),
                        List.of(ip),
                        List.of(Organisation.CONSOLE_UA),
                        8,
                        18,
                        false,
                        3)
                .call(4, r -> Calls.iamRead("ListUsers"))
                .call(3, r -> Calls.iamRead("GetUser"))
                .call(2, r -> Calls.ec2Read("DescribeInstances"))
                .call(2, r -> Calls.read("cloudtrail", "LookupEvents"));
    }

    static final String ADMIN_OFFICE_IP = "192.0.2.20";

    /** The organisation's backup account, where the nightly backups are shared to. */
    static final String BACKUP_ACCOUNT = "444455556666";

    /**
     * The IAM administrator signs in to the console with MFA every morning and, on days a new
     * employee starts, creates the employee's user: a console password to reset at first sign-in,
     * ReadOnlyAccess, the team's group.
     */
    private static void consoleAdmin(
            Identity who, long day, boolean newEmployee, Corpus corpus, Rng rng) {
        Actor a =
                new Actor(
                        who,
                        ADMIN_OFFICE_IP,
                        Organisation.CONSOLE_UA,
                        "us-east-1",
                        day + 9 * Times.HOUR + rng.nextLong(30 * Times.MINUTE),
                        corpus,
                        rng);
        a.call(Calls.consoleLoginWithMfa(who.accountId, who.name));
        a.after(10_000, 40_000, Calls.iamRead("ListUsers"));
        if (!newEmployee) {
            return;
        }
        String user = "employee-" + rng.hex(4);
        a.after(20_000, 90_000, Calls.createUser(who.accountId, user, rng));
        a.after(10_000, 40_000, Calls.createLoginProfile(user, true));
        a.after(
                10_000,
                40_000,
                Calls.attachUserPolicy(user, "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        a.after(10_000, 40_000, Calls.addUserToGroup("engineering", user));
        a.after(10_000, 40_000, Calls.iamRead("GetUser"));
    }

    /**
     * The backup role's nightly run: snapshots of three EBS volumes and the orders database, each
     * shared with the organisation's backup account.
     */
    private static void nightlySnapshotShare(Identity who, long day, Corpus corpus, Rng rng) {
        Actor a =
                new Actor(
                        who,
                        "198.51.100.64",
                        Organisation.JAVA_SDK_UA,
                        "us-east-1",
                        day + 2 * Times.HOUR + rng.nextLong(10 * Times.MINUTE),
                        corpus,
                        rng);
        a.call(Calls.ec2Read("DescribeVolumes"));
        for (String volume :
                new String[] {
                    "vol-0a1b2c3d4e5f60001", "vol-0a1b2c3d4e5f60002", "vol-0a1b2c3d4e5f60003"
                }) {
            String snap = "snap-" + rng.hex(17);
            a.after(2_000, 6_000, Calls.createSnapshot(volume, snap));
            a.after(30_000, 90_000, Calls.shareSnapshot(snap, BACKUP_ACCOUNT, rng));
        }
        String db = "orders-nightly-" + rng.hex(6);
        a.after(2_000, 6_000, Calls.createDBSnapshot("orders-prod", db));
        a.after(60_000, 180_000, Calls.shareDBSnapshot(db, BACKUP_ACCOUNT));
    }
}
