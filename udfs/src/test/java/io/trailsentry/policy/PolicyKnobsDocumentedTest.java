package io.trailsentry.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every knob of every stage's policy is named in docs/policy.md. */
class PolicyKnobsDocumentedTest {
    @Test
    void everyKnobIsInThePolicyDocument() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "policy.md"), StandardCharsets.UTF_8);
        for (Object stage : new DetectionPolicy.Builder().stages()) {
            for (Field f : stage.getClass().getFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                assertThat(doc)
                        .as("docs/policy.md names %s's knob %s", stage.getClass(), f.getName())
                        .contains("`" + f.getName() + "`");
            }
        }
    }
}
