package io.trailsentry.testdata.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.detect.Severity;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.Sources;
import io.trailsentry.job.TrailSentryPipeline;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.testdata.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * {@code stratus --dir DIR [-- job flags]} ({@link #CLI}): runs the job once per attack-technique
 * detonation log (Stratus Red Team's {@code docs/detonation-logs/*.json}: a JSON array of real
 * CloudTrail records per technique), each with fresh state and default settings, and prints the
 * highest finding severity and the detections per technique, then how many reached MEDIUM and HIGH.
 */
public final class StratusMain {
    public static final Cli CLI =
            Cli.tool(
                            "stratus",
                            "run the job on each attack-technique detonation log, fresh state each")
                    .synopsis("--dir DIR [--parallelism N] [-- <job flags>]")
                    .value(
                            "--dir",
                            "DIR",
                            "a folder of <technique>.json files, each a JSON array of CloudTrail"
                                    + " records (or {\"Records\": [...]}) (required)")
                    .value("--parallelism", "N", "job parallelism (default 1)")
                    .rest("flags for the job (see the job's --help)")
                    .note(
                            "Stratus Red Team's detonation logs (Apache-2.0) are one such folder;"
                                    + " the job runs with\n--detection.min-finding-severity INFO so"
                                    + " every finding is counted.");

    private StratusMain() {}

    /** One technique's outcome. */
    public static final class Result {
        public String technique;
        public int records;
        public int findings;
        public int highest;
        public final TreeSet<String> detections = new TreeSet<>();
    }

    public static int run(String[] args) throws Exception {
        Cli.Parsed a = CLI.parse(args);
        Path dir = Path.of(a.required("--dir"));
        if (!Files.isDirectory(dir)) {
            throw CLI.error("no folder at " + dir);
        }
        int parallelism = a.integer("--parallelism", 1);
        List<Result> results = runAll(dir, parallelism, a.rest());
        print(results);
        return 0;
    }

    public static List<Result> runAll(Path dir, int parallelism, List<String> jobArgs)
            throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files =
                    s.filter(p -> p.toString().endsWith(".json"))
                            .sorted()
                            .collect(java.util.stream.Collectors.toList());
        }
        ObjectMapper m = new ObjectMapper();
        Path work = Files.createTempDirectory("stratus");
        List<Result> results = new ArrayList<>();
        for (Path f : files) {
            JsonNode root = m.readTree(f.toFile());
            JsonNode records = root.isArray() ? root : root.path("Records");
            if (!records.isArray()) {
                continue;
            }
            Result r = new Result();
            r.technique = f.getFileName().toString().replaceFirst("\\.json$", "");
            r.records = records.size();
            ObjectNode envelope = m.createObjectNode();
            envelope.set("Records", (ArrayNode) records);
            Path input = work.resolve(r.technique + ".json");
            m.writeValue(input.toFile(), envelope);
            for (Finding finding : findings(input, parallelism, jobArgs)) {
                r.findings++;
                r.highest = Math.max(r.highest, finding.severityId);
                if (finding.evidence != null) {
                    for (var e : finding.evidence) {
                        r.detections.add(e.detectionId);
                    }
                }
            }
            results.add(r);
        }
        return results;
    }

    static List<Finding> findings(Path input, int parallelism, List<String> jobArgs)
            throws Exception {
        List<String> flags = new ArrayList<>();
        flags.add("--input");
        flags.add(input.toString());
        if (!String.join(" ", jobArgs).contains("min-finding-severity")) {
            flags.add("--detection.min-finding-severity");
            flags.add("INFO");
        }
        flags.add("--local.progress-interval");
        flags.add("0s");
        flags.addAll(jobArgs);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        JobSettings settings = JobSettings.fromArgs(flags.toArray(new String[0]));
        TrailSentryPipeline.Outputs out =
                new TrailSentryPipeline(settings, false).build(Sources.attach(env, settings));
        List<Finding> all = new ArrayList<>();
        try (CloseableIterator<Finding> it = out.findings.collectAsync()) {
            env.executeAsync("TrailSentry stratus " + input.getFileName());
            it.forEachRemaining(all::add);
        }
        return all;
    }

    static void print(List<Result> results) {
        int medium = 0;
        int high = 0;
        System.out.printf(
                Locale.ROOT,
                "%-58s %7s %8s %-8s  %s%n",
                "technique",
                "records",
                "findings",
                "highest",
                "detections");
        for (Result r : results) {
            medium += r.highest >= Severity.MEDIUM.id ? 1 : 0;
            high += r.highest >= Severity.HIGH.id ? 1 : 0;
            System.out.printf(
                    Locale.ROOT,
                    "%-58s %7d %8d %-8s  %s%n",
                    r.technique,
                    r.records,
                    r.findings,
                    r.findings == 0 ? "-" : Severity.ofId(r.highest).name(),
                    String.join(" ", r.detections));
        }
        System.out.printf(
                Locale.ROOT,
                "%nMEDIUM or above: %d of %d techniques; HIGH or above: %d of %d%n",
                medium,
                results.size(),
                high,
                results.size());
    }
}
