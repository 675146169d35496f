package io.trailsentry.testdata.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.testdata.Corpus;
import io.trailsentry.testdata.Times;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads CloudTrail records back from a corpus: log files ({@code {"Records":[...]}}, plain or
 * gzip), arrays, single records, CloudWatch Logs subscription payloads, and JSON-lines files of raw
 * records or EventBridge events.
 */
public final class CorpusReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CorpusReader() {}

    /** Every record under {@code path}, in event-time order. */
    public static List<Corpus.Entry> read(Path path) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile)
                        .filter(
                                p -> {
                                    String n = p.getFileName().toString();
                                    return !n.equals("labels.json")
                                            && !n.equals("policy.json")
                                            && (n.endsWith(".json")
                                                    || n.endsWith(".json.gz")
                                                    || n.endsWith(".jsonl"));
                                })
                        .sorted()
                        .forEach(files::add);
            }
        } else {
            files.add(path);
        }
        List<Corpus.Entry> out = new ArrayList<>();
        for (Path f : files) {
            for (ObjectNode r : records(f)) {
                out.add(Corpus.entry(Times.parse(r.path("eventTime").asText()), out.size(), r));
            }
        }
        out.sort(
                Comparator.comparingLong((Corpus.Entry e) -> e.time).thenComparingLong(e -> e.seq));
        return out;
    }

    static List<ObjectNode> records(Path f) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(f);
                InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            if (f.toString().endsWith(".jsonl")) {
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        add(MAPPER.readTree(line), out);
                    }
                }
            } else {
                add(MAPPER.readTree(in), out);
            }
        }
        return out;
    }

    private static void add(JsonNode n, List<ObjectNode> out) {
        if (n.has("Records")) {
            n.get("Records").forEach(r -> add(r, out));
        } else if (n.isArray()) {
            n.forEach(r -> add(r, out));
        } else if (n.has("messageType") && n.has("logEvents")) {
            for (JsonNode le : n.get("logEvents")) {
                try {
                    add(MAPPER.readTree(le.path("message").asText()), out);
                } catch (IOException e) {
                    throw new UncheckedIOException("bad log event message", e);
                }
            }
        } else if (n.has("detail-type") && n.has("detail")) {
            add(n.get("detail"), out);
        } else if (n.isObject() && n.has("eventTime")) {
            out.add((ObjectNode) n);
        }
    }
}
