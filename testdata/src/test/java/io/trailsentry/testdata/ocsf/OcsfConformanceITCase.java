package io.trailsentry.testdata.ocsf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsentry.finding.OcsfWriter;
import io.trailsentry.incident.Finding;
import io.trailsentry.testdata.Envelopes;
import io.trailsentry.testdata.GeneratorMain;
import io.trailsentry.testdata.Labels;
import io.trailsentry.testdata.eval.Evaluation;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every finding the evaluation harness produces (every severity) over the checked-in sample and
 * over the generated scenario suite in each delivery envelope, as the job writes it, against the
 * OCSF 1.6.0 schema; every reported incident ends with a Close finding. The findings are also
 * written to {@code target/conformance/*.jsonl} for other validators.
 */
class OcsfConformanceITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path OUT = Path.of("target", "conformance");
    static OcsfValidator validator;

    @BeforeAll
    static void load() throws Exception {
        validator = new OcsfValidator(OcsfSchema.fromClasspath("1.6.0"));
        Files.createDirectories(OUT);
    }

    static List<Finding> everyFinding(Labels labels, String input) throws Exception {
        return Evaluation.run(
                        labels,
                        List.of("--input", input, "--detection.min-finding-severity", "INFO"),
                        2)
                .allFindings;
    }

    /** Validates and writes {@code findings}; returns "uid vVERSION activity" of each, sorted. */
    static Set<String> conform(String name, List<Finding> findings) throws Exception {
        OcsfWriter writer = new OcsfWriter("conformance");
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Set<String> versions = new TreeSet<>();
        Map<String, Integer> lastActivity = new LinkedHashMap<>();
        Map<String, Integer> lastVersion = new LinkedHashMap<>();
        try (BufferedWriter out =
                Files.newBufferedWriter(OUT.resolve(name + ".jsonl"), StandardCharsets.UTF_8)) {
            for (Finding f : findings) {
                String text = writer.toJson(f);
                out.write(text);
                out.write('\n');
                JsonNode json = JSON.readTree(text);
                List<String> issues = validator.validate(json);
                issues.addAll(consistency(json));
                if (!issues.isEmpty()) {
                    problems.put(json.at("/metadata/uid").asText(), issues);
                }
                int activity = json.get("activity_id").asInt();
                versions.add(f.uid + " v" + f.version + " " + activity);
                if (f.version > lastVersion.getOrDefault(f.uid, 0)) {
                    lastVersion.put(f.uid, f.version);
                    lastActivity.put(f.uid, activity);
                }
            }
        }
        assertThat(findings).as(name).isNotEmpty();
        assertThat(problems).as("%s: findings that do not conform", name).isEmpty();
        assertThat(lastActivity)
                .as("%s: every reported incident ends with a Close finding", name)
                .allSatisfy((uid, activity) -> assertThat(activity).as(uid).isEqualTo(3));
        return versions;
    }

    /** What the schema cannot say: seen times bound the evidence, each resource once. */
    static List<String> consistency(JsonNode f) {
        List<String> out = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (JsonNode e : f.get("evidences")) {
            first = Math.min(first, e.at("/data/time").asLong());
            last = Math.max(last, e.at("/data/time").asLong());
        }
        if (f.at("/finding_info/last_seen_time").asLong() != last
                || f.at("/finding_info/first_seen_time").asLong() != first) {
            out.add("finding_info: first/last seen do not bound the evidence");
        }
        Set<String> resources = new HashSet<>();
        for (JsonNode r : f.get("resources")) {
            if (!resources.add(r.path("uid").asText() + "|" + r.path("region").asText())) {
                out.add("resources: " + r.path("uid").asText() + " listed twice");
            }
        }
        return out;
    }

    @Test
    void everyFindingOfTheSampleConforms() throws Exception {
        Labels labels = Labels.read(Path.of("sample/labels.json"));
        assertThat(conform("sample", everyFinding(labels, "sample/sample.json.gz")))
                .anyMatch(v -> v.endsWith(" 3"));
    }

    @Test
    void everyFindingOfTheSuiteConformsInEveryEnvelope(@TempDir Path dir) throws Exception {
        GeneratorMain.main(new String[] {"--out", dir.toString(), "--envelope", "all"});
        Labels labels = Labels.read(dir.resolve("labels.json"));
        Map<String, Set<String>> byEnvelope = new LinkedHashMap<>();
        for (Envelopes.Kind kind : Envelopes.Kind.values()) {
            String input = dir.resolve(kind.cli).toString();
            byEnvelope.put(kind.cli, conform("suite-" + kind.cli, everyFinding(labels, input)));
        }
        Set<String> logFiles = byEnvelope.get(Envelopes.Kind.LOG_FILES.cli);
        assertThat(byEnvelope)
                .as("the same findings whatever the envelope")
                .allSatisfy((kind, versions) -> assertThat(versions).isEqualTo(logFiles));
    }
}
