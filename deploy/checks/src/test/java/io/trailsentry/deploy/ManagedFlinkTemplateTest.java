package io.trailsentry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
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

/**
 * deploy/managed-flink/trailsentry.yaml against the job's options (the responder:
 * ResponderTemplateTest).
 */
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
        assertThat(s.get(TrailSentryOptions.BACKFILL_DAYS)).as("backfill off by default").isZero();
        assertThat(s.get(TrailSentryOptions.BACKFILL_PATHS))
                .singleElement()
                .asString()
                .startsWith("s3://")
                .endsWith("/AWSLogs/");
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
