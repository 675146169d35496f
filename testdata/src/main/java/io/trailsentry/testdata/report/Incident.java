package io.trailsentry.testdata.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One incident of a findings file: its latest version (what the page shows) and, from every
 * version, the times its severity rose (escalations).
 */
final class Incident {
    /** Where the severity rose: the version's time and its new severity. */
    static final class Escalation {
        final long time;
        final String severity;

        Escalation(long time, String severity) {
            this.time = time;
            this.severity = severity;
        }
    }

    final String uid;
    JsonNode latest;
    int versions;
    final List<JsonNode> all = new ArrayList<>();
    final List<Escalation> escalations = new ArrayList<>();

    private Incident(String uid) {
        this.uid = uid;
    }

    static int version(JsonNode f) {
        return f.at("/unmapped/trailsentry/finding_version").asInt(0);
    }

    int severityId() {
        return latest.path("severity_id").asInt();
    }

    long createdTime() {
        return latest.at("/finding_info/created_time").asLong(latest.path("time").asLong());
    }

    /** The incidents of a JSON-lines findings file, most severe first, then oldest first. */
    static List<Incident> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Incident> byUid = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode f;
                try {
                    f = json.readTree(line);
                } catch (IOException e) {
                    throw new IOException(file + " line " + n + " is not JSON");
                }
                String uid = f.at("/finding_info/uid").asText("");
                if (f.path("class_uid").asInt() != 2004 || uid.isEmpty()) {
                    throw new IOException(file + " line " + n + " is not a TrailSentry finding");
                }
                byUid.computeIfAbsent(uid, Incident::new).all.add(f);
            }
        }
        List<Incident> out = new ArrayList<>(byUid.values());
        out.forEach(Incident::settle);
        out.sort(
                Comparator.comparingInt(Incident::severityId)
                        .reversed()
                        .thenComparingLong(Incident::createdTime)
                        .thenComparing(i -> i.uid));
        return out;
    }

    /** Versions in order (duplicates from an at-least-once sink dropped): latest, escalations. */
    private void settle() {
        Map<Integer, JsonNode> byVersion = new java.util.TreeMap<>();
        for (JsonNode f : all) {
            byVersion.putIfAbsent(version(f), f);
        }
        int severity = 0;
        for (JsonNode f : byVersion.values()) {
            // a Close finding raises nothing: its time is when the idle incident closed
            if (f.path("activity_id").asInt() != 3 && f.path("severity_id").asInt() > severity) {
                severity = f.path("severity_id").asInt();
                escalations.add(
                        new Escalation(f.path("time").asLong(), f.path("severity").asText()));
            }
            latest = f;
        }
        versions = byVersion.size();
    }
}
