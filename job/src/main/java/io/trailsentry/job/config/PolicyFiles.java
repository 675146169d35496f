package io.trailsentry.job.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.policy.DetectionPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON detection policy onto the stage builders of a {@link DetectionPolicy}: flat field
 * names, each owned by one stage; unknown fields are errors (a misspelt allowlist must not silently
 * allow nothing), and so is a knob given twice.
 */
final class PolicyFiles {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PolicyFiles() {}

    /** The policy text from a file path, or from the classpath with {@code classpath:}. */
    static String read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in =
                        PolicyFiles.class.getResourceAsStream("/" + location.substring(10))) {
                    if (in == null) {
                        throw new IllegalArgumentException(
                                "policy " + location + " is not on the classpath");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read policy " + location + ": " + e.getMessage());
        }
    }

    /**
     * Sets the knobs {@code json} names on the stage builder that owns each; returns their names.
     * An unknown field, or a knob {@code taken} by another source (an option, the other policy
     * input), is an error: every knob has one name, one default and one source.
     */
    static Set<String> apply(
            DetectionPolicy.Builder policy, String json, Map<String, String> taken) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad detection policy: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("bad detection policy: not a JSON object");
        }
        Set<String> names = new LinkedHashSet<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            Object stage = owner(policy, f.getKey());
            if (taken.containsKey(f.getKey())) {
                throw new IllegalArgumentException(
                        "policy knob "
                                + f.getKey()
                                + " is given twice (also by "
                                + taken.get(f.getKey())
                                + "): give it once");
            }
            ObjectNode one = MAPPER.createObjectNode();
            one.set(f.getKey(), f.getValue());
            try {
                MAPPER.readerForUpdating(stage).readValue(one);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "bad detection policy field " + f.getKey() + ": " + firstLine(e));
            }
            names.add(f.getKey());
        }
        return names;
    }

    /** The stage builder with a public field {@code name}. */
    static Object owner(DetectionPolicy.Builder policy, String name) {
        for (Object stage : policy.stages()) {
            try {
                Field f = stage.getClass().getField(name);
                if (!Modifier.isStatic(f.getModifiers())) {
                    return stage;
                }
            } catch (NoSuchFieldException e) {
                // another stage's knob
            }
        }
        throw new IllegalArgumentException(
                "bad detection policy: unknown field " + name + "; known: " + knobs(policy));
    }

    /** Every knob of the policy document, by stage. */
    static List<String> knobs(DetectionPolicy.Builder policy) {
        List<String> out = new ArrayList<>();
        for (Object stage : policy.stages()) {
            for (Field f : stage.getClass().getFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    out.add(f.getName());
                }
            }
        }
        return out;
    }

    private static String firstLine(IOException e) {
        String m =
                e instanceof com.fasterxml.jackson.core.JsonProcessingException
                        ? ((com.fasterxml.jackson.core.JsonProcessingException) e)
                                .getOriginalMessage()
                        : e.getMessage();
        int nl = m == null ? -1 : m.indexOf('\n');
        return nl < 0 ? String.valueOf(m) : m.substring(0, nl);
    }
}
