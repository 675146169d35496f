package io.trailsentry.testdata.report;

import io.trailsentry.testdata.cli.Cli;
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
    public static final Cli CLI =
            Cli.tool("report", "a findings JSON-lines file as one self-contained HTML page")
                    .synopsis("[--findings FILE] [--out DIR]")
                    .value(
                            "--findings",
                            "FILE",
                            "findings, one OCSF JSON object a line (default"
                                    + " target/trailsentry/findings.jsonl)")
                    .value(
                            "--out",
                            "DIR",
                            "where index.html goes (default target/trailsentry/report)");

    private ReportMain() {}

    /** Runs the command; returns the exit status (a mistake is a usage error, exit 2). */
    public static int run(String[] args) throws IOException {
        Cli.Parsed a = CLI.parse(args);
        Path findings = Path.of(a.text("--findings", "target/trailsentry/findings.jsonl"));
        Path out = Path.of(a.text("--out", "target/trailsentry/report"));
        if (!Files.isRegularFile(findings)) {
            throw CLI.error("no findings file " + findings);
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
