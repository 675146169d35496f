package io.trailsentry.testdata.replay;

import io.trailsentry.testdata.Corpus;
import io.trailsentry.testdata.Envelopes;
import io.trailsentry.testdata.Rng;
import io.trailsentry.testdata.cli.Cli;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * {@code replay --stream NAME|ARN --corpus DIR|FILE [--envelope E] [--rate N] [--region R]
 * [--endpoint URL] [--shuffle-ms N]} ({@link #CLI}): pushes a corpus into a Kinesis stream for
 * tabletop tests.
 */
public final class ReplayMain {
    public static final Cli CLI =
            Cli.tool("replay", "push a corpus into a Kinesis stream in a chosen envelope")
                    .synopsis("--stream NAME|ARN --corpus DIR|FILE [options]")
                    .value("--stream", "NAME|ARN", "the Kinesis stream (required)")
                    .value("--corpus", "DIR|FILE", "what to send (required)")
                    .value(
                            "--envelope",
                            "E",
                            "cloudwatch-logs (default), eventbridge, raw or log-files")
                    .value(
                            "--rate",
                            "N",
                            "records per second (default 0: as fast as the stream takes)")
                    .value(
                            "--region",
                            "R",
                            "AWS region (default: from the ARN, else the default chain)")
                    .value(
                            "--endpoint",
                            "URL",
                            "Kinesis endpoint (a local Kinesis; turns CBOR off)")
                    .value("--shuffle-ms", "N", "deliver out of order within N ms of event time")
                    .value("--attempts", "N", "tries per record before giving up (default 8)")
                    .note("Credentials come from the default provider chain.");

    private ReplayMain() {}

    public static int run(String[] args) throws Exception {
        Cli.Parsed a = CLI.parse(args);
        String stream = a.required("--stream");
        String corpus = a.required("--corpus");
        Envelopes.Kind kind =
                a.value("--envelope", Envelopes.Kind::of, Envelopes.Kind.CLOUDWATCH_LOGS);
        double rate = a.decimal("--rate", 0);
        String region = a.text("--region", null);
        String endpoint = a.text("--endpoint", null);
        long shuffle = a.number("--shuffle-ms", 0);
        int attempts = a.integer("--attempts", 8);
        if (!Files.exists(Path.of(corpus))) {
            throw CLI.error("no corpus at " + corpus);
        }
        List<Corpus.Entry> entries = order(CorpusReader.read(Path.of(corpus)), shuffle);
        try (KinesisClient kinesis = client(stream, region, endpoint)) {
            long sent =
                    new Replayer(kinesis, stream, rate, attempts)
                            .replay(Envelopes.payloads(entries, kind));
            System.err.printf(
                    "[replay] done: %,d records from %,d CloudTrail events%n",
                    sent, entries.size());
        } catch (SdkException e) {
            // one line, not the SDK's stack: the usual causes are the caller's to fix
            String why = String.valueOf(e.getMessage());
            System.err.println(
                    "replay: Kinesis did not take the records: "
                            + (why.length() > 300 ? why.substring(0, 300) + "..." : why)
                            + (endpoint == null
                                    ? " (a real stream needs AWS credentials, e.g. AWS_PROFILE;"
                                            + " a local Kinesis takes --endpoint URL)"
                                    : ""));
            return 1;
        }
        return 0;
    }

    static List<Corpus.Entry> order(List<Corpus.Entry> entries, long shuffleMs) {
        if (shuffleMs <= 0) {
            return entries;
        }
        Rng rng = new Rng(shuffleMs);
        long[] delivered = new long[entries.size()];
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            delivered[i] = entries.get(i).time + rng.nextLong(shuffleMs + 1);
            idx.add(i);
        }
        idx.sort(Comparator.comparingLong(i -> delivered[i]));
        List<Corpus.Entry> out = new ArrayList<>();
        idx.forEach(i -> out.add(entries.get(i)));
        return out;
    }

    /** A Kinesis client for {@code stream}, optionally against a local endpoint. */
    public static KinesisClient client(String stream, String region, String endpoint) {
        if (endpoint != null) {
            System.setProperty("aws.cborEnabled", "false");
        }
        KinesisClientBuilder b =
                KinesisClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        String r =
                region != null ? region : stream.startsWith("arn:") ? stream.split(":")[3] : null;
        if (r != null) {
            b.region(Region.of(r));
        }
        if (endpoint != null) {
            b.endpointOverride(URI.create(endpoint));
        }
        return b.build();
    }
}
