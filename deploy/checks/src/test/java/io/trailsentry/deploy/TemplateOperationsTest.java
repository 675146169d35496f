package io.trailsentry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/managed-flink/trailsentry.yaml as operators meet it: alarms, parameter rules, logging. */
class TemplateOperationsTest {
    static Template t;

    @BeforeAll
    static void read() throws Exception {
        t = new Template(Yaml.read("deploy/managed-flink/trailsentry.yaml"));
    }

    @Test
    void failedCheckpointsAlarmWatchesNewFailuresNotTheCountSinceStart() {
        // numberOfFailedCheckpoints only grows while the job runs: "Maximum > 0" would stay in
        // alarm after the first failure and never notify again
        JsonNode p = t.resource("CheckpointFailuresAlarm").path("Properties");
        assertThat(p.has("MetricName")).isFalse();
        JsonNode source = null;
        JsonNode watched = null;
        for (JsonNode m : p.path("Metrics")) {
            if (m.at("/MetricStat/Metric/MetricName")
                    .asText()
                    .equals("numberOfFailedCheckpoints")) {
                source = m;
            }
            if (m.path("ReturnData").asBoolean(true) && m.has("Expression")) {
                watched = m;
            }
        }
        assertThat(source).isNotNull();
        assertThat(source.path("ReturnData").asBoolean(true)).isFalse();
        assertThat(watched).isNotNull();
        assertThat(watched.path("Expression").asText())
                .matches("(DIFF|RATE)\\(" + source.path("Id").asText() + "\\)");
        assertThat(p.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(p.path("Threshold").asDouble()).isZero();
    }

    @Test
    void theCloudWatchLogsFeedCannotBeChosenWithoutItsLogGroup() {
        JsonNode rule = t.root.at("/Rules/LogsFeedNamesItsLogGroup");
        assertThat(rule.at("/RuleCondition/Fn::Equals/1").asText()).isEqualTo("cloudwatch-logs");
        assertThat(rule.at("/Assertions/0/Assert").toString())
                .contains("CloudTrailLogGroupName")
                .contains("Fn::Not");
        assertThat(t.root.at("/Parameters/CloudTrailLogGroupName/Default").asText()).isEmpty();
        assertThat("aws-cloudtrail-logs-111122223333-0a1b2c3d")
                .matches(t.root.at("/Parameters/CloudTrailLogGroupName/AllowedPattern").asText());
        assertThat("")
                .matches(t.root.at("/Parameters/CloudTrailLogGroupName/AllowedPattern").asText());
        assertThat(t.resource("CloudTrailSubscription").path("Condition").asText())
                .isEqualTo("FeedFromLogs");
    }

    @Test
    void theLogStreamIsAttachedWhereCloudFormationCanAndNamedWhereItCannot() {
        assertThat(t.resource("DetectorLogging").path("Condition").asText())
                .isEqualTo("AttachLogging");
        assertThat(t.root.at("/Outputs/DetectorLogStreamArn/Value").toString())
                .isEqualTo(
                        t.resource("DetectorLogging")
                                .at("/Properties/CloudWatchLoggingOption/LogStreamARN")
                                .toString());
    }
}
