package io.trailsentry.testdata.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code report --findings FILE --out DIR}: a findings JSON-lines file (what {@code --findings-out}
 * writes) as one self-contained HTML page, {@code DIR/index.html}.
 */
public final class ReportMain {
    static final String HELP =
            String.join(
                    "\n",
                    "TrailSentry incident report: a findings JSON-lines file as one static HTML page.",
                    "",
                    "Usage: report [--findings FILE] [--out DIR]",
                    "",
                    "  --findings FILE   findings, one OCSF JSON object a line (default target/trailsentry/findings.jsonl)",
                    "  --out DIR         where index.html goes (default target/trailsentry/report)",
                    "");

    private ReportMain() {}

    public static void main(String[] args) throws Exception {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status (2: a mistake on the command line or input). */
    public static int run(String[] args) throws IOException {
        Path findings = Path.of("target", "trailsentry", "findings.jsonl");
        Path out = Path.of("target", "trailsentry", "report");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.print(HELP);
                return 0;
            }
            if (i + 1 >= args.length
                    || !(args[i].equals("--findings") || args[i].equals("--out"))) {
                System.err.print(
                        "report: unknown flag or missing value: " + args[i] + "\n\n" + HELP);
                return 2;
            }
            if (args[i].equals("--findings")) {
                findings = Path.of(args[++i]);
            } else {
                out = Path.of(args[++i]);
            }
        }
        if (!Files.isRegularFile(findings)) {
            System.err.print("report: no findings file " + findings + "\n\n" + HELP);
            return 2;
        }
        Path page = write(findings, out);
        System.out.println("report: " + page);
        return 0;
    }

    /** Writes {@code out/index.html} for {@code findings}; returns its path. */
    public static Path write(Path findings, Path out) throws IOException {
        List<Incident> incidents;
        try {
            incidents = Incident.read(findings);
        } catch (IOException e) {
            throw new IOException("report: " + e.getMessage(), e);
        }
        int count = 0;
        for (Incident i : incidents) {
            count += i.all.size();
        }
        Files.createDirectories(out);
        Path page = out.resolve("index.html");
        Files.writeString(
                page,
                ReportPage.render(incidents, findings.getFileName().toString(), count),
                StandardCharsets.UTF_8);
        return page;
    }
}
