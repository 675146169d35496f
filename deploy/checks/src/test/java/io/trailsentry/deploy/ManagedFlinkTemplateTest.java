package io.trailsentry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import io.trailsentry.responder.AwsStandIn;
import io.trailsentry.responder.KinesisEvents;
import io.trailsentry.responder.ResponderConfig;
import io.trailsentry.responder.ResponderHandler;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/managed-flink/trailsentry.yaml against the job's options and the responder's calls. */
class ManagedFlinkTemplateTest {
    static Template t;

    @BeforeAll
    static void read() throws Exception {
        t = new Template(Yaml.read("deploy/managed-flink/trailsentry.yaml"));
    }

    /** The property groups as the Managed Flink runtime hands them to the job. */
    static Map<String, Properties> propertyGroups() {
        Map<String, Properties> groups = new LinkedHashMap<>();
        JsonNode pg =
                t.resource("Detector")
                        .at(
                                "/Properties/ApplicationConfiguration/EnvironmentProperties/PropertyGroups");
        for (JsonNode g : pg) {
            Properties p = new Properties();
            for (Iterator<Map.Entry<String, JsonNode>> it = g.path("PropertyMap").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                p.setProperty(e.getKey(), t.resolve(e.getValue()));
            }
            groups.put(g.path("PropertyGroupId").asText(), p);
        }
        return groups;
    }

    @Test
    void applicationRunsTheJobOnFlink120WithCheckpointsAndSnapshots() {
        JsonNode app = t.resource("Detector").path("Properties");
        assertThat(app.path("RuntimeEnvironment").asText()).isEqualTo("FLINK-1_20");
        JsonNode conf = app.path("ApplicationConfiguration");
        assertThat(
                        conf.at(
                                        "/FlinkApplicationConfiguration/CheckpointConfiguration/CheckpointingEnabled")
                                .asBoolean())
                .isTrue();
        assertThat(conf.at("/ApplicationSnapshotConfiguration/SnapshotsEnabled").asBoolean())
                .isTrue();
        assertThat(
                        app.at(
                                        "/RunConfiguration/ApplicationRestoreConfiguration/ApplicationRestoreType")
                                .asText())
                .isEqualTo("RESTORE_FROM_LATEST_SNAPSHOT");
        assertThat(
                        t.resolve(
                                conf.at(
                                        "/ApplicationCodeConfiguration/CodeContent/S3ContentLocation/FileKey")))
                .isEqualTo("param-JobJarKey");
        assertThat(t.resourcesOfType("AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption"))
                .hasSize(1);
    }

    @Test
    void everyPropertyIsAJobOptionAndTheJobAcceptsThem() {
        Map<String, Properties> groups = propertyGroups();
        // unknown keys or bad values throw here, exactly as the job would at start-up
        JobSettings s = JobSettings.fromPropertyGroups(groups);
        assertThat(s.get(TrailSentryOptions.INPUT_STREAM_ARN)).endsWith(":stream/InputStream");
        assertThat(s.get(TrailSentryOptions.FINDINGS_STREAM_ARN))
                .endsWith(":stream/FindingsStream");
        assertThat(s.get(TrailSentryOptions.DEAD_LETTER_STREAM_ARN))
                .endsWith(":stream/DeadLetterStream");
        assertThat(s.get(TrailSentryOptions.AWS_REGION)).isEqualTo(Template.REGION);
        assertThat(s.has(TrailSentryOptions.INPUT_PATHS)).isFalse();
        assertThat(s.get(TrailSentryOptions.MAX_PARALLELISM))
                .as("set explicitly: it cannot change after the first deployment")
                .isGreaterThanOrEqualTo(128);
    }

    @Test
    void detectorRoleReadsTheInputAndWritesBothOutputs() {
        Map<String, List<String>> byAction = new HashMap<>();
        for (Object[] rs : t.statements()) {
            JsonNode st = (JsonNode) rs[1];
            if (rs[0].equals("FlinkRole")) {
                for (String a : Yaml.strings(st.path("Action"))) {
                    List<String> res = byAction.computeIfAbsent(a, k -> new ArrayList<>());
                    for (JsonNode r :
                            st.path("Resource").isArray()
                                    ? st.path("Resource")
                                    : List.of(st.path("Resource"))) {
                        res.add(t.resolve(r));
                    }
                }
            }
        }
        Properties output = propertyGroups().get("output");
        assertThat(byAction.get("kinesis:GetRecords"))
                .containsExactly(propertyGroups().get("input").getProperty("kinesis.stream-arn"));
        assertThat(byAction.get("kinesis:PutRecords"))
                .containsExactlyInAnyOrder(
                        output.getProperty("findings.stream-arn"),
                        output.getProperty("dead-letters.stream-arn"));
    }

    @Test
    void noPolicyAllowsWildcardActions() {
        List<Object[]> statements = t.statements();
        assertThat(statements).hasSizeGreaterThan(10);
        for (Object[] rs : statements) {
            JsonNode st = (JsonNode) rs[1];
            for (String a : Yaml.strings(st.path("Action"))) {
                assertThat(a).as("%s grants %s", rs[0], a).doesNotContain("*");
            }
        }
    }

    @Test
    void responderPolicyGrantsExactlyTheCallsTheResponderMakes() throws Exception {
        Set<String> called = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        byte[] user = KinesisEvents.resource("campaign-finding.json");
        ObjectNode role = (ObjectNode) json.readTree(user);
        String roleArn = "arn:aws:iam::111122223333:role/ci-deploy";
        ((ObjectNode) role.at("/actor/user")).put("uid", roleArn);
        ArrayNode plan = (ArrayNode) role.at("/unmapped/trailsentry/response_plan");
        plan.removeAll();
        plan.addObject()
                .put("order", 1)
                .put("action", "revoke-role-sessions")
                .put("target", roleArn);
        plan.addObject()
                .put("order", 2)
                .put("action", "deny-compute-creation")
                .put("target", roleArn);
        Map<String, Boolean> instances = Map.of("i-0asg", true);
        try (AwsStandIn aws =
                new AwsStandIn()
                        .keyOwner("AKIAATTACKERKEY00001", "svc-reporting")
                        .keyOwner("AKIACREATEDKEY000002", "support-ses")
                        .group("asg-miner", instances)
                        .cluster("ecs-miner", List.of("svc-a"), List.of("task-a"))) {
            Map<String, String> env = new HashMap<>();
            env.put(ResponderConfig.DRY_RUN, "false");
            env.put(ResponderConfig.LEDGER_TABLE, "ledger");
            ResponderHandler h =
                    new ResponderHandler(
                            ResponderConfig.fromEnv(env),
                            aws.clients("us-east-1"),
                            l -> {},
                            Clock.systemUTC());
            assertThat(
                            h.handleRequest(
                                            KinesisEvents.of(user, json.writeValueAsBytes(role)),
                                            null)
                                    .getBatchItemFailures())
                    .isEmpty();
            for (AwsStandIn.Call c : aws.calls()) {
                called.add(c.service + ":" + c.operation);
            }
        }
        List<String> granted = new ArrayList<>(t.allowed("ResponderRole"));
        // what the event source mapping and logging need, which the handler itself never calls
        granted.removeAll(
                List.of(
                        "kinesis:DescribeStream",
                        "kinesis:DescribeStreamSummary",
                        "kinesis:GetRecords",
                        "kinesis:GetShardIterator",
                        "kinesis:ListShards",
                        "kinesis:ListStreams",
                        "sqs:SendMessage",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents"));
        assertThat(new TreeSet<>(granted)).isEqualTo(called);
    }

    @Test
    void responderDeniesItselfTheDetectorAndBreakGlass() {
        List<String> denied = new ArrayList<>();
        for (Object[] rs : t.statements()) {
            JsonNode st = (JsonNode) rs[1];
            if (rs[0].equals("ResponderRole") && "Deny".equals(st.path("Effect").asText())) {
                st.path("Resource").forEach(r -> denied.add(t.resolve(r)));
                assertThat(Yaml.strings(st.path("Action")))
                        .contains("iam:PutRolePolicy", "iam:PutUserPolicy", "iam:UpdateAccessKey");
            }
        }
        assertThat(denied)
                .contains(
                        "arn:aws:iam::111122223333:role/trailsentry-responder",
                        "arn:aws:iam::111122223333:role/trailsentry-detector",
                        "arn:aws:iam::111122223333:role/BreakGlass*");
        assertThat(t.resolve(t.resource("ResponderRole").at("/Properties/RoleName")))
                .isEqualTo("trailsentry-responder");
        assertThat(t.resolve(t.resource("FlinkRole").at("/Properties/RoleName")))
                .isEqualTo("trailsentry-detector");
    }

    @Test
    void responderFunctionIsWiredToTheHandlerAndKnownSettings() throws Exception {
        JsonNode fn = t.resource("Responder").path("Properties");
        assertThat(fn.path("Handler").asText())
                .isEqualTo(ResponderHandler.class.getName() + "::handleRequest");
        ResponderHandler.class.getMethod(
                "handleRequest",
                com.amazonaws.services.lambda.runtime.events.KinesisEvent.class,
                com.amazonaws.services.lambda.runtime.Context.class);
        Set<String> known = new TreeSet<>();
        for (Field f : ResponderConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                known.add((String) f.get(null));
            }
        }
        Map<String, String> env = new HashMap<>();
        fn.at("/Environment/Variables")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), t.resolve(e.getValue())));
        assertThat(known).containsAll(env.keySet());
        assertThat(env).containsEntry(ResponderConfig.DRY_RUN, "true");
        // the stack's defaults start the responder cleanly
        ResponderConfig c = ResponderConfig.fromEnv(env);
        assertThat(c.dryRun).isTrue();
        assertThat(c.isNeverAct(t.resolve(fn.path("Role"))))
                .as("the responder never acts on itself")
                .isTrue();
        assertThat(
                        c.isNeverAct(
                                t.resolve(
                                        t.resource("FlinkRole")
                                                .path("Properties")
                                                .path("RoleName"))))
                .isFalse();
        assertThat(c.isNeverAct("att-FlinkRole-Arn")).as("nor on the detector").isTrue();
        assertThat(env.get(ResponderConfig.LEDGER_TABLE)).isEqualTo("ref-ResponderLedger");
        JsonNode ledger = t.resource("ResponderLedger").path("Properties");
        assertThat(ledger.at("/KeySchema/0/AttributeName").asText()).isEqualTo("pk");
        assertThat(ledger.at("/TimeToLiveSpecification/AttributeName").asText())
                .isEqualTo("expires");
    }

    @Test
    void eventSourceMappingHasTheDocumentedSettings() {
        JsonNode m = t.resource("FindingsToResponder").path("Properties");
        assertThat(t.resolve(m.path("EventSourceArn"))).endsWith(":stream/FindingsStream");
        assertThat(Yaml.strings(m.path("FunctionResponseTypes")))
                .containsExactly("ReportBatchItemFailures");
        assertThat(m.path("BisectBatchOnFunctionError").asBoolean()).isTrue();
        assertThat(m.path("MaximumRetryAttempts").asInt()).isBetween(1, 10);
        assertThat(m.path("MaximumRecordAgeInSeconds").asInt()).isBetween(60, 21_600);
        assertThat(m.path("ParallelizationFactor").asInt())
                .as("one batch per shard: per-principal order")
                .isEqualTo(1);
        assertThat(t.resolve(m.at("/DestinationConfig/OnFailure/Destination")))
                .isEqualTo("att-ResponderFailures-Arn");
        assertThat(t.resource("ResponderFailures").path("Type").asText())
                .isEqualTo("AWS::SQS::Queue");
    }

    @Test
    void alarmsWatchDeadLettersCheckpointsLagAndTheResponder() {
        Set<String> metrics = new TreeSet<>();
        for (String a : t.resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode p = t.resource(a).path("Properties");
            if (p.has("Metrics")) {
                for (JsonNode m : p.path("Metrics")) {
                    JsonNode metric = m.at("/MetricStat/Metric");
                    if (!metric.isMissingNode()) {
                        metrics.add(
                                metric.path("Namespace").asText()
                                        + "/"
                                        + metric.path("MetricName").asText());
                    }
                }
            } else {
                metrics.add(p.path("Namespace").asText() + "/" + p.path("MetricName").asText());
            }
        }
        assertThat(metrics)
                .contains(
                        "AWS/Kinesis/IncomingRecords",
                        "AWS/Kinesis/GetRecords.IteratorAgeMilliseconds",
                        "AWS/KinesisAnalytics/numberOfFailedCheckpoints",
                        "AWS/KinesisAnalytics/downtime",
                        "AWS/SQS/ApproximateNumberOfMessagesVisible",
                        "AWS/Lambda/IteratorAge");
    }
}
