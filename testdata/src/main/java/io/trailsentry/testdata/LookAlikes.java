package io.trailsentry.testdata;

import java.util.List;

/**
 * Benign behaviour that resembles the campaign in part and must stay quiet (README, "Test data").
 * Each is played by a principal with its own ordinary traffic and labelled as a look-alike.
 */
final class LookAlikes {
    static final List<String> IDS =
            List.of(
                    "terraform-termination-protection",
                    "capacity-test-change-window",
                    "developer-dry-run",
                    "access-denied-burst",
                    "nightly-scanner",
                    "new-employee-first-day");

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
}
