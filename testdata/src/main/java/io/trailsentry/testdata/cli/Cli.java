package io.trailsentry.testdata.cli;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The command line of one test-data tool: its flags, positional arguments and help, declared once,
 * so that parsing, {@code --help} and error messages agree. Every tool parses with it: {@code
 * --help} (or {@code -h}) anywhere before {@code --} asks for the usage, an undeclared flag, a flag
 * without its value, a value that does not parse or a surplus argument is a {@link UsageException}
 * carrying a one-line message, and {@code TestDataMain} turns either into text and an exit status
 * (0 for help, 2 for a mistake), never a stack trace.
 */
public final class Cli {
    /** One declared flag. */
    private static final class Flag {
        final String name;
        final String metavar; // null: a switch without a value
        final String help;
        final boolean repeats;

        Flag(String name, String metavar, String help, boolean repeats) {
            this.name = name;
            this.metavar = metavar;
            this.help = help;
            this.repeats = repeats;
        }

        String label() {
            return metavar == null ? name : name + " " + metavar;
        }
    }

    private final String name;
    private final String summary;
    private final List<String> synopses = new ArrayList<>();
    private final Map<String, Flag> flags = new LinkedHashMap<>();
    private final List<String[]> positionals = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String rest;

    private Cli(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    /** A tool called {@code name}; {@code summary} is its line in the list of tools. */
    public static Cli tool(String name, String summary) {
        return new Cli(name, summary);
    }

    public String name() {
        return name;
    }

    public String summary() {
        return summary;
    }

    /** A way of calling the tool, without its name, e.g. {@code "--out DIR [options]"}. */
    public Cli synopsis(String line) {
        synopses.add(line);
        return this;
    }

    /** A flag taking a value; the last one given counts. */
    public Cli value(String flag, String metavar, String help) {
        return add(new Flag(flag, metavar, help, false));
    }

    /** A flag taking a value that may be given several times. */
    public Cli repeated(String flag, String metavar, String help) {
        return add(new Flag(flag, metavar, help, true));
    }

    /** A flag without a value. */
    public Cli toggle(String flag, String help) {
        return add(new Flag(flag, null, help, false));
    }

    /** An optional positional argument; they are filled in the order declared. */
    public Cli positional(String metavar, String help) {
        positionals.add(new String[] {metavar, help});
        return this;
    }

    /** Everything after {@code --} is passed on untouched (e.g. to the job). */
    public Cli rest(String help) {
        this.rest = help;
        return this;
    }

    /** A line printed after the flags. */
    public Cli note(String line) {
        notes.add(line);
        return this;
    }

    private Cli add(Flag f) {
        if (!f.name.startsWith("--") || flags.put(f.name, f) != null) {
            throw new IllegalStateException("bad or repeated flag declaration " + f.name);
        }
        return this;
    }

    /** The help text: synopsis, every flag and positional argument, notes. */
    public String usage() {
        StringBuilder out = new StringBuilder();
        out.append(name).append(": ").append(summary).append("\n\n");
        List<String> lines = synopses.isEmpty() ? List.of("[options]") : synopses;
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? "Usage: " : "       ")
                    .append(name)
                    .append(' ')
                    .append(lines.get(i))
                    .append('\n');
        }
        out.append('\n');
        int width = "-h, --help".length();
        for (Flag f : flags.values()) {
            width = Math.max(width, f.label().length());
        }
        for (String[] p : positionals) {
            width = Math.max(width, p[0].length());
        }
        String row = "  %-" + width + "s  %s%n";
        for (String[] p : positionals) {
            out.append(String.format(Locale.ROOT, row, p[0], p[1]));
        }
        for (Flag f : flags.values()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            row,
                            f.label(),
                            f.repeats ? f.help + " (may repeat)" : f.help));
        }
        if (rest != null) {
            out.append(String.format(Locale.ROOT, row, "-- ...", rest));
        }
        out.append(String.format(Locale.ROOT, row, "-h, --help", "print this help and exit"));
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append(n).append('\n'));
        }
        return out.toString();
    }

    /** A mistake on this tool's command line. */
    public UsageException error(String message) {
        return new UsageException(name, message, usage(), false);
    }

    /**
     * Parses {@code args}.
     *
     * @throws UsageException for {@code --help} (with {@link UsageException#help()} set) or a
     *     mistake
     */
    public Parsed parse(String... args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> given = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--") && rest != null) {
                passed.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (a.equals("--help") || a.equals("-h")) {
                throw new UsageException(name, null, usage(), true);
            }
            if (a.startsWith("-") && a.length() > 1 && !isNumber(a)) {
                int eq = a.indexOf('=');
                String key = eq < 0 ? a : a.substring(0, eq);
                Flag f = flags.get(key);
                if (f == null) {
                    throw error("unknown flag " + key);
                }
                String v;
                if (f.metavar == null) {
                    if (eq >= 0) {
                        throw error(key + " takes no value");
                    }
                    v = "true";
                } else if (eq >= 0) {
                    v = a.substring(eq + 1);
                } else if (i + 1 < args.length && !flags.containsKey(args[i + 1])) {
                    v = args[++i];
                } else {
                    throw error(key + " needs a value (" + f.label() + ")");
                }
                values.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
            } else if (given.size() < positionals.size()) {
                given.add(a);
            } else {
                throw error("unexpected argument '" + a + "'");
            }
        }
        return new Parsed(values, given, passed);
    }

    private static boolean isNumber(String a) {
        return a.matches("-[0-9][0-9.,_]*");
    }

    /** The values of one command line, read by flag name with a fallback. */
    public final class Parsed {
        private final Map<String, List<String>> values;
        private final List<String> given;
        private final List<String> passed;

        private Parsed(Map<String, List<String>> values, List<String> given, List<String> passed) {
            this.values = values;
            this.given = given;
            this.passed = passed;
        }

        private List<String> of(String flag) {
            if (!flags.containsKey(flag)) {
                throw new IllegalStateException(name + " reads undeclared flag " + flag);
            }
            return values.getOrDefault(flag, List.of());
        }

        /** Whether the flag was given. */
        public boolean has(String flag) {
            return !of(flag).isEmpty();
        }

        /** The last value given, else {@code fallback}. */
        public String text(String flag, String fallback) {
            List<String> v = of(flag);
            return v.isEmpty() ? fallback : v.get(v.size() - 1);
        }

        /** The value; a mistake when it is missing. */
        public String required(String flag) {
            String v = text(flag, null);
            if (v == null) {
                throw error(flag + " is required");
            }
            return v;
        }

        /** Every value of a repeatable flag, in order. */
        public List<String> all(String flag) {
            return of(flag);
        }

        /** The value converted; what the conversion rejects is a mistake on the command line. */
        public <T> T value(String flag, Function<String, T> convert, T fallback) {
            String v = text(flag, null);
            return v == null ? fallback : convert(flag, v, convert);
        }

        /** Whole number; {@code ,} and {@code _} may separate digits. */
        public long number(String flag, long fallback) {
            return value(flag, Cli::wholeNumber, fallback);
        }

        public int integer(String flag, int fallback) {
            return value(flag, v -> Math.toIntExact(wholeNumber(v)), fallback);
        }

        public double decimal(String flag, double fallback) {
            return value(flag, Double::parseDouble, fallback);
        }

        /** The i-th positional argument, else {@code fallback}. */
        public String positional(int i, String fallback) {
            if (i >= positionals.size()) {
                throw new IllegalStateException(name + " reads undeclared positional " + i);
            }
            return i < given.size() ? given.get(i) : fallback;
        }

        public int positionalInteger(int i, int fallback) {
            String v = positional(i, null);
            return v == null
                    ? fallback
                    : convert(positionals.get(i)[0], v, s -> Math.toIntExact(wholeNumber(s)));
        }

        /** What came after {@code --}. */
        public List<String> rest() {
            return passed;
        }

        private <T> T convert(String what, String v, Function<String, T> convert) {
            try {
                return convert.apply(v);
            } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
                String why =
                        e instanceof NumberFormatException || e instanceof ArithmeticException
                                ? "not a number in range"
                                : e.getMessage();
                throw error(what + " '" + v + "': " + why);
            }
        }
    }

    private static long wholeNumber(String v) {
        return Long.parseLong(v.replace(",", "").replace("_", ""));
    }
}
