package io.trailsentry.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.cloudtrail.CloudTrailDecoder;
import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DecodeSink;
import io.trailsentry.cloudtrail.PrincipalResolver;
import io.trailsentry.principal.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The detection examples under {@code src/test/resources/detections/<ID>/}: {@code positive-*.json}
 * and {@code negative-*.json}, each with an {@code about}, optional {@code history} (records
 * replayed once per day on each of {@code days} days before the first example record, at the same
 * offset, with a unique eventID), the CloudTrail {@code records} and, for positives, an optional
 * {@code expect}. Records are decoded by the production decoder from a {@code {"Records":[...]}}
 * payload, so their field names are exactly CloudTrail's; principals are resolved as the pipeline's
 * decode step does, which drops AWS service activity.
 */
public final class DetectionExamples {
    static final String FOLDER = "/detections";
    static final long DAY_MS = 86_400_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One example file, decoded. */
    public static final class Example {
        public final String detectionId;
        public final boolean positive;
        public final String file;
        public final String about;

        /** At least this severity (positives), or null. */
        public final String expectSeverity;

        /** Whether a positive's signal must be counted (not routine). */
        public final boolean expectCounted;

        /** History (expanded) and example records, in event-time order, principals resolved. */
        public final List<CloudTrailEvent> events;

        /**
         * Event time of the first example record: signals before it come from the history, which
         * only sets the scene.
         */
        public final long start;

        Example(
                String detectionId,
                boolean positive,
                String file,
                String about,
                String expectSeverity,
                boolean expectCounted,
                List<CloudTrailEvent> events,
                long start) {
            this.detectionId = detectionId;
            this.positive = positive;
            this.file = file;
            this.about = about;
            this.expectSeverity = expectSeverity;
            this.expectCounted = expectCounted;
            this.events = events;
            this.start = start;
        }

        @Override
        public String toString() {
            return detectionId + "/" + file;
        }
    }

    private DetectionExamples() {}

    /** The folder of examples (test resources on the class path). */
    public static Path root() {
        URL url = DetectionExamples.class.getResource(FOLDER);
        if (url == null) {
            throw new IllegalStateException("no " + FOLDER + " on the test class path");
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every example file, as "ID/file.json", sorted. */
    public static List<String> files() {
        try (Stream<Path> s = Files.walk(root(), 2)) {
            return s.filter(Files::isRegularFile)
                    .filter(
                            p ->
                                    p.getFileName()
                                            .toString()
                                            .matches("(positive|negative)-.+\\.json"))
                    .map(p -> p.getParent().getFileName() + "/" + p.getFileName())
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads "ID/file.json": expands its history, decodes, resolves principals, sorts by time. */
    public static Example load(String idAndFile) {
        Path path = root().resolve(idAndFile);
        String id = path.getParent().getFileName().toString();
        String file = path.getFileName().toString();
        JsonNode doc;
        try {
            doc = JSON.readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(idAndFile, e);
        }
        JsonNode records = doc.get("records");
        if (records == null || !records.isArray() || records.isEmpty()) {
            throw new IllegalArgumentException(idAndFile + ": no records");
        }
        if (!doc.path("about").isTextual()) {
            throw new IllegalArgumentException(idAndFile + ": no about");
        }
        ArrayNode all = JSON.createArrayNode();
        JsonNode history = doc.get("history");
        if (history != null) {
            int days = history.path("days").asInt(0);
            for (int d = days; d >= 1; d--) {
                for (JsonNode h : history.path("records")) {
                    ObjectNode copy = h.deepCopy();
                    Instant t = Instant.parse(h.path("eventTime").asText());
                    copy.put("eventTime", t.minus(d, ChronoUnit.DAYS).toString());
                    String eventId = h.path("eventID").asText("");
                    copy.put(
                            "eventID",
                            UUID.nameUUIDFromBytes(
                                            (eventId + "/day-" + d)
                                                    .getBytes(StandardCharsets.UTF_8))
                                    .toString());
                    all.add(copy);
                }
            }
        }
        int historyRecords = all.size();
        long start = Long.MAX_VALUE;
        for (JsonNode r : records) {
            start = Math.min(start, Instant.parse(r.path("eventTime").asText()).toEpochMilli());
            all.add(r);
        }
        for (int i = 0; i < historyRecords; i++) {
            if (Instant.parse(all.get(i).path("eventTime").asText()).toEpochMilli() >= start) {
                throw new IllegalArgumentException(
                        idAndFile + ": history replays into the example (" + all.get(i) + ")");
            }
        }
        ObjectNode payload = JSON.createObjectNode();
        payload.set("Records", all);
        List<CloudTrailEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new CloudTrailDecoder()
                .decode(
                        bytes,
                        idAndFile,
                        new DecodeSink() {
                            @Override
                            public void event(CloudTrailEvent e) {
                                Principal p = PrincipalResolver.resolve(e);
                                if (p == null) {
                                    return; // AWS service activity: the pipeline drops it too
                                }
                                e.principal = p;
                                events.add(e);
                            }

                            @Override
                            public void deadLetter(DeadLetter d) {
                                problems.add(d.origin + ": " + d.reason + " " + d.detail);
                            }
                        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(idAndFile + " does not decode: " + problems);
        }
        events.sort(Comparator.comparingLong(e -> e.eventTime)); // stable: file order on ties
        JsonNode expect = doc.path("expect");
        return new Example(
                id,
                file.startsWith("positive-"),
                file,
                doc.get("about").asText(),
                expect.path("severity").isTextual() ? expect.get("severity").asText() : null,
                expect.path("counted").asBoolean(true),
                events,
                start);
    }
}
