package io.trailsentry.testdata.replay;

import io.trailsentry.testdata.Corpus;
import io.trailsentry.testdata.Envelopes;
import io.trailsentry.testdata.Rng;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * {@code replay --stream NAME|ARN --corpus DIR|FILE [--envelope E] [--rate N] [--region R]
 * [--endpoint URL] [--shuffle-ms N]}: pushes a corpus into a Kinesis stream for tabletop tests.
 */
public final class ReplayMain {
    static final String HELP =
            String.join(
                    "\n",
                    "replay --stream NAME|ARN --corpus DIR|FILE [options]",
                    "  --envelope E     cloudwatch-logs (default), eventbridge, raw or log-files",
                    "  --rate N         records per second (default 0: as fast as the stream takes)",
                    "  --region R       AWS region (default: from the ARN, else the default chain)",
                    "  --endpoint URL   Kinesis endpoint (a local Kinesis; turns CBOR off)",
                    "  --shuffle-ms N   deliver out of order within N ms of event time",
                    "  --attempts N     tries per record before giving up (default 8)",
                    "Credentials come from the default provider chain.");

    private ReplayMain() {}

    public static void main(String[] args) throws Exception {
        String stream = null;
        String corpus = null;
        Envelopes.Kind kind = Envelopes.Kind.CLOUDWATCH_LOGS;
        double rate = 0;
        String region = null;
        String endpoint = null;
        long shuffle = 0;
        int attempts = 8;
        for (int i = 0; i < args.length; i++) {
            String f = args[i];
            if (f.equals("--help") || f.equals("-h")) {
                System.out.println(HELP);
                return;
            }
            String v = args[++i];
            switch (f) {
                case "--stream":
                    stream = v;
                    break;
                case "--corpus":
                    corpus = v;
                    break;
                case "--envelope":
                    kind = Envelopes.Kind.of(v);
                    break;
                case "--rate":
                    rate = Double.parseDouble(v);
                    break;
                case "--region":
                    region = v;
                    break;
                case "--endpoint":
                    endpoint = v;
                    break;
                case "--shuffle-ms":
                    shuffle = Long.parseLong(v);
                    break;
                case "--attempts":
                    attempts = Integer.parseInt(v);
                    break;
                default:
                    throw new IllegalArgumentException("unknown flag " + f + "\n" + HELP);
            }
        }
        if (stream == null || corpus == null) {
            throw new IllegalArgumentException("--stream and --corpus are required\n" + HELP);
        }
        List<Corpus.Entry> entries = order(CorpusReader.read(Path.of(corpus)), shuffle);
        try (KinesisClient kinesis = client(stream, region, endpoint)) {
            long sent =
                    new Replayer(kinesis, stream, rate, attempts)
                            .replay(Envelopes.payloads(entries, kind));
            System.err.printf(
                    "[replay] done: %,d records from %,d CloudTrail events%n",
                    sent, entries.size());
        }
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
