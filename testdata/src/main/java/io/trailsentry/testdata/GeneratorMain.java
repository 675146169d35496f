package io.trailsentry.testdata;

import java.nio.file.Path;
import java.util.List;

/**
 * Command line of the generator. {@code --sample DIR} regenerates the checked-in sample corpus
 * ({@code organisation-day.json.gz} and {@code labels.json}).
 */
public final class GeneratorMain {
    private GeneratorMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--sample")) {
            Path dir = Path.of(args[1]);
            writeSample(dir);
            return;
        }
        System.err.println("usage: --sample <dir>");
        System.exit(2);
    }

    /** Writes the sample corpus and its labels into {@code dir}. */
    public static void writeSample(Path dir) throws Exception {
        Corpus corpus = Generator.generate(Generator.sampleSpec());
        List<Corpus.Entry> sorted = corpus.sorted();
        Envelopes.writeLogFile(sorted, dir.resolve("organisation-day.json.gz"));
        corpus.labels().write(dir.resolve("labels.json"));
        System.err.println("wrote " + sorted.size() + " records to " + dir);
    }
}
