package io.trailsentry.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailsentry.detect.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSettingsTest {
    @Test
    void defaultsWithoutArguments() {
        JobSettings s = JobSettings.fromArgs(new String[0]);
        assertThat(s.has(TrailSentryOptions.INPUT_PATHS)).isFalse();
        assertThat(s.get(TrailSentryOptions.OUT_OF_ORDERNESS)).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.policy().rules.largeCapacity).isEqualTo(20);
        assertThat(s.policy().incidents.minFindingSeverity).isEqualTo(Severity.MEDIUM.id);
    }

    @Test
    void aliasesListsAndDurations() {
        JobSettings s =
                JobSettings.fromArgs(
                        new String[] {
                            "--input",
                            "a.json",
                            "dir1,dir2",
                            "--findings-out",
                            "f.jsonl",
                            "--detection.incident-window=10 min",
                            "--detection.min-finding-severity",
                            "low"
                        });
        assertThat(s.get(TrailSentryOptions.INPUT_PATHS)).containsExactly("a.json", "dir1", "dir2");
        assertThat(s.get(TrailSentryOptions.FINDINGS_FILE)).isEqualTo("f.jsonl");
        assertThat(s.policy().incidents.incidentWindowMs).isEqualTo(600_000);
        assertThat(s.policy().incidents.minFindingSeverity).isEqualTo(Severity.LOW.id);
    }

    @Test
    void backfillNeedsAStreamFilesAndTheGoLiveStart() {
        String stream = "arn:aws:kinesis:us-east-1:111122223333:stream/ct";
        assertThatThrownBy(
                        () ->
                                JobSettings.fromArgs(
                                        new String[] {
                                            "--input.backfill.days", "7",
                                            "--input.backfill.paths", "s3://b/AWSLogs/"
                                        }))
                .hasMessageContaining("needs 'input.kinesis.stream-arn'");
        assertThatThrownBy(
                        () ->
                                JobSettings.fromArgs(
                                        new String[] {
                                            "--input.kinesis.stream-arn",
                                            stream,
                                            "--input.backfill.days",
                                            "7"
                                        }))
                .hasMessageContaining("needs 'input.backfill.paths'");
        assertThatThrownBy(
                        () ->
                                JobSettings.fromArgs(
                                        new String[] {
                                            "--input.kinesis.stream-arn", stream,
                                            "--input.backfill.days", "7",
                                            "--input.backfill.paths", "s3://b/AWSLogs/",
                                            "--input.kinesis.initial-position", "LATEST"
                                        }))
                .hasMessageContaining("leave out 'input.kinesis.initial-position'");
        assertThatThrownBy(
                        () ->
                                JobSettings.fromArgs(
                                        new String[] {
                                            "--input.kinesis.stream-arn", stream,
                                            "--input.backfill.days", "7",
                                            "--input.backfill.paths", "s3://b/AWSLogs/",
                                            "--input.backfill.until", "yesterday"
                                        }))
                .hasMessageContaining("input.backfill.until");
        JobSettings off =
                JobSettings.fromArgs(
                        new String[] {
                            "--input.kinesis.stream-arn", stream,
                            "--input.backfill.days", "0",
                            "--input.backfill.paths", "s3://b/AWSLogs/",
                            "--input.kinesis.initial-position", "LATEST"
                        });
        assertThat(off.get(TrailSentryOptions.BACKFILL_SUPPRESS_FINDINGS)).isTrue();
    }

    @Test
    void unknownOptionsAndBadValuesAreErrorsNotDefaults() {
        assertThatThrownBy(
                        () -> JobSettings.fromArgs(new String[] {"--detection.large-capcity", "5"}))
                .hasMessageContaining("unknown option 'detection.large-capcity'");
        assertThatThrownBy(() -> JobSettings.fromArgs(new String[] {"--time.idleness", "soon"}))
                .hasMessageContaining("time.idleness");
        assertThatThrownBy(
                        () ->
                                JobSettings.fromArgs(
                                        new String[] {
                                            "--detection.min-finding-severity", "SEVERE"
                                        }))
                .hasMessageContaining("bad severity");
        assertThatThrownBy(() -> JobSettings.fromArgs(new String[] {"--input"}))
                .hasMessageContaining("needs a value");
    }

    @Test
    void managedFlinkPropertyGroups() {
        Properties input = new Properties();
        input.setProperty("kinesis.stream-arn", "arn:aws:kinesis:eu-west-1:111122223333:stream/ct");
        Properties detection = new Properties();
        detection.setProperty("large-capacity", "50");
        JobSettings s =
                JobSettings.fromPropertyGroups(Map.of("input", input, "detection", detection));
        assertThat(s.get(TrailSentryOptions.INPUT_STREAM_ARN)).endsWith("stream/ct");
        assertThat(s.policy().rules.largeCapacity).isEqualTo(50);
    }

    @Test
    void localJsonInBothShapes(@TempDir Path dir) throws Exception {
        Path managed = dir.resolve("managed.json");
        Files.writeString(
                managed,
                "[{\"PropertyGroupId\":\"detection\",\"PropertyMap\":{\"ecs-cluster-burst\":\"7\"}},"
                        + "{\"PropertyGroupId\":\"input\",\"PropertyMap\":{\"paths\":[\"x\",\"y\"]}}]");
        JobSettings s = JobSettings.fromArgs(new String[] {"--config", managed.toString()});
        assertThat(s.policy().sequences.ecsClusterBurst).isEqualTo(7);
        assertThat(s.get(TrailSentryOptions.INPUT_PATHS)).isEqualTo(List.of("x", "y"));

        Path flat = dir.resolve("flat.json");
        Files.writeString(flat, "{\"detection.ecs-cluster-burst\": 9}");
        assertThat(
                        JobSettings.fromArgs(new String[] {"--config", flat.toString()})
                                .policy()
                                .sequences
                                .ecsClusterBurst)
                .isEqualTo(9);
    }

    @Test
    void policyFromFileAndInlineJson(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.json");
        Files.writeString(
                policy,
                "{\"allowlistedPrincipals\":[\"arn:aws:iam::1:role/tf\"],\"largeCapacity\":50,"
                        + "\"changeWindows\":[{\"principal\":\"*\",\"days\":[\"SAT\"],\"from\":\"02:00\",\"to\":\"04:00\"}]}");
        var p =
                JobSettings.fromArgs(
                                new String[] {
                                    "--detection.policy-file",
                                    policy.toString(),
                                    "--detection.ecs-cluster-burst",
                                    "8"
                                })
                        .policy();
        assertThat(p.incidents.allowlistedPrincipals).containsExactly("arn:aws:iam::1:role/tf");
        assertThat(p.rules.largeCapacity).isEqualTo(50);
        assertThat(p.sequences.ecsClusterBurst).isEqualTo(8);
        assertThat(p.incidents.changeWindows).hasSize(1);
        assertThat(p.rules.largeCount)
                .as("untouched knobs keep their stage's default")
                .isEqualTo(10);
        var inline =
                JobSettings.fromArgs(
                                new String[] {
                                    "--detection.policy-json",
                                    "{\"expectedRegions\":[\"eu-west-1\"]}"
                                })
                        .policy();
        assertThat(inline.rules.expectedRegions).containsExactly("eu-west-1");
    }

    @Test
    void aKnobGivenTwiceIsAnErrorNotASilentWinner(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"largeCapacity\":50}");
        assertThatThrownBy(
                        () ->
                                JobSettings.fromArgs(
                                                new String[] {
                                                    "--detection.policy-file",
                                                    policy.toString(),
                                                    "--detection.large-capacity",
                                                    "30"
                                                })
                                        .policy())
                .hasMessageContaining("largeCapacity")
                .hasMessageContaining("--detection.large-capacity");
        assertThatThrownBy(
                        () ->
                                JobSettings.fromArgs(
                                                new String[] {
                                                    "--detection.policy-file",
                                                    policy.toString(),
                                                    "--detection.policy-json",
                                                    "{\"largeCapacity\":40}"
                                                })
                                        .policy())
                .hasMessageContaining("largeCapacity")
                .hasMessageContaining("policy file");
    }

    @Test
    void impossibleValuesAreErrors() {
        assertThatThrownBy(
                        () ->
                                JobSettings.fromArgs(
                                                new String[] {
                                                    "--detection.policy-json",
                                                    "{\"scorerThreshold\":0.99,\"scorerCountThreshold\":0.5}"
                                                })
                                        .policy())
                .hasMessageContaining("scorer thresholds must rise");
    }

    @Test
    void misspeltPolicyFieldsAndBadWindowsAreErrors() {
        assertThatThrownBy(
                        () ->
                                JobSettings.fromArgs(
                                        new String[] {
                                            "--detection.policy-json",
                                            "{\"allowListedPrincipals\":[]}"
                                        }))
                .hasMessageContaining("allowListedPrincipals");
        assertThatThrownBy(
                        () ->
                                JobSettings.fromArgs(
                                        new String[] {
                                            "--detection.policy-json",
                                            "{\"changeWindows\":[{\"principal\":\"*\",\"from\":\"25:00\",\"to\":\"26:00\"}]}"
                                        }))
                .hasMessageContaining("bad change window");
    }

    @Test
    void everyOptionInTheReadmesTableIsAccepted() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("\n## Configuration");
        readme = readme.substring(section, readme.indexOf("\n## ", section + 1));
        Matcher row = Pattern.compile("(?m)^\\| ([^|]*`[^|]*) \\|").matcher(readme);
        List<String> keys = new ArrayList<>();
        Set<String> known = new HashSet<>();
        TrailSentryOptions.all().forEach(o -> known.add(o.key()));
        while (row.find()) {
            // every key the first cell names, aliases (--input) aside
            Matcher key = Pattern.compile("`([a-z][a-z0-9.-]+)`").matcher(row.group(1));
            while (key.find()) {
                keys.add(key.group(1));
            }
        }
        assertThat(keys).contains("input.paths", "detection.policy-json", "local.parallelism");
        assertThat(keys).as("the README's configuration table").hasSizeGreaterThan(20);
        assertThat(keys)
                .allSatisfy(k -> assertThat(known).as("a key users are told to set").contains(k));
    }

    @Test
    void helpListsEveryOptionWithItsDescription() {
        String help = JobSettings.helpText();
        for (var o : TrailSentryOptions.all()) {
            assertThat(help).contains("--" + o.key());
        }
        assertThat(help).contains("(default: PT2M)").doesNotContain("Description@");
        assertThat(JobSettings.fromArgs(new String[] {"--help"}).helpRequested()).isTrue();
    }
}
