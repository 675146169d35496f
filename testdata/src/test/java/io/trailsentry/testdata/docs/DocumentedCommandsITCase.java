package io.trailsentry.testdata.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.job.TrailSentryMain;
import io.trailsentry.testdata.TestDataMain;
import io.trailsentry.testdata.docs.DocCommands.Command;
import io.trailsentry.testdata.docs.DocCommands.Kind;
import io.trailsentry.testdata.kinesis.Kinesalite;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs what the documentation tells a user to run, so that no command in it can rot again.
 *
 * <ul>
 *   <li>Each distinct Maven command form, for real, on a fresh copy of the checkout (sources only,
 *       no build output, as a clone has them), offline against this build's repository: README
 *       command 1 exactly as written, the test-data form with {@code -Dargs="--help"} and with a
 *       mistake (one line and the usage, no stack trace), and every {@code package} form not
 *       contained in a larger documented one (the jars the deployment walkthrough uploads must then
 *       exist).
 *   <li>Every documented tool command line in-process, with its documented flags and tiny inputs:
 *       paths move into a scratch directory, sizes shrink ({@link #tiny}), replay goes to a local
 *       Kinesis; lines that differ only in values run once. Every documented job command line with
 *       arguments runs in-process on a tiny corpus.
 * </ul>
 *
 * The build itself ({@code ./mvnw verify}, {@code .ci/run}), formatting, the linter and commands
 * that need AWS or a cluster are checked without running by {@link DocumentedCommandsTest}.
 */
class DocumentedCommandsITCase {
    static final Path WORK = Path.of("target/doc-commands").toAbsolutePath();
    static final Path CHECKOUT = WORK.resolve("checkout");
    static final Path SCRATCH = WORK.resolve("scratch");
    static final Set<String> NOT_COPIED =
            Set.of("target", "node_modules", ".git", ".idea", ".vscode");

    static List<Command> all;

    @BeforeAll
    static void readTheDocs() throws IOException {
        all = DocCommands.all();
        assertThat(all.stream().filter(c -> c.kind == Kind.UNKNOWN)).isEmpty();
        delete(WORK);
        Files.createDirectories(SCRATCH);
    }

    // ------------------------------------------------------------------ Maven, for real

    @Test
    void everyMavenFormRunsAsWrittenOnAFreshCheckout() throws Exception {
        copyCheckout();
        long started = System.nanoTime();
        Set<List<String>> forms = new LinkedHashSet<>();
        all.stream()
                .filter(c -> c.kind == Kind.TOOL || c.kind == Kind.JOB || c.kind == Kind.PACKAGE)
                .forEach(c -> forms.add(c.form()));
        // first the tools' form, which compiles every module and its tests on the fresh copy
        assertThat(forms).contains(DocCommands.TOOLS_FORM, DocCommands.JOB_FORM);
        List<String> help = new ArrayList<>(DocCommands.TOOLS_FORM);
        help.add("-Dargs=--help");
        String out = maven(help, 0);
        for (String tool : TestDataMain.tools()) {
            assertThat(out).contains("  " + tool + " ");
        }
        List<String> mistake = new ArrayList<>(DocCommands.TOOLS_FORM);
        mistake.add("-Dargs=generate --no-such-flag 1");
        out = maven(mistake, 1);
        assertThat(out)
                .contains("generate: unknown flag --no-such-flag")
                .contains("Usage: generate")
                .doesNotContain("\tat ")
                .doesNotContain("ExecuteException");
        // README command 1 exactly as written: the job on the sample, printing findings
        out = maven(DocCommands.JOB_FORM, 0);
        assertThat(out).contains("[CRITICAL]").containsPattern("TrailSentry: .* findings for ");
        for (List<String> form : forms) {
            if (!form.equals(DocCommands.TOOLS_FORM)
                    && !form.equals(DocCommands.JOB_FORM)
                    && !subsumed(form, forms)) {
                maven(form, 0);
            }
        }
        // the jars the deployment walkthrough uploads, at the version being built
        String version = DocumentedCommandsTest.projectVersion();
        for (Command c : all) {
            for (String w : c.argv) {
                if (w.matches("(job|deploy/responder)/target/.*\\.jar") && w.contains(version)) {
                    assertThat(CHECKOUT.resolve(w)).as("%s", c).isRegularFile();
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "documented Maven forms: %d forms, %.0f s%n",
                forms.size(),
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * A package form whose modules another documented package form builds too: running the larger
     * one does all of its work ({@link DocumentedCommandsTest} checks that its modules exist).
     */
    static boolean subsumed(List<String> form, Set<List<String>> forms) {
        if (form.size() < 3 || !form.get(1).equals("-pl")) {
            return false;
        }
        Set<String> modules = Set.of(form.get(2).split(","));
        for (List<String> other : forms) {
            if (other != form
                    && other.size() == form.size()
                    && other.get(1).equals("-pl")
                    && other.subList(3, other.size()).equals(form.subList(3, form.size()))) {
                Set<String> larger = Set.of(other.get(2).split(","));
                if (larger.size() > modules.size() && larger.containsAll(modules)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Copies the checkout's sources (what a clone has) to {@link #CHECKOUT}. */
    static void copyCheckout() throws IOException {
        Path root = DocCommands.ROOT;
        Files.walkFileTree(
                root,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a)
                            throws IOException {
                        if (!dir.equals(root)
                                && NOT_COPIED.contains(dir.getFileName().toString())) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        Files.createDirectories(CHECKOUT.resolve(root.relativize(dir).toString()));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes a)
                            throws IOException {
                        if (!file.getFileName().toString().equals(".git")) {
                            Files.copy(
                                    file,
                                    CHECKOUT.resolve(root.relativize(file).toString()),
                                    StandardCopyOption.COPY_ATTRIBUTES);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    static int mavenRuns;

    /** Runs a documented Maven command in the copy, offline; returns its output. */
    static String maven(List<String> documented, int expectedStatus) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(documented.get(0));
        cmd.add("-o");
        String repo = System.getProperty("trailsentry.maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            cmd.add("-Dmaven.repo.local=" + repo);
        }
        cmd.addAll(documented.subList(1, documented.size()));
        Path log = WORK.resolve("maven-" + ++mavenRuns + ".log");
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .directory(CHECKOUT.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        // the outer build's wrapper exports its own project directory; the copy has its own
        pb.environment().remove("MAVEN_PROJECTBASEDIR");
        pb.environment().remove("MAVEN_BASEDIR");
        pb.environment().remove("MAVEN_CMD_LINE_ARGS");
        long started = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        String out = Files.readString(log);
        System.out.printf(
                Locale.ROOT,
                "%5.1f s  exit %d  %s%n",
                (System.nanoTime() - started) / 1e9,
                p.exitValue(),
                String.join(" ", documented));
        if (expectedStatus == 0) {
            assertThat(p.exitValue()).as("%s%n%s", cmd, tail(out)).isZero();
        } else {
            assertThat(p.exitValue()).as("%s%n%s", cmd, tail(out)).isNotZero();
        }
        return out;
    }

    static String tail(String s) {
        return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
    }

    // ------------------------------------------------------------------ tools, in-process

    @Test
    void everyDocumentedToolCommandRunsOnTinyInputs() throws Exception {
        // generators first: later commands read what they write. Command lines that differ only
        // in values (sizes, rates, backends of the same flags) run once, as last documented.
        Map<List<String>, List<String>> byShape = new LinkedHashMap<>();
        for (boolean generators : new boolean[] {true, false}) {
            for (Command c : all) {
                if (c.kind == Kind.TOOL && c.args().get(0).equals("generate") == generators) {
                    byShape.put(shape(c.args()), tiny(c.args()));
                }
            }
        }
        List<List<String>> runs = new ArrayList<>(byShape.values());
        long started = System.nanoTime();
        try (Kinesalite kinesis = new Kinesalite()) {
            int i = 0;
            for (List<String> args : runs) {
                List<String> run = new ArrayList<>(args);
                if (run.get(0).equals("report") && run.contains("--findings")) {
                    // what README command 1 writes first: a findings file (here the golden ones)
                    Path findings = Path.of(run.get(run.indexOf("--findings") + 1));
                    Files.createDirectories(findings.getParent());
                    com.fasterxml.jackson.databind.ObjectMapper json =
                            new com.fasterxml.jackson.databind.ObjectMapper();
                    StringBuilder lines = new StringBuilder();
                    for (String golden :
                            new String[] {"golden-finding-user.json", "golden-finding-role.json"}) {
                        lines.append(json.readTree(Path.of("contract", golden).toFile()).toString())
                                .append('\n');
                    }
                    Files.writeString(findings, lines);
                }
                if (run.get(0).equals("replay")) {
                    String stream = run.get(run.indexOf("--stream") + 1);
                    kinesis.createStream(stream.substring(stream.indexOf(":stream/") + 8), 1);
                    run.add("--endpoint");
                    run.add(kinesis.endpoint);
                }
                long t0 = System.nanoTime();
                Path log = WORK.resolve("tool-" + ++i + ".log");
                int status = quietly(log, () -> TestDataMain.run(run.toArray(new String[0])));
                System.out.printf(
                        Locale.ROOT,
                        "%5.1f s  exit %d  %s%n",
                        (System.nanoTime() - t0) / 1e9,
                        status,
                        String.join(" ", run));
                assertThat(status).as("%s%n%s", run, tail(Files.readString(log))).isZero();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "documented tool commands: %d runs, %.0f s%n",
                runs.size(),
                (System.nanoTime() - started) / 1e9);
    }

    @Test
    void everyDocumentedJobCommandLineRunsOnATinyCorpus() throws Exception {
        for (Command c : all) {
            if (c.kind != Kind.JOB || c.args().isEmpty()) {
                continue; // without arguments: README command 1, run through Maven above
            }
            List<String> args = new ArrayList<>();
            for (String a : c.args()) {
                args.add(isPath(a) ? remap(a).toString() : a);
            }
            int input = args.indexOf("--input");
            if (input >= 0 && !Files.exists(Path.of(args.get(input + 1)))) {
                tinyCorpus(Path.of(args.get(input + 1)));
            }
            Path log = WORK.resolve("job-" + c.line + ".log");
            quietly(
                    log,
                    () -> {
                        TrailSentryMain.main(args.toArray(new String[0]));
                        return 0;
                    });
            String out = Files.readString(log);
            assertThat(out).as("%s", c).containsPattern("TrailSentry: .* events read");
            int findings = args.indexOf("--findings-out");
            if (findings >= 0) {
                assertThat(Path.of(args.get(findings + 1))).as("%s", c).isRegularFile();
            }
        }
    }

    /** A small labelled corpus of log files at {@code dir}: the campaign and one look-alike. */
    static void tinyCorpus(Path dir) throws Exception {
        Path gen = dir.resolveSibling(dir.getFileName() + "-generated");
        int status =
                quietly(
                        WORK.resolve("tiny-corpus.log"),
                        () ->
                                TestDataMain.run(
                                        "generate",
                                        "--out",
                                        gen.toString(),
                                        "--scenarios",
                                        "campaign-iam-user",
                                        "--look-alikes",
                                        "developer-dry-run"));
        assertThat(status).isZero();
        Files.createDirectories(dir.getParent());
        Files.move(gen.resolve("log-files"), dir);
    }

    /**
     * The documented command line with its flags kept and its sizes made small: paths move under
     * the scratch directory, counts shrink, the scorer benchmark gets a tiny ADBench-shaped set.
     */
    static List<String> tiny(List<String> documented) throws IOException {
        String tool = documented.get(0);
        List<String> a = new ArrayList<>();
        for (String w : documented.subList(1, documented.size())) {
            a.add(isPath(w) ? remap(w).toString() : w);
        }
        switch (tool) {
            case "generate":
                if (!a.contains("--sample")) {
                    set(a, "--scenarios", "campaign-iam-user");
                    set(a, "--look-alikes", "developer-dry-run");
                }
                break;
            case "evaluate":
                set(a, "--summary", SCRATCH.resolve("evaluation.json").toString());
                break;
            case "replay":
                replace(a, "--rate", "5000");
                break;
            case "bench-scorer":
                set(a, "--seeds", "1");
                set(a, "--trees", "8");
                if (a.contains("--drift")) {
                    set(a, "--window", "256");
                    set(a, "--points", "1500");
                } else {
                    set(a, "--data", adbench().toString());
                    set(a, "--sets", "tiny");
                }
                break;
            case "stratus":
                set(a, "--dir", stratus().toString());
                break;
            case "bench-state":
                if (!a.isEmpty()) {
                    a.set(0, "3");
                }
                break;
            case "fuzz":
                set(a, "--inputs", "2000");
                break;
            case "bench-pipeline":
                set(a, "--events", "2000");
                set(a, "--runs", "1");
                set(a, "--parallelism", "1");
                set(a, "--volume", "1");
                if (!a.contains("--dir")) {
                    set(a, "--dir", SCRATCH.resolve("bench-corpus").toString());
                }
                break;
            case "bench-latency":
                set(a, "--units", "1");
                set(a, "--volume", "1");
                break;
            case "bench-checkpoint":
                set(a, "--principals", "300");
                set(a, "--events", "10");
                set(a, "--settle-ms", "500");
                break;
            default:
                break;
        }
        a.add(0, tool);
        return a;
    }

    /** The tool, its flags in order and how many other words it has. */
    static List<String> shape(List<String> args) {
        List<String> out = new ArrayList<>();
        out.add(args.get(0));
        int words = 0;
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).startsWith("--")) {
                out.add(args.get(i));
            } else {
                words++;
            }
        }
        out.add(Integer.toString(words));
        return out;
    }

    /** Sets a flag's value, replacing the documented one. */
    static void set(List<String> a, String flag, String value) {
        if (!replace(a, flag, value)) {
            a.add(flag);
            a.add(value);
        }
    }

    static boolean replace(List<String> a, String flag, String value) {
        int i = a.indexOf(flag);
        if (i < 0) {
            return false;
        }
        a.set(i + 1, value);
        return true;
    }

    static boolean isPath(String w) {
        return w.contains("/") && !w.startsWith("-") && !w.startsWith("arn:") && !w.contains("://");
    }

    /** A documented path, absolute or relative to the checkout, moved under the scratch dir. */
    static Path remap(String w) {
        return SCRATCH.resolve(w.startsWith("/") ? w.substring(1) : "checkout/" + w).normalize();
    }

    /** One technique's detonation log in Stratus Red Team's shape: a JSON array of records. */
    static Path stratus() throws IOException {
        Path dir = SCRATCH.resolve("stratus");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("aws.defense-evasion.cloudtrail-stop.json"),
                "[{\"eventVersion\":\"1.10\",\"eventTime\":\"2024-07-31T13:06:24Z\","
                        + "\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\","
                        + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.9\","
                        + "\"userAgent\":\"stratus-red-team\",\"requestParameters\":{\"name\":\"t\"},"
                        + "\"eventID\":\"10163ed2-2253-469d-a5ee-cbc6651f8934\",\"readOnly\":false,"
                        + "\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\","
                        + "\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\"111122223333\","
                        + "\"arn\":\"arn:aws:iam::111122223333:user/u\",\"principalId\":\"AIDAX\","
                        + "\"accessKeyId\":\"AKIAX\",\"userName\":\"u\"}}]");
        return dir;
    }

    /** A small two-cluster set in ADBench's .npz shape (X.npy: float64 rows, y.npy: labels). */
    static Path adbench() throws IOException {
        Path dir = SCRATCH.resolve("adbench");
        Path file = dir.resolve("tiny.npz");
        if (Files.exists(file)) {
            return dir;
        }
        Files.createDirectories(dir);
        int n = 800;
        int d = 3;
        Random r = new Random(7);
        double[] x = new double[n * d];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 40 == 0 ? 1 : 0;
            for (int k = 0; k < d; k++) {
                x[i * d + k] = r.nextGaussian() + (y[i] == 1 ? 6 : 0);
            }
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("X.npy"));
            ByteBuffer xb = ByteBuffer.allocate(8 * x.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : x) {
                xb.putDouble(v);
            }
            npy(zip, "<f8", "(" + n + ", " + d + ")", xb.array());
            zip.putNextEntry(new ZipEntry("y.npy"));
            ByteBuffer yb = ByteBuffer.allocate(8 * y.length).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : y) {
                yb.putLong(v);
            }
            npy(zip, "<i8", "(" + n + ",)", yb.array());
        }
        return dir;
    }

    private static void npy(OutputStream out, String descr, String shape, byte[] data)
            throws IOException {
        StringBuilder header =
                new StringBuilder(
                        "{'descr': '"
                                + descr
                                + "', 'fortran_order': False, 'shape': "
                                + shape
                                + ", }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(data);
    }

    // ------------------------------------------------------------------ plumbing

    interface Body {
        int run() throws Exception;
    }

    /** Runs with stdout and stderr going to {@code log}. */
    static synchronized int quietly(Path log, Body body) throws Exception {
        PrintStream o = System.out;
        PrintStream e = System.err;
        try (PrintStream to = new PrintStream(Files.newOutputStream(log), true, "UTF-8")) {
            System.setOut(to);
            System.setErr(to);
            return body.run();
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }
}
