package io.trailsentry.testdata;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Turns generated records into the delivery envelopes the decoder accepts: as payloads (what a
 * Kinesis record or an S3 object holds) and as files on disk. Byte-for-byte deterministic.
 */
public final class Envelopes {
    /** The envelopes, by their command-line names. */
    public enum Kind {
        LOG_FILES("log-files"),
        EVENTBRIDGE("eventbridge"),
        CLOUDWATCH_LOGS("cloudwatch-logs"),
        RAW("raw");

        public final String cli;

        Kind(String cli) {
            this.cli = cli;
        }

        public static Kind of(String name) {
            for (Kind k : values()) {
                if (k.cli.equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(
                    "unknown envelope '"
                            + name
                            + "': log-files, eventbridge, cloudwatch-logs or raw");
        }
    }

    /** One payload: a file name (relative) or Kinesis partition key, and its bytes. */
    public static final class Payload {
        public final String name;
        public final byte[] data;

        Payload(String name, byte[] data) {
            this.name = name;
            this.data = data;
        }
    }

    static final long FIVE_MINUTES = 5 * Times.MINUTE;
    static final int CWL_MAX_EVENTS = 500;
    static final int CWL_MAX_BYTES = 900 * 1024;
    static final int LINES_PER_FILE = 20_000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Envelopes() {}

    public static List<Payload> payloads(List<Corpus.Entry> entries, Kind kind) {
        switch (kind) {
            case LOG_FILES:
                return logFiles(entries);
            case EVENTBRIDGE:
                List<Payload> eb = new ArrayList<>();
                for (Corpus.Entry e : entries) {
                    eb.add(
                            new Payload(
                                    e.record.path("eventID").asText(),
                                    bytes(eventBridge(e.record))));
                }
                return eb;
            case CLOUDWATCH_LOGS:
                return cloudWatchLogs(entries);
            default:
                List<Payload> raw = new ArrayList<>();
                for (Corpus.Entry e : entries) {
                    raw.add(new Payload(e.record.path("eventID").asText(), bytes(e.record)));
                }
                return raw;
        }
    }

    /**
     * Writes the entries under {@code dir} in the envelope's file layout; returns files written.
     */
    public static int write(List<Corpus.Entry> entries, Kind kind, Path dir) throws IOException {
        List<Payload> payloads = payloads(entries, kind);
        if (kind == Kind.EVENTBRIDGE || kind == Kind.RAW) {
            // one payload per line: the JSON-lines layout Firehose deliveries use
            int files = 0;
            for (int i = 0; i < payloads.size(); i += LINES_PER_FILE) {
                Path f =
                        dir.resolve(String.format(Locale.ROOT, "%s-%05d.jsonl", kind.cli, ++files));
                Files.createDirectories(dir);
                try (OutputStream out = Files.newOutputStream(f)) {
                    for (Payload p :
                            payloads.subList(i, Math.min(payloads.size(), i + LINES_PER_FILE))) {
                        out.write(p.data);
                        out.write('\n');
                    }
                }
            }
            return files;
        }
        for (Payload p : payloads) {
            Path f = dir.resolve(p.name);
            Files.createDirectories(f.getParent());
            Files.write(f, p.data);
        }
        return payloads.size();
    }

    /** One gzip log file per account, region and five minutes, in the S3 delivery layout. */
    static List<Payload> logFiles(List<Corpus.Entry> entries) {
        Map<String, List<Corpus.Entry>> files = new LinkedHashMap<>();
        for (Corpus.Entry e : entries) {
            String account = e.record.path("recipientAccountId").asText();
            String region = e.record.path("awsRegion").asText();
            long bucket = e.time - Math.floorMod(e.time, FIVE_MINUTES);
            ZonedDateTime t = Instant.ofEpochMilli(bucket).atZone(ZoneOffset.UTC);
            String stamp =
                    String.format(
                            Locale.ROOT,
                            "%04d%02d%02dT%02d%02dZ",
                            t.getYear(),
                            t.getMonthValue(),
                            t.getDayOfMonth(),
                            t.getHour(),
                            t.getMinute());
            String name =
                    String.format(
                            Locale.ROOT,
                            "AWSLogs/%s/CloudTrail/%s/%04d/%02d/%02d/%s_CloudTrail_%s_%s_%08x.json.gz",
                            account,
                            region,
                            t.getYear(),
                            t.getMonthValue(),
                            t.getDayOfMonth(),
                            account,
                            region,
                            stamp,
                            (account + region + stamp).hashCode());
            files.computeIfAbsent(name, k -> new ArrayList<>()).add(e);
        }
        List<Payload> out = new ArrayList<>();
        files.forEach((name, list) -> out.add(new Payload(name, gzip(recordsObject(list)))));
        return out;
    }

    /** CloudWatch Logs subscription payloads: per log stream, batches of one minute, gzip. */
    static List<Payload> cloudWatchLogs(List<Corpus.Entry> entries) {
        List<Payload> out = new ArrayList<>();
        Map<String, List<Corpus.Entry>> open = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Map<String, Long> minutes = new LinkedHashMap<>();
        for (Corpus.Entry e : entries) {
            String stream =
                    e.record.path("recipientAccountId").asText()
                            + "_CloudTrail_"
                            + e.record.path("awsRegion").asText();
            long minute = e.time / Times.MINUTE;
            // CloudWatch Logs flushes every stream's batch within seconds: close stale ones first.
            for (String other : new ArrayList<>(open.keySet())) {
                if (minutes.get(other) < minute - 1) {
                    out.add(cwlPayload(other, open.remove(other), out.size()));
                }
            }
            List<Corpus.Entry> batch = open.get(stream);
            int size = e.record.toString().length();
            if (batch != null
                    && (batch.size() >= CWL_MAX_EVENTS
                            || sizes.get(stream) + size > CWL_MAX_BYTES
                            || minutes.get(stream) != minute)) {
                out.add(cwlPayload(stream, batch, out.size()));
                batch = null;
            }
            if (batch == null) {
                batch = new ArrayList<>();
                open.put(stream, batch);
                sizes.put(stream, 0);
                minutes.put(stream, minute);
            }
            batch.add(e);
            sizes.put(stream, sizes.get(stream) + size);
        }
        open.forEach((stream, batch) -> out.add(cwlPayload(stream, batch, out.size())));
        return out;
    }

    private static Payload cwlPayload(String stream, List<Corpus.Entry> batch, int index) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("messageType", "DATA_MESSAGE");
        o.put("owner", stream.substring(0, stream.indexOf('_')));
        o.put("logGroup", "aws-cloudtrail-logs-organisation");
        o.put("logStream", stream);
        o.putArray("subscriptionFilters").add("cloudtrail-to-kinesis");
        ArrayNode events = o.putArray("logEvents");
        for (Corpus.Entry e : batch) {
            ObjectNode le = events.addObject();
            le.put("id", String.format(Locale.ROOT, "%056d", e.seq));
            le.put("timestamp", e.time);
            le.put("message", e.record.toString());
        }
        String name = String.format(Locale.ROOT, "cloudwatch-logs/%06d-%s.json.gz", index, stream);
        return new Payload(name, gzip(bytes(o)));
    }

    static ObjectNode eventBridge(ObjectNode record) {
        ObjectNode o = MAPPER.createObjectNode();
        String id = record.path("eventID").asText();
        o.put("version", "0");
        o.put("id", id.isEmpty() ? "0" : new StringBuilder(id).reverse().toString());
        o.put("detail-type", "AWS API Call via CloudTrail");
        String source = record.path("eventSource").asText();
        o.put("source", "aws." + source.substring(0, Math.max(0, source.indexOf('.'))));
        o.put("account", record.path("recipientAccountId").asText());
        o.put("time", record.path("eventTime").asText());
        o.put("region", record.path("awsRegion").asText());
        o.putArray("resources");
        o.set("detail", record);
        return o;
    }

    static byte[] recordsObject(List<Corpus.Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (Corpus.Entry e : entries) {
                MAPPER.writeTree(g, e.record);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One log file of all entries (the sample corpus). */
    public static void writeLogFile(List<Corpus.Entry> entries, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, gzip(recordsObject(entries)));
    }

    static byte[] bytes(Object json) {
        try {
            return MAPPER.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** gzip without a timestamp in the header, so output is reproducible. */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
