package io.trailsentry.job.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsentry.detect.ChangeWindow;
import io.trailsentry.detect.DetectionPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the JSON detection policy onto a {@link DetectionPolicy}: field names as in the class,
 * unknown fields are errors (a misspelt allowlist must not silently allow nothing).
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

    static void apply(DetectionPolicy policy, String json) {
        try {
            MAPPER.readerForUpdating(policy).readValue(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("bad detection policy: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("bad detection policy: " + e.getMessage());
        }
        for (ChangeWindow w : policy.changeWindows) {
            try {
                w.validate();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "bad change window for " + w.principal + ": " + e.getMessage());
            }
        }
    }
}
