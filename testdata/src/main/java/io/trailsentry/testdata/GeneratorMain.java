package io.trailsentry.testdata;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Command line of the generator; {@code --help} explains every flag. */
public final class GeneratorMain {
    static final String HELP =
            String.join(
                    "\n",
                    "TrailSentry CloudTrail generator: deterministic organisation traffic with labelled attacks.",
                    "",
                    "Usage: --out DIR [options]     writes DIR/<envelope>/... and DIR/labels.json",
                    "       --sample DIR            regenerates the checked-in sample corpus",
                    "",
                    "  --preset sample|suite|bench  starting point (default suite: every scenario, 3 history days)",
                    "  --envelope LIST              log-files, eventbridge, cloudwatch-logs, raw or all (default log-files)",
                    "  --seed N                     random seed (default 20260310)",
                    "  --attack-day YYYY-MM-DD      day of the attacks and look-alikes (default 2026-03-10)",
                    "  --history-days N             benign days before the attack day",
                    "  --units N                    business units (prod+dev account pairs) to simulate",
                    "  --volume X                   multiplies every principal's call rate",
                    "  --scenarios LIST|none        attack scenarios: "
                            + String.join(",", Scenarios.ids()),
                    "  --look-alikes LIST|none      benign look-alikes: "
                            + String.join(",", LookAlikes.IDS),
                    "  --shuffle-ms N               deliver out of order within N ms of event time (default 0)",
                    "");

    private GeneratorMain() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("generator: " + e.getMessage() + "\n\n" + HELP);
            System.exit(2);
        }
    }

    static void run(String[] args) throws Exception {
        Generator.Spec spec = Generator.suiteSpec();
        Path out = null;
        List<Envelopes.Kind> envelopes = List.of(Envelopes.Kind.LOG_FILES);
        long shuffle = 0;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.println(HELP);
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String v = args[++i];
            switch (flag) {
                case "--sample":
                    writeSample(Path.of(v));
                    return;
                case "--out":
                    out = Path.of(v);
                    break;
                case "--preset":
                    long seed = spec.seed;
                    spec = preset(v);
                    spec.seed = seed;
                    break;
                case "--envelope":
                    envelopes = envelopes(v);
                    break;
                case "--seed":
                    spec.seed = Long.parseLong(v);
                    break;
                case "--attack-day":
                    spec.attackDay = LocalDate.parse(v);
                    break;
                case "--history-days":
                    spec.historyDays = Integer.parseInt(v);
                    break;
                case "--units":
                    spec.units = Integer.parseInt(v);
                    break;
                case "--volume":
                    spec.volume = Double.parseDouble(v);
                    break;
                case "--scenarios":
                    spec.scenarios = list(v);
                    break;
                case "--look-alikes":
                    spec.lookAlikes = list(v);
                    break;
                case "--shuffle-ms":
                    shuffle = Long.parseLong(v);
                    break;
                default:
                    throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        long started = System.currentTimeMillis();
        Corpus corpus = Generator.generate(spec);
        List<Corpus.Entry> ordered = corpus.shuffled(shuffle, new Rng(spec.seed).fork("shuffle"));
        for (Envelopes.Kind k : envelopes) {
            Path dir = out.resolve(k.cli);
            int files = Envelopes.write(ordered, k, dir);
            System.err.printf(
                    Locale.ROOT,
                    "%s: %,d records in %,d files under %s%n",
                    k.cli,
                    ordered.size(),
                    files,
                    dir);
        }
        corpus.labels().write(out.resolve("labels.json"));
        System.err.printf(
                Locale.ROOT,
                "labels: %d attacks, %d benign principals; %.1f s%n",
                corpus.labels().attacks().size(),
                corpus.labels().benign().size(),
                (System.currentTimeMillis() - started) / 1000.0);
    }

    static Generator.Spec preset(String name) {
        switch (name) {
            case "sample":
                return Generator.sampleSpec();
            case "suite":
                return Generator.suiteSpec();
            case "bench":
                return Generator.benchSpec(40);
            default:
                throw new IllegalArgumentException("unknown preset " + name);
        }
    }

    static List<Envelopes.Kind> envelopes(String v) {
        if (v.equals("all")) {
            return Arrays.asList(Envelopes.Kind.values());
        }
        List<Envelopes.Kind> out = new ArrayList<>();
        for (String s : v.split(",")) {
            out.add(Envelopes.Kind.of(s.trim()));
        }
        return out;
    }

    static List<String> list(String v) {
        return v.equals("none") ? new ArrayList<>() : new ArrayList<>(Arrays.asList(v.split(",")));
    }

    /** Writes the sample corpus and its labels into {@code dir}. */
    public static void writeSample(Path dir) throws Exception {
        Corpus corpus = Generator.generate(Generator.sampleSpec());
        List<Corpus.Entry> sorted = corpus.sorted();
        Envelopes.writeLogFile(sorted, dir.resolve(SAMPLE_FILE));
        corpus.labels().write(dir.resolve("labels.json"));
        System.err.println("wrote " + sorted.size() + " records to " + dir);
    }

    public static final String SAMPLE_FILE = "sample.json.gz";
}
