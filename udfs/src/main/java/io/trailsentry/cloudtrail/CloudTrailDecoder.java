package io.trailsentry.cloudtrail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsentry.util.Text;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decodes one payload in any CloudTrail delivery envelope (see {@link Envelope}) into events,
 * without configuration. Never throws on input: everything unusable becomes a {@link DeadLetter}
 * with a reason, and good records beside a bad one are still delivered.
 */
public final class CloudTrailDecoder {
    static final int EXCERPT_BYTES = 256;
    private static final String CLOUDTRAIL_DETAIL_SUFFIX = "via CloudTrail";

    private final DecoderLimits limits;
    private final ObjectMapper mapper;

    public CloudTrailDecoder(DecoderLimits limits) {
        this.limits = limits;
        JsonFactory factory =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNestingDepth(limits.maxNestingDepth)
                                        .maxDocumentLength(limits.maxInflatedBytes)
                                        .maxStringLength(limits.maxRecordBytes)
                                        .build())
                        .build();
        this.mapper = new ObjectMapper(factory);
    }

    public CloudTrailDecoder() {
        this(DecoderLimits.defaults());
    }

    /** Decodes {@code data}, which came from {@code origin}, into {@code sink}. */
    public void decode(byte[] data, String origin, DecodeSink sink) {
        try {
            decodeChecked(data, origin, sink);
        } catch (RuntimeException | StackOverflowError e) {
            // A decoder bug must not stop the job: the payload is dead-lettered with the cause.
            sink.deadLetter(
                    dead(
                            DeadLetterReason.INTERNAL_ERROR,
                            e.getClass().getSimpleName() + ": " + Text.cap(e.getMessage(), 200),
                            origin,
                            data));
        }
    }

    private void decodeChecked(byte[] data, String origin, DecodeSink sink) {
        if (data == null || data.length == 0 || isBlank(data)) {
            sink.deadLetter(dead(DeadLetterReason.EMPTY_PAYLOAD, "empty payload", origin, data));
            return;
        }
        if (data.length > limits.maxPayloadBytes) {
            sink.deadLetter(
                    dead(
                            DeadLetterReason.PAYLOAD_TOO_LARGE,
                            data.length + " bytes > " + limits.maxPayloadBytes,
                            origin,
                            data));
            return;
        }
        byte[] json = data;
        if (isGzip(data)) {
            try {
                json = gunzip(data);
            } catch (Rejected r) {
                sink.deadLetter(dead(r.reason, r.getMessage(), origin, data));
                return;
            }
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            sink.deadLetter(dead(reasonFor(e), firstLine(e), origin, json));
            return;
        } catch (IOException e) {
            sink.deadLetter(dead(DeadLetterReason.NOT_JSON, firstLine(e), origin, json));
            return;
        }
        if (root == null || root.isMissingNode()) {
            sink.deadLetter(dead(DeadLetterReason.EMPTY_PAYLOAD, "no JSON value", origin, json));
            return;
        }
        dispatch(root, origin, json, sink);
    }

    private void dispatch(JsonNode root, String origin, byte[] json, DecodeSink sink) {
        if (root.isArray()) {
            records(root, origin, json, sink);
        } else if (!root.isObject()) {
            sink.deadLetter(
                    dead(
                            DeadLetterReason.UNKNOWN_ENVELOPE,
                            "top-level JSON is " + root.getNodeType(),
                            origin,
                            json));
        } else if (root.has("Records")) {
            JsonNode records = root.get("Records");
            if (!records.isArray()) {
                sink.deadLetter(
                        dead(
                                DeadLetterReason.WRONG_FIELD_TYPE,
                                "Records is " + records.getNodeType(),
                                origin,
                                json));
            } else {
                records(records, origin, json, sink);
            }
        } else if (root.has("messageType") && root.has("logEvents")) {
            cloudWatchLogs(root, origin, json, sink);
        } else if (root.has("detail-type") && root.has("detail")) {
            eventBridge(root, origin, json, sink);
        } else if (root.has("eventName") || root.has("eventVersion") || root.has("userIdentity")) {
            record(root, origin, sink, json.length <= limits.maxRecordBytes);
        } else {
            sink.deadLetter(
                    dead(
                            DeadLetterReason.UNKNOWN_ENVELOPE,
                            "not a CloudTrail record, log file, EventBridge or CloudWatch Logs"
                                    + " envelope",
                            origin,
                            json));
        }
    }

    private void records(JsonNode array, String origin, byte[] json, DecodeSink sink) {
        int i = 0;
        for (JsonNode r : array) {
            if (i >= limits.maxRecordsPerPayload) {
                sink.deadLetter(
                        dead(
                                DeadLetterReason.TOO_MANY_RECORDS,
                                (array.size() - i)
                                        + " records beyond "
                                        + limits.maxRecordsPerPayload,
                                origin,
                                json));
                return;
            }
            record(r, origin + "#" + i, sink, json.length <= limits.maxRecordBytes);
            i++;
        }
    }

    private void cloudWatchLogs(JsonNode root, String origin, byte[] json, DecodeSink sink) {
        String type = root.path("messageType").asText("");
        if ("CONTROL_MESSAGE".equals(type)) {
            sink.control();
            return;
        }
        JsonNode events = root.get("logEvents");
        if (!"DATA_MESSAGE".equals(type) || !events.isArray()) {
            sink.deadLetter(
                    dead(
                            DeadLetterReason.UNKNOWN_ENVELOPE,
                            "CloudWatch Logs messageType '" + Text.cap(type, 40) + "'",
                            origin,
                            json));
            return;
        }
        int i = 0;
        for (JsonNode le : events) {
            String where = origin + "#" + i++;
            JsonNode message = le.get("message");
            if (message == null || !message.isTextual()) {
                sink.deadLetter(
                        deadText(
                                DeadLetterReason.BAD_LOG_EVENT,
                                "log event has no message string",
                                where,
                                le.toString()));
                continue;
            }
            String text = message.asText();
            if (text.length() > limits.maxRecordBytes) {
                sink.deadLetter(
                        deadText(
                                DeadLetterReason.RECORD_TOO_LARGE,
                                text.length() + " chars > " + limits.maxRecordBytes,
                                where,
                                text));
                continue;
            }
            JsonNode record;
            try {
                record = mapper.readTree(text);
            } catch (StreamConstraintsException e) {
                sink.deadLetter(deadText(reasonFor(e), firstLine(e), where, text));
                continue;
            } catch (JsonProcessingException e) {
                sink.deadLetter(
                        deadText(DeadLetterReason.BAD_LOG_EVENT, firstLine(e), where, text));
                continue;
            }
            record(record, where, sink, true); // its text was measured above
        }
    }

    private void eventBridge(JsonNode root, String origin, byte[] json, DecodeSink sink) {
        String detailType = root.path("detail-type").asText("");
        if (!detailType.endsWith(CLOUDTRAIL_DETAIL_SUFFIX)) {
            sink.deadLetter(
                    dead(
                            DeadLetterReason.UNSUPPORTED_EVENTBRIDGE_TYPE,
                            "detail-type '" + Text.cap(detailType, 80) + "'",
                            origin,
                            json));
            return;
        }
        record(root.get("detail"), origin, sink, json.length <= limits.maxRecordBytes);
    }

    /**
     * One record. {@code bounded}: its source text is known to be within the record limit (the
     * whole payload is, or a log event's message was measured), so the tree need not be walked to
     * estimate its size again; that walk costs several per cent of decoding.
     */
    private void record(JsonNode r, String origin, DecodeSink sink, boolean bounded) {
        if (!bounded && r != null && r.isObject() && tooLarge(r)) {
            sink.deadLetter(
                    deadText(
                            DeadLetterReason.RECORD_TOO_LARGE,
                            "record larger than " + limits.maxRecordBytes + " bytes",
                            origin,
                            r.toString()));
            return;
        }
        try {
            CloudTrailEvent e = RecordParser.parse(r);
            if (e == null) {
                sink.skipped();
                return;
            }
            e.origin = origin;
            sink.event(e);
        } catch (RecordParser.Rejected rej) {
            String text = r == null ? "" : r.toString();
            sink.deadLetter(deadText(rej.reason, rej.getMessage(), origin, text));
        }
    }

    /** Bounded estimate of a record's serialised size: stops counting past the cap. */
    private boolean tooLarge(JsonNode r) {
        return new SizeEstimate(limits.maxRecordBytes).exceeds(r);
    }

    private byte[] gunzip(byte[] data) throws Rejected {
        try (InputStream in =
                new GZIPInputStream(new java.io.ByteArrayInputStream(data), 64 * 1024)) {
            ByteArrayOutputStream out =
                    new ByteArrayOutputStream(Math.min(data.length * 8, 1 << 20));
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > limits.maxInflatedBytes) {
                    throw new Rejected(
                            DeadLetterReason.PAYLOAD_TOO_LARGE,
                            "inflates beyond " + limits.maxInflatedBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (EOFException e) {
            throw new Rejected(DeadLetterReason.TRUNCATED_GZIP, "gzip stream ends early");
        } catch (ZipException e) {
            throw new Rejected(DeadLetterReason.CORRUPT_GZIP, "corrupt gzip: " + e.getMessage());
        } catch (IOException e) {
            throw new Rejected(DeadLetterReason.CORRUPT_GZIP, "gzip: " + e.getMessage());
        }
    }

    private static final class Rejected extends Exception {
        final DeadLetterReason reason;

        Rejected(DeadLetterReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private static DeadLetterReason reasonFor(StreamConstraintsException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("depth")) {
            return DeadLetterReason.NESTING_TOO_DEEP;
        }
        return m.contains("String value length")
                ? DeadLetterReason.RECORD_TOO_LARGE
                : DeadLetterReason.PAYLOAD_TOO_LARGE;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return Text.cap(nl < 0 ? m : m.substring(0, nl), 200);
    }

    static boolean isGzip(byte[] d) {
        return d.length >= 2 && (d[0] & 0xff) == 0x1f && (d[1] & 0xff) == 0x8b;
    }

    private static boolean isBlank(byte[] d) {
        for (byte b : d) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static DeadLetter dead(
            DeadLetterReason reason, String detail, String origin, byte[] data) {
        return new DeadLetter(
                reason,
                detail,
                origin,
                Text.excerpt(data, EXCERPT_BYTES),
                System.currentTimeMillis());
    }

    private static DeadLetter deadText(
            DeadLetterReason reason, String detail, String origin, String text) {
        return new DeadLetter(
                reason,
                detail,
                origin,
                Text.excerpt(text, EXCERPT_BYTES),
                System.currentTimeMillis());
    }
}
