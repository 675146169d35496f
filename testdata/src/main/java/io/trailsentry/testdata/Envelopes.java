package io.trailsentry.testdata;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes generated records in the delivery envelopes the decoder accepts. */
public final class Envelopes {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Envelopes() {}

    /**
     * One CloudTrail log file {@code {"Records":[...]}}, gzip-compressed as S3 delivery writes it.
     * Byte-for-byte deterministic (the gzip header carries no timestamp).
     */
    public static void writeLogFile(List<Corpus.Entry> entries, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeRecordsObject(entries, out);
        }
    }

    static void writeRecordsObject(List<Corpus.Entry> entries, OutputStream out)
            throws IOException {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (Corpus.Entry e : entries) {
                MAPPER.writeTree(g, e.record);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
