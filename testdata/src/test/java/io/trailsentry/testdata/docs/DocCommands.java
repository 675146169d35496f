package io.trailsentry.testdata.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shell commands the documentation shows a user: every line of the README's, docs/*.md's and
 * deploy/README.md's {@code bash}/{@code sh} code blocks (continuations joined, comments dropped,
 * variables the block or an earlier block of the same file assigns expanded), and the inline code
 * spans of their prose that start like a command ({@code ./mvnw ...}, {@code $T ...}, {@code aws
 * ...}). Each command is classified; {@link Kind#UNKNOWN} is one no test knows how to run or check,
 * which {@link DocumentedCommandsTest} reports as a failure so that docs cannot rot unnoticed.
 */
final class DocCommands {
    /** The repository root, from the module directory the tests run in. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** README command 1 and the forms the job takes arguments in. */
    static final List<String> JOB_FORM =
            List.of("./mvnw", "-q", "-pl", "job", "-am", "compile", "exec:exec");

    /** The test-data tools. */
    static final List<String> TOOLS_FORM =
            List.of("./mvnw", "-q", "-pl", "testdata", "-am", "test-compile", "exec:exec@testdata");

    enum Kind {
        /** {@link #JOB_FORM}, with or without {@code -Dargs}: the job's own command line. */
        JOB,
        /** {@link #TOOLS_FORM} with {@code -Dargs="<tool> ..."}. */
        TOOL,
        /**
         * {@code ./mvnw [-B -ntp] verify} and {@code .ci/run}: the build these tests are part of.
         */
        BUILD,
        /** {@code ./mvnw spotless:apply}: rewrites sources; the build checks the same format. */
        FORMAT,
        /** {@code ./mvnw -pl <modules> -am package -DskipTests}: builds the deployable jars. */
        PACKAGE,
        /**
         * {@code aws}, {@code kubectl}, {@code docker}, {@code flink run}: need AWS or a cluster.
         */
        EXTERNAL,
        /** {@code cfn-lint ...} and {@code pip install cfn-lint}: what deploy/checks runs. */
        LINT,
        UNKNOWN
    }

    /** One documented command. */
    static final class Command {
        final String file;
        final int line;
        final String text;
        final List<String> argv;
        final Kind kind;

        Command(String file, int line, String text, List<String> argv) {
            this.file = file;
            this.line = line;
            this.text = text;
            this.argv = argv;
            this.kind = classify(argv);
        }

        /** The Maven command without its {@code -Dargs}. */
        List<String> form() {
            return argv.stream().filter(a -> !a.startsWith("-Dargs=")).collect(Collectors.toList());
        }

        /** The tokens of {@code -Dargs}, empty when there is none. */
        List<String> args() {
            for (String a : argv) {
                if (a.startsWith("-Dargs=")) {
                    return words(a.substring("-Dargs=".length()), Map.of());
                }
            }
            return List.of();
        }

        boolean hasArgs() {
            return argv.stream().anyMatch(a -> a.startsWith("-Dargs="));
        }

        String where() {
            return file + ":" + line;
        }

        @Override
        public String toString() {
            return where() + ": " + text;
        }
    }

    private DocCommands() {}

    /** The documents whose commands are checked. */
    static List<Path> documents() {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        docs.add(ROOT.resolve("deploy/README.md"));
        return docs;
    }

    /** Every command of every document, in document order. */
    static List<Command> all() {
        List<Command> out = new ArrayList<>();
        for (Path doc : documents()) {
            try {
                out.addAll(read(ROOT.relativize(doc).toString(), Files.readAllLines(doc)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z]*)\\s*$");
    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern ASSIGNMENT =
            Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(\\S.*|)$");
    private static final List<String> SPAN_STARTS =
            List.of(
                    "./mvnw ",
                    "$T ",
                    "aws ",
                    "kubectl ",
                    "docker ",
                    "flink ",
                    "cfn-lint",
                    "pip ",
                    ".ci/run",
                    "bash ");
    private static final List<String> SHELLS = List.of("bash", "sh", "shell", "console");

    /** The commands of one markdown document. */
    static List<Command> read(String file, List<String> lines) {
        List<Command> out = new ArrayList<>();
        Map<String, String> vars = new HashMap<>();
        boolean inBlock = false;
        boolean shell = false;
        StringBuilder pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                inBlock = !inBlock;
                shell = inBlock && SHELLS.contains(fence.group(1));
                continue;
            }
            if (inBlock) {
                if (!shell) {
                    continue;
                }
                String code = stripComment(line).strip();
                if (pending != null) {
                    pending.append(' ').append(code);
                } else if (!code.isEmpty()) {
                    pending = new StringBuilder(code);
                    pendingLine = i + 1;
                }
                if (pending != null && pending.toString().endsWith("\\")) {
                    pending.setLength(pending.length() - 1);
                    continue;
                }
                if (pending != null) {
                    add(file, pendingLine, pending.toString().strip(), vars, out);
                    pending = null;
                }
                continue;
            }
            Matcher span = SPAN.matcher(line);
            while (span.find()) {
                String code = span.group(1).strip();
                if (SPAN_STARTS.stream().anyMatch(code::startsWith)) {
                    add(file, i + 1, code, vars, out);
                }
            }
        }
        return out;
    }

    private static void add(
            String file, int line, String code, Map<String, String> vars, List<Command> out) {
        Matcher assignment = ASSIGNMENT.matcher(code);
        if (assignment.matches()) {
            List<String> value = words(assignment.group(2), vars);
            vars.put(assignment.group(1), String.join(" ", value));
            return;
        }
        List<String> argv = words(code, vars);
        out.add(new Command(file, line, String.join(" ", argv), argv));
    }

    /** Drops a {@code #} comment that is not inside quotes. */
    static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /**
     * Splits like a shell: whitespace separates words, quotes group, {@code $NAME} and {@code
     * ${NAME}} outside single quotes expand (an unquoted expansion splits into words).
     */
    static List<String> words(String s, Map<String, String> vars) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '$' && i + 1 < s.length() && isNameStart(s, i + 1)) {
                int start = s.charAt(i + 1) == '{' ? i + 2 : i + 1;
                int end = start;
                while (end < s.length()
                        && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                    end++;
                }
                String name = s.substring(start, end);
                String value = vars.getOrDefault(name, "$" + name);
                i = s.charAt(i + 1) == '{' ? end : end - 1;
                if (quote == '"') {
                    w.append(value);
                } else {
                    List<String> parts = List.of(value.split("\\s+", -1));
                    for (int k = 0; k < parts.size(); k++) {
                        if (k > 0 && inWord) {
                            out.add(w.toString());
                            w.setLength(0);
                        }
                        w.append(parts.get(k));
                        inWord = true;
                    }
                }
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\'
                        && i + 1 < s.length()
                        && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
                    w.append(s.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }

    private static boolean isNameStart(String s, int i) {
        char c = s.charAt(i);
        if (c == '{') {
            return i + 1 < s.length()
                    && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '_');
        }
        return Character.isLetter(c) || c == '_';
    }

    static Kind classify(List<String> argv) {
        if (argv.isEmpty()) {
            return Kind.UNKNOWN;
        }
        String cmd = argv.get(0);
        List<String> rest = argv.subList(1, argv.size());
        switch (cmd) {
            case "./mvnw":
                return maven(argv);
            case ".ci/run":
                return rest.isEmpty() ? Kind.BUILD : Kind.UNKNOWN;
            case "bash":
                return rest.equals(List.of(".ci/run")) ? Kind.BUILD : Kind.UNKNOWN;
            case "cfn-lint":
                return Kind.LINT;
            case "pip":
                return rest.equals(List.of("install", "cfn-lint")) ? Kind.LINT : Kind.UNKNOWN;
            case "aws":
            case "kubectl":
            case "docker":
                return rest.isEmpty() ? Kind.UNKNOWN : Kind.EXTERNAL;
            case "flink":
                return !rest.isEmpty() && rest.get(0).equals("run") ? Kind.EXTERNAL : Kind.UNKNOWN;
            default:
                return Kind.UNKNOWN;
        }
    }

    private static Kind maven(List<String> argv) {
        List<String> form =
                argv.stream().filter(a -> !a.startsWith("-Dargs=")).collect(Collectors.toList());
        boolean hasArgs = form.size() < argv.size();
        if (form.equals(JOB_FORM)) {
            return Kind.JOB;
        }
        if (form.equals(TOOLS_FORM) && hasArgs) {
            return Kind.TOOL;
        }
        if (hasArgs) {
            return Kind.UNKNOWN;
        }
        List<String> rest = argv.subList(1, argv.size());
        if (rest.equals(List.of("verify")) || rest.equals(List.of("-B", "-ntp", "verify"))) {
            return Kind.BUILD;
        }
        if (rest.equals(List.of("spotless:apply"))) {
            return Kind.FORMAT;
        }
        if (rest.size() == 5
                && rest.get(0).equals("-pl")
                && rest.subList(2, 5).equals(List.of("-am", "package", "-DskipTests"))) {
            return Kind.PACKAGE;
        }
        return Kind.UNKNOWN;
    }
}
