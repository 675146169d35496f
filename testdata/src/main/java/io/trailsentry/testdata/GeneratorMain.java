package io.trailsentry.testdata;

import io.trailsentry.testdata.cli.Cli;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Command line of the generator; {@code --help} explains every flag. */
public final class GeneratorMain {
    static final Cli CLI =
            Cli.tool("generate", "synthesise labelled CloudTrail corpora (same seed, same bytes)")
                    .synopsis(
                            "--out DIR [options]     writes DIR/<envelope>/... and DIR/labels.json")
                    .synopsis("--sample DIR            regenerates the checked-in sample corpus")
                    .value("--out", "DIR", "where the corpus and labels.json go")
                    .value(
                            "--sample",
                            "DIR",
                            "write the sample corpus (the other flags do not apply)")
                    .value(
                            "--preset",
                            "sample|suite|bench",
                            "starting point (default suite: every scenario, 3 history days)")
                    .value(
                            "--envelope",
                            "LIST",
                            "log-files, eventbridge, cloudwatch-logs, raw or all (default log-files)")
                    .value("--seed", "N", "random seed (default 20260310)")
                    .value(
                            "--attack-day",
                            "YYYY-MM-DD",
                            "day of the attacks and look-alikes (default 2026-03-10)")
                    .value("--history-days", "N", "benign days before the attack day")
                    .value("--units", "N", "business units (prod+dev account pairs) to simulate")
                    .value("--volume", "X", "multiplies every principal's call rate")
                    .value(
                            "--scenarios",
                            "LIST|none",
                            "attack scenarios: " + String.join(",", Scenarios.ids()))
                    .value(
                            "--look-alikes",
                            "LIST|none",
                            "benign look-alikes: " + String.join(",", LookAlikes.IDS))
                    .value(
                            "--shuffle-ms",
                            "N",
                            "deliver out of order within N ms of event time (default 0)")
                    .note("The preset applies first, then the other flags, in any order.");

    private GeneratorMain() {}

    public static void main(String[] args) throws Exception {
        TestDataMain.main(TestDataMain.prepend(CLI.name(), args));
    }

    static int run(String[] args) throws Exception {
        Cli.Parsed a = CLI.parse(args);
        if (a.has("--sample")) {
            writeSample(Path.of(a.text("--sample", null)));
            return 0;
        }
        Path out = Path.of(a.required("--out"));
        Generator.Spec spec = a.value("--preset", GeneratorMain::preset, Generator.suiteSpec());
        spec.seed = a.number("--seed", spec.seed);
        spec.attackDay = a.value("--attack-day", LocalDate::parse, spec.attackDay);
        spec.historyDays = a.integer("--history-days", spec.historyDays);
        spec.units = a.integer("--units", spec.units);
        spec.volume = a.decimal("--volume", spec.volume);
        spec.scenarios = a.value("--scenarios", GeneratorMain::scenarios, spec.scenarios);
        spec.lookAlikes = a.value("--look-alikes", GeneratorMain::lookAlikes, spec.lookAlikes);
        List<Envelopes.Kind> envelopes =
                a.value("--envelope", GeneratorMain::envelopes, List.of(Envelopes.Kind.LOG_FILES));
        long shuffle = a.number("--shuffle-ms", 0);
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
        return 0;
    }

    static List<String> scenarios(String v) {
        return known(list(v), Scenarios.ids(), "scenario");
    }

    static List<String> lookAlikes(String v) {
        return known(list(v), LookAlikes.IDS, "look-alike");
    }

    private static List<String> known(List<String> ids, Collection<String> known, String what) {
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("unknown " + what + " '" + id + "'");
            }
        }
        return ids;
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
                throw new IllegalArgumentException("unknown preset '" + name + "'");
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
