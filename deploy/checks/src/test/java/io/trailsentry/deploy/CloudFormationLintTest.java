package io.trailsentry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CloudFormation template under deploy/ passes cfn-lint, the linter AWS publishes, with no
 * error and no warning, in every region it knows: a resource type missing in a region where Managed
 * Flink runs fails here, not at stack creation. cfn-lint is a Python tool ({@code pip install
 * cfn-lint}; .ci/run installs it); without it this check fails and says how to get it.
 */
class CloudFormationLintTest {
    /** What cfn-lint is called as: the script, or the module through python3. */
    static List<String> linter() {
        for (List<String> candidate :
                List.of(List.of("cfn-lint"), List.of("python3", "-m", "cfnlint"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("--version");
            try {
                Process p = new ProcessBuilder(version).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not on PATH: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(
                "cfn-lint is not installed: deploy/checks lints every CloudFormation template"
                        + " under deploy/ with it. Install it with 'pip install cfn-lint' (Python 3),"
                        + " or run .ci/run, which installs it.");
    }

    /** Exit status and output of cfn-lint on {@code templates} in every region. */
    static Object[] lint(List<Path> templates) throws Exception {
        List<String> cmd = new ArrayList<>(linter());
        cmd.addAll(List.of("--format", "parseable", "--regions", "ALL_REGIONS", "--"));
        templates.forEach(t -> cmd.add(t.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("cfn-lint did not finish in 5 minutes: " + cmd);
        }
        return new Object[] {p.exitValue(), out};
    }

    /** Files under deploy/ that are CloudFormation templates (build output aside). */
    static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(Yaml.ROOT.resolve("deploy"))) {
            List<Path> out = new ArrayList<>();
            for (Path f :
                    files.filter(Files::isRegularFile)
                            .filter(f -> f.toString().matches(".*\\.(ya?ml|json|template)$"))
                            .filter(f -> !f.toString().contains("/target/"))
                            .filter(f -> !f.toString().contains("/node_modules/"))
                            .sorted()
                            .collect(Collectors.toList())) {
                String relative = Yaml.ROOT.relativize(f).toString();
                JsonNode root;
                try {
                    root = Yaml.read(relative);
                } catch (IOException e) {
                    continue; // a multi-document Kubernetes manifest and the like
                }
                if (root != null
                        && (root.has("AWSTemplateFormatVersion")
                                || root.path("Resources").elements().hasNext()
                                        && root.path("Resources")
                                                .elements()
                                                .next()
                                                .path("Type")
                                                .asText()
                                                .startsWith("AWS::"))) {
                    out.add(f);
                }
            }
            return out;
        }
    }

    @Test
    void everyTemplateUnderDeployHasNoErrorOrWarningInAnyRegion() throws Exception {
        List<Path> templates = templates();
        assertThat(templates)
                .as("CloudFormation templates under deploy/")
                .contains(Yaml.ROOT.resolve("deploy/managed-flink/trailsentry.yaml"));
        Object[] r = lint(templates);
        // cfn-lint's exit status is a bit mask: 2 errors, 4 warnings, 8 informational; 1 a failure
        assertThat((int) r[0])
                .as("cfn-lint --regions ALL_REGIONS %s:%n%s", templates, r[1])
                .isZero();
    }

    @Test
    void theCheckSeesWhatCfnLintReports(@TempDir Path dir) throws Exception {
        // the warning deploy/managed-flink once had: a log group name defaulting to ""
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                String.join(
                        "\n",
                        "AWSTemplateFormatVersion: \"2010-09-09\"",
                        "Parameters:",
                        "  LogGroupName: {Type: String, Default: \"\"}",
                        "Resources:",
                        "  Stream:",
                        "    Type: AWS::Kinesis::Stream",
                        "    Properties: {ShardCount: 1}",
                        "  Subscription:",
                        "    Type: AWS::Logs::SubscriptionFilter",
                        "    Properties:",
                        "      LogGroupName: {Ref: LogGroupName}",
                        "      FilterPattern: \"\"",
                        "      DestinationArn: {\"Fn::GetAtt\": [Stream, Arn]}",
                        ""));
        Object[] r = lint(List.of(bad));
        assertThat((int) r[0] & 4).as("%s", r[1]).isEqualTo(4);
        assertThat((String) r[1]).contains("W1030");
    }
}
