package io.trailsentry.testdata;

import java.util.ArrayList;
import java.util.List;

/**
 * A small organisation's benign principals: developers on console and CLI, a CI/CD deployment role
 * with Terraform user agents, a nightly read-only security scanner, a data pipeline service role,
 * an on-call admin, and the reporting service user whose key the campaign steals.
 */
public final class Organisation {
    public static final String PROD = "111122223333";
    public static final String DEV = "444455556666";

    static final String CONSOLE_UA =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like"
                    + " Gecko) Version/17.4 Safari/605.1.15";
    static final String CLI_UA =
            "aws-cli/2.15.30 Python/3.11.8 Darwin/23.4.0 exe/x86_64 prompt/off command/ec2.describe-instances";
    static final String TERRAFORM_UA =
            "APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io)"
                    + " terraform-provider-aws/5.60.0 (+https://registry.terraform.io/providers/hashicorp/aws)"
                    + " aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64";
    static final String SCANNER_UA =
            "Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux#5.10.215 md/arch#x86_64 lang/python#3.11.9 cfg/retry-mode#standard Botocore/1.34.84 prowler/3.16";
    static final String JAVA_SDK_UA =
            "aws-sdk-java/2.25.40 Linux/5.10.216 OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS Java/17.0.11 vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/standard";
    static final String REPORTING_UA =
            "Boto3/1.26.137 Python/3.9.16 Linux/4.14.336-257.562.amzn2.x86_64 Botocore/1.29.137";

    final List<Persona> personas = new ArrayList<>();
    final String prod;
    final String dev;

    final Identity alice;
    final Identity carol;
    final Identity terraform;
    final Identity perfCi;
    final Identity scanner;

    /** An IAM user created on the attack day: no history at all. */
    final Identity newEmployee;

    /**
     * One business unit (a prod and a dev account with their people and automation). Unit 0 uses
     * the well-known account ids; {@code volume} scales every persona's call rate.
     */
    Organisation(int unit, double volume, Rng rng) {
        prod =
                unit == 0
                        ? Organisation.PROD
                        : String.format("%012d", 111122223333L + unit * 1_000_003L);
        dev =
                unit == 0
                        ? Organisation.DEV
                        : String.format("%012d", 444455556666L + unit * 1_000_003L);
        String sfx = unit == 0 ? "" : "-u" + unit;
        alice = Identity.iamUser(dev, "alice" + sfx, rng);
        carol = Identity.iamUser(dev, "carol" + sfx, rng);
        perfCi = Identity.assumedRole(prod, "perf-ci" + sfx, "perf", rng);
        newEmployee = Identity.iamUser(dev, "dave" + sfx, rng);
        Persona a =
                new Persona(
                                "developer-alice",
                                alice,
                                List.of("eu-west-1", "us-east-1"),
                                List.of("192.0.2.10", "192.0.2.11"),
                                List.of(CONSOLE_UA, CLI_UA),
                                8,
                                18,
                                true,
                                40)
                        .call(8, r -> Calls.ec2Read("DescribeInstances"))
                        .call(3, r -> Calls.ec2Read("DescribeSecurityGroups"))
                        .call(2, r -> Calls.ec2Read("DescribeVpcs"))
                        .call(4, r -> Calls.s3Read("ListBuckets", null))
                        .call(3, r -> Calls.s3Read("GetBucketLocation", "dev-artifacts-" + dev))
                        .call(3, r -> Calls.read("logs", "DescribeLogGroups"))
                        .call(3, r -> Calls.read("logs", "FilterLogEvents"))
                        .call(2, r -> Calls.ecsRead("ListClusters"))
                        .call(2, r -> Calls.ecsRead("DescribeServices"))
                        .call(2, r -> Calls.read("lambda", "ListFunctions20150331"))
                        .call(1, r -> Calls.read("cloudformation", "DescribeStacks"))
                        .call(1, r -> ApiCall.write("ec2", "CreateTags"))
                        .call(0.5, r -> ApiCall.write("ec2", "StartInstances"))
                        .call(0.5, r -> ApiCall.write("ec2", "StopInstances"));
        personas.add(a);

        Identity bob = Identity.iamUser(prod, "bob" + sfx, rng);
        personas.add(
                new Persona(
                                "developer-bob",
                                bob,
                                List.of("us-west-2"),
                                List.of("192.0.2.20"),
                                List.of(CLI_UA),
                                9,
                                17,
                                true,
                                25)
                        .call(6, r -> Calls.ec2Read("DescribeInstances"))
                        .call(3, r -> Calls.read("rds", "DescribeDBInstances"))
                        .call(3, r -> Calls.read("cloudwatch", "GetMetricData"))
                        .call(2, r -> Calls.read("ssm", "GetParameter"))
                        .call(2, r -> Calls.ecsRead("ListTasks"))
                        .call(1, r -> Calls.read("kms", "Decrypt")));

        terraform = Identity.assumedRole(prod, "ci-deployer" + sfx, "gitlab-ci", rng);
        personas.add(
                new Persona(
                                "ci-deployer",
                                terraform,
                                List.of("us-east-1"),
                                List.of("198.51.100.40", "198.51.100.41"),
                                List.of(TERRAFORM_UA),
                                7,
                                19,
                                true,
                                90)
                        .call(6, r -> Calls.ec2Read("DescribeInstances"))
                        .call(3, r -> Calls.ec2Read("DescribeLaunchTemplates"))
                        .call(3, r -> Calls.ec2Read("DescribeSubnets"))
                        .call(3, r -> Calls.read("autoscaling", "DescribeAutoScalingGroups"))
                        .call(3, r -> Calls.ecsRead("DescribeServices"))
                        .call(2, r -> Calls.ecsRead("DescribeTaskDefinition"))
                        .call(2, r -> Calls.iamRead("GetRole"))
                        .call(2, r -> Calls.read("elasticloadbalancing", "DescribeTargetGroups"))
                        .call(1, r -> ApiCall.write("ecs", "UpdateService"))
                        .call(1, r -> ApiCall.write("ec2", "CreateTags"))
                        .call(
                                0.5,
                                r ->
                                        Calls.registerTaskDefinition(
                                                prod,
                                                "us-east-1",
                                                "web-api",
                                                prod
                                                        + ".dkr.ecr.us-east-1.amazonaws.com/web-api:"
                                                        + r.hex(7),
                                                1024,
                                                2048)));

        scanner = Identity.assumedRole(prod, "security-audit" + sfx, "prowler", rng);
        Persona s =
                new Persona(
                        "nightly-scanner",
                        scanner,
                        List.of(
                                "us-east-1",
                                "us-east-2",
                                "us-west-2",
                                "eu-west-1",
                                "eu-central-1",
                                "ap-southeast-1",
                                "ap-northeast-1",
                                "sa-east-1"),
                        List.of("198.51.100.60"),
                        List.of(SCANNER_UA),
                        2,
                        3,
                        false,
                        900);
        for (String op :
                new String[] {
                    "DescribeInstances",
                    "DescribeSecurityGroups",
                    "DescribeVolumes",
                    "DescribeSnapshots",
                    "DescribeImages",
                    "DescribeFlowLogs",
                    "DescribeRegions"
                }) {
            s.call(3, r -> Calls.ec2Read(op));
        }
        for (String op :
                new String[] {
                    "ListUsers",
                    "ListRoles",
                    "ListPolicies",
                    "GetAccountPasswordPolicy",
                    "ListAccessKeys",
                    "GetAccountAuthorizationDetails",
                    "ListMFADevices"
                }) {
            s.call(2, r -> Calls.iamRead(op));
        }
        s.call(2, r -> Calls.s3Read("GetBucketPolicy", "prod-data-" + prod))
                .call(2, r -> Calls.s3Read("GetBucketEncryption", "prod-logs-" + prod))
                .call(2, r -> Calls.read("cloudtrail", "DescribeTrails"))
                .call(2, r -> Calls.read("guardduty", "ListDetectors"))
                .call(2, r -> Calls.read("kms", "ListKeys"))
                .call(2, r -> Calls.read("rds", "DescribeDBInstances"))
                .call(1, r -> Calls.ecsRead("ListClusters"))
                .call(1, r -> Calls.read("lambda", "ListFunctions20150331"))
                .call(1, r -> Calls.read("config", "DescribeConfigRules"));
        personas.add(s);

        Identity pipeline = Identity.assumedRole(prod, "data-pipeline" + sfx, "etl", rng);
        personas.add(
                new Persona(
                                "data-pipeline",
                                pipeline,
                                List.of("eu-west-1"),
                                List.of("198.51.100.80"),
                                List.of(JAVA_SDK_UA),
                                0,
                                24,
                                false,
                                30)
                        .call(5, r -> Calls.read("glue", "GetTable"))
                        .call(3, r -> ApiCall.write("athena", "StartQueryExecution"))
                        .call(4, r -> Calls.read("athena", "GetQueryExecution"))
                        .call(3, r -> Calls.read("kms", "Decrypt"))
                        .call(1, r -> ApiCall.write("glue", "BatchCreatePartition")));

        Identity ops = Identity.iamUser(prod, "oncall-admin" + sfx, rng);
        personas.add(
                new Persona(
                                "oncall-admin",
                                ops,
                                List.of("us-east-1", "us-west-2"),
                                List.of("192.0.2.30"),
                                List.of(CONSOLE_UA),
                                10,
                                16,
                                true,
                                12)
                        .call(4, r -> Calls.ec2Read("DescribeInstances"))
                        .call(2, r -> Calls.iamRead("ListUsers"))
                        .call(2, r -> Calls.iamRead("GetUser"))
                        .call(2, r -> Calls.read("cloudwatch", "DescribeAlarms"))
                        .call(1, r -> ApiCall.write("ec2", "RebootInstances"))
                        .call(1, r -> Calls.read("health", "DescribeEvents")));

        personas.add(
                new Persona(
                                "developer-carol",
                                carol,
                                List.of("eu-west-1"),
                                List.of("192.0.2.12"),
                                List.of(CONSOLE_UA),
                                9,
                                17,
                                true,
                                15)
                        .call(5, r -> Calls.s3Read("ListObjects", "dev-shared-" + dev))
                        .call(3, r -> Calls.ec2Read("DescribeInstances"))
                        .call(2, r -> Calls.read("logs", "DescribeLogGroups")));
        personas.add(
                new Persona(
                                "perf-ci",
                                perfCi,
                                List.of("us-west-2"),
                                List.of("198.51.100.50"),
                                List.of(TERRAFORM_UA),
                                15,
                                17,
                                true,
                                20)
                        .call(4, r -> Calls.read("cloudwatch", "GetMetricData"))
                        .call(2, r -> Calls.read("autoscaling", "DescribeAutoScalingGroups"))
                        .call(2, r -> Calls.ec2Read("DescribeInstances")));
        for (Persona p : personas) {
            p.scale(volume);
        }
    }
}
