package io.trailsentry.testdata.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.detect.Severity;
import io.trailsentry.incident.Finding;
import io.trailsentry.testdata.Labels;
import io.trailsentry.testdata.cli.Cli;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code evaluate --corpus DIR [--labels FILE] [--summary FILE] [--parallelism N] [-- job flags]}
 * ({@link #CLI}): runs the job over a labelled corpus and prints, per scenario, detection, highest
 * severity, time to detect and categories; per benign principal, every finding; and writes a JSON
 * summary.
 */
public final class EvaluationMain {
    public static final Cli CLI =
            Cli.tool(
                            "evaluate",
                            "run the job on a labelled corpus: detection, time to detect, false positives")
                    .synopsis("--corpus DIR|FILE [--corpus ...] [options] [-- <job flags>]")
                    .repeated("--corpus", "DIR|FILE", "a corpus directory or file (required)")
                    .value(
                            "--labels",
                            "FILE",
                            "labels (default labels.json in or beside the first corpus)")
                    .value(
                            "--summary",
                            "FILE",
                            "JSON summary (default target/trailsentry/evaluation.json)")
                    .value("--parallelism", "N", "job parallelism (default 2)")
                    .rest("flags for the job (see the job's --help)")
                    .note(
                            "The job runs with --detection.min-finding-severity INFO unless the job flags"
                                    + " say otherwise,\nso every finding against a benign principal is visible.");

    private EvaluationMain() {}

    public static int run(String[] args) throws Exception {
        Cli.Parsed a = CLI.parse(args);
        List<String> corpus = a.all("--corpus");
        if (corpus.isEmpty()) {
            throw CLI.error("--corpus is required");
        }
        Path labels = a.value("--labels", Path::of, null);
        Path summary =
                a.value("--summary", Path::of, Path.of("target/trailsentry/evaluation.json"));
        int parallelism = a.integer("--parallelism", 2);
        List<String> jobArgs = a.rest();
        for (String c : corpus) {
            if (!Files.exists(Path.of(c))) {
                throw CLI.error("no corpus at " + c);
            }
        }
        if (labels == null) {
            Path first = Path.of(corpus.get(0)).toAbsolutePath();
            Path dir = Files.isDirectory(first) ? first : first.getParent();
            labels =
                    Files.exists(dir.resolve("labels.json"))
                            ? dir.resolve("labels.json")
                            : dir.getParent().resolve("labels.json");
        }
        List<String> flags = new ArrayList<>();
        flags.add("--input");
        flags.add(String.join(",", corpus));
        if (!String.join(" ", jobArgs).contains("min-finding-severity")) {
            flags.add("--detection.min-finding-severity");
            flags.add("INFO");
        }
        flags.add("--local.progress-interval");
        flags.add("0s");
        flags.addAll(jobArgs);
        if (!Files.isRegularFile(labels)) {
            throw CLI.error("no labels file at " + labels + " (--labels FILE)");
        }
        try {
            io.trailsentry.job.config.JobSettings.fromArgs(flags.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw CLI.error("job flags: " + e.getMessage());
        }
        Evaluation ev = Evaluation.run(Labels.read(labels), flags, parallelism);
        print(ev, System.out);
        writeSummary(ev, summary);
        System.out.println("summary: " + summary);
        return 0;
    }

    static void print(Evaluation ev, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%,d events, %,d dead letters, %,d findings in %.1f s%n%n",
                ev.events,
                ev.deadLetters,
                ev.allFindings.size(),
                ev.wallMs / 1000.0);
        out.printf(
                Locale.ROOT,
                "%-24s %-8s %-9s %8s %8s %8s %10s %6s  %s%n",
                "scenario",
                "detected",
                "highest",
                "first",
                "to HIGH",
                "to CRIT",
                "HIGH-prov",
                "C<done",
                "categories");
        for (Evaluation.ScenarioResult r : ev.scenarios) {
            out.printf(
                    Locale.ROOT,
                    "%-24s %-8s %-9s %8s %8s %8s %10s %6s  %s%n",
                    r.id,
                    r.detected ? "yes" : "NO",
                    sev(r.highestSeverity),
                    dur(r.firstFindingMs),
                    dur(r.toHighMs),
                    dur(r.toCriticalMs),
                    r.highFromProvisioningMs == Long.MIN_VALUE
                            ? "-"
                            : signed(r.highFromProvisioningMs),
                    r.toCriticalMs < 0 ? "-" : r.criticalBeforeProvisioningComplete ? "yes" : "no",
                    r.categories + (r.variant ? "  (variant)" : ""));
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "%-70s %-34s %8s %s%n",
                "benign principal",
                "look-alike / persona",
                "findings",
                "highest");
        for (Evaluation.BenignResult b : ev.benign) {
            out.printf(
                    Locale.ROOT,
                    "%-70s %-34s %8d %s%n",
                    b.principal,
                    b.lookAlike != null ? b.lookAlike : b.persona,
                    b.findings.size(),
                    sev(b.highestSeverity) + (b.variant ? "  (variant look-alike)" : ""));
            for (Finding f : b.findings) {
                out.printf(
                        Locale.ROOT,
                        "      [%s] v%d %s  %s%n",
                        sev(f.severityId),
                        f.version,
                        java.time.Instant.ofEpochMilli(f.time),
                        f.title);
            }
        }
    }

    static void writeSummary(Evaluation ev, Path file) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("events", ev.events);
        root.put("dead_letters", ev.deadLetters);
        root.put("findings", ev.allFindings.size());
        ArrayNode sc = root.putArray("scenarios");
        for (Evaluation.ScenarioResult r : ev.scenarios) {
            ObjectNode o = sc.addObject();
            o.put("id", r.id);
            o.put("principal", r.principal);
            o.put("detected", r.detected);
            if (r.variant) {
                o.put("variant", true);
            }
            o.put("highest_severity", sev(r.highestSeverity));
            o.put("findings", r.findings);
            o.put("first_finding_ms", r.firstFindingMs);
            o.put("to_high_ms", r.toHighMs);
            o.put("to_critical_ms", r.toCriticalMs);
            if (r.highFromProvisioningMs != Long.MIN_VALUE) {
                o.put("high_from_first_provisioning_ms", r.highFromProvisioningMs);
            }
            o.put("critical_before_provisioning_complete", r.criticalBeforeProvisioningComplete);
            ArrayNode cats = o.putArray("categories");
            r.categories.forEach(cats::add);
        }
        ArrayNode bn = root.putArray("benign");
        for (Evaluation.BenignResult b : ev.benign) {
            ObjectNode o = bn.addObject();
            o.put("principal", b.principal);
            o.put("persona", b.persona);
            if (b.lookAlike != null) {
                o.put("look_alike", b.lookAlike);
            }
            if (b.variant) {
                o.put("variant", true);
            }
            o.put("highest_severity", sev(b.highestSeverity));
            ArrayNode fs = o.putArray("findings");
            for (Finding f : b.findings) {
                fs.addObject()
                        .put("uid", f.uid)
                        .put("version", f.version)
                        .put("severity", sev(f.severityId))
                        .put("time", f.time)
                        .put("title", f.title);
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, m.writeValueAsString(root) + "\n");
    }

    static String sev(int id) {
        return id == 0 ? "-" : Severity.ofId(id).name();
    }

    static String dur(long ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%d:%02d", ms / 60_000, (ms / 1000) % 60);
    }

    static String signed(long ms) {
        return (ms < 0 ? "-" : "+") + dur(Math.abs(ms));
    }
}
