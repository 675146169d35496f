package io.trailsentry.testdata.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.trailsentry.job.config.JobSettings;
import io.trailsentry.testdata.TestDataMain;
import io.trailsentry.testdata.docs.DocCommands.Command;
import io.trailsentry.testdata.docs.DocCommands.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every command the documentation shows is one the tests know, and is right as far as it can be
 * checked without running it: the tools and flags exist, the files and template parameters it names
 * exist. {@link DocumentedCommandsITCase} runs them.
 */
class DocumentedCommandsTest {
    static final List<Command> ALL = DocCommands.all();

    static List<Command> of(Kind kind) {
        return ALL.stream().filter(c -> c.kind == kind).collect(Collectors.toList());
    }

    @Test
    void everyDocumentedCommandIsOneTheTestsKnow() {
        assertThat(of(Kind.UNKNOWN))
                .as(
                        "commands in the docs that no test runs or checks: teach DocCommands and"
                                + " DocumentedCommandsITCase to run them, or correct the docs")
                .isEmpty();
    }

    @Test
    void theReadersFindTheHeadlineCommands() {
        assertThat(ALL)
                .anySatisfy(
                        c -> {
                            assertThat(c.file).isEqualTo("README.md");
                            assertThat(c.argv).isEqualTo(DocCommands.JOB_FORM);
                        });
        assertThat(ALL).anySatisfy(c -> assertThat(c.argv).containsExactly("./mvnw", "verify"));
        assertThat(of(Kind.TOOL)).hasSizeGreaterThan(15);
        assertThat(of(Kind.TOOL).stream().map(c -> c.args().get(0)).collect(Collectors.toSet()))
                .as("every tool is documented")
                .containsAll(TestDataMain.tools());
        assertThat(of(Kind.PACKAGE)).isNotEmpty();
        assertThat(of(Kind.EXTERNAL)).hasSizeGreaterThan(5);
    }

    @Test
    void theShellReadingExpandsVariablesAndJoinsLines() {
        List<Command> c =
                DocCommands.read(
                        "x.md",
                        List.of(
                                "```bash",
                                "T=\"./mvnw -q -pl job -am compile exec:exec\"   # the job",
                                "$T \\",
                                "  -Dargs=\"--input /a --findings-out '/b c'\" # comment",
                                "```",
                                "prose `$T -Dargs=\"--help\"` and `-Dargs` and `./mvnw`"));
        assertThat(c).hasSize(2);
        assertThat(c.get(0).kind).isEqualTo(Kind.JOB);
        assertThat(c.get(0).line).isEqualTo(3);
        assertThat(c.get(0).args()).containsExactly("--input", "/a", "--findings-out", "/b c");
        assertThat(c.get(1).args()).containsExactly("--help");
        assertThat(DocCommands.read("y.md", List.of("```bash", "rm -rf /", "```")).get(0).kind)
                .isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void everyToolCommandNamesAToolAndItsFlags() {
        for (Command c : of(Kind.TOOL)) {
            List<String> args = c.args();
            assertThat(TestDataMain.tools()).as("%s", c).contains(args.get(0));
            assertThatCode(
                            () ->
                                    TestDataMain.cli(args.get(0))
                                            .parse(
                                                    args.subList(1, args.size())
                                                            .toArray(new String[0])))
                    .as("%s", c)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void everyJobCommandLineIsOneTheJobAccepts() {
        for (Command c : of(Kind.JOB)) {
            assertThatCode(() -> JobSettings.fromArgs(c.args().toArray(new String[0])))
                    .as("%s", c)
                    .doesNotThrowAnyException();
        }
        for (Command c : of(Kind.EXTERNAL)) {
            if (c.argv.get(0).equals("flink")) {
                // flink run <jar> <job flags>, with placeholder ARNs
                List<String> flags = new ArrayList<>();
                for (String a : c.argv.subList(3, c.argv.size())) {
                    flags.add(
                            a.equals("arn:...")
                                    ? "arn:aws:kinesis:us-east-1:111122223333:stream/s"
                                    : a);
                }
                assertThatCode(() -> JobSettings.fromArgs(flags.toArray(new String[0])))
                        .as("%s", c)
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void packageCommandsNameModulesOfTheBuild() {
        for (Command c : of(Kind.PACKAGE)) {
            for (String module : c.argv.get(2).split(",")) {
                assertThat(DocCommands.ROOT.resolve(module).resolve("pom.xml"))
                        .as("%s", c)
                        .isRegularFile();
            }
        }
    }

    /** The template's parameter names, read from its top-level Parameters block. */
    static Set<String> templateParameters(Path template) throws Exception {
        Set<String> out = new TreeSet<>();
        boolean in = false;
        for (String line : Files.readAllLines(template)) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                in = line.startsWith("Parameters:");
                continue;
            }
            Matcher m = Pattern.compile("^  ([A-Za-z0-9]+):\\s*$").matcher(line);
            if (in && m.matches()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void deployCommandsNameFilesAndParametersThatExist() throws Exception {
        String version = projectVersion();
        for (Command c : of(Kind.EXTERNAL)) {
            List<String> a = c.argv;
            for (int i = 1; i < a.size(); i++) {
                String w = a.get(i);
                if (w.startsWith("file://")) {
                    w = w.substring("file://".length());
                }
                if (w.matches("(deploy|docs|job|testdata|udfs)/.*") && !w.contains("/target/")) {
                    assertThat(DocCommands.ROOT.resolve(w)).as("%s", c).exists();
                }
                if (w.matches("(job|deploy/responder)/target/.*\\.jar")) {
                    assertThat(w)
                            .as("%s: a jar the build makes", c)
                            .matches(
                                    "job/target/trailsentry-job-[^/]+-flink\\.jar"
                                            + "|deploy/responder/target/trailsentry-responder-[^/]+-lambda\\.jar");
                }
                if (w.startsWith("VERSION=")) {
                    assertThat(w).as("%s", c).isEqualTo("VERSION=" + version);
                }
            }
            Path template = null;
            if (a.contains("--template-file")) {
                template = DocCommands.ROOT.resolve(a.get(a.indexOf("--template-file") + 1));
            } else if (a.contains("--template-body")) {
                String body = a.get(a.indexOf("--template-body") + 1);
                assertThat(body).as("%s", c).startsWith("file://");
                template = DocCommands.ROOT.resolve(body.substring("file://".length()));
            }
            if (template != null) {
                assertThat(template).as("%s", c).isRegularFile();
                Set<String> params = templateParameters(template);
                for (String key : parameterKeys(a)) {
                    assertThat(params).as("%s: a parameter of %s", c, template).contains(key);
                }
            }
            if (a.contains("--application-name")) {
                String stack = stackName();
                assertThat(a.get(a.indexOf("--application-name") + 1))
                        .as("%s: the application the stack names ${AWS::StackName}-detector", c)
                        .isEqualTo(stack + "-detector");
                assertThat(Files.readString(DocCommands.ROOT.resolve(TEMPLATE)))
                        .contains("ApplicationName: {\"Fn::Sub\": \"${AWS::StackName}-detector\"}");
            }
        }
    }

    static final String TEMPLATE = "deploy/managed-flink/trailsentry.yaml";

    /**
     * The parameters a CloudFormation command sets: {@code --parameter-overrides K=V ...} or {@code
     * --parameters ParameterKey=K,ParameterValue=V ...}.
     */
    static List<String> parameterKeys(List<String> a) {
        List<String> keys = new ArrayList<>();
        for (String flag : List.of("--parameter-overrides", "--parameters")) {
            int from = a.indexOf(flag);
            if (from < 0) {
                continue;
            }
            for (String kv : a.subList(from + 1, a.size())) {
                if (kv.startsWith("--")) {
                    break;
                }
                Matcher m = Pattern.compile("^(?:ParameterKey=)?([A-Za-z0-9]+)[=,]").matcher(kv);
                if (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    /** The stack name the deployment walkthrough creates. */
    static String stackName() {
        for (Command c : of(Kind.EXTERNAL)) {
            if (c.argv.contains("--stack-name")) {
                return c.argv.get(c.argv.indexOf("--stack-name") + 1);
            }
        }
        throw new AssertionError("no documented stack name");
    }

    static String projectVersion() throws Exception {
        Matcher m =
                Pattern.compile("<artifactId>trailsentry-parent</artifactId>\\s*<version>([^<]+)<")
                        .matcher(Files.readString(DocCommands.ROOT.resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void commandsAreSplitLikeAShell() {
        assertThat(DocCommands.words("a 'b c' \"d $X\" $X e\\f", Map.of("X", "1 2")))
                .containsExactly("a", "b c", "d 1 2", "1", "2", "e\\f");
        assertThat(DocCommands.stripComment("x \"#no\" # yes")).isEqualTo("x \"#no\" ");
        assertThat(
                        parameterKeys(
                                List.of(
                                        "aws",
                                        "cloudformation",
                                        "deploy",
                                        "--parameter-overrides",
                                        "CodeBucket=b",
                                        "JobJarKey=k",
                                        "--capabilities",
                                        "X")))
                .containsExactly("CodeBucket", "JobJarKey");
        assertThat(
                        parameterKeys(
                                List.of(
                                        "--parameters",
                                        "ParameterKey=ExternalId,ParameterValue=$EXTERNAL_ID")))
                .containsExactly("ExternalId");
    }
}
