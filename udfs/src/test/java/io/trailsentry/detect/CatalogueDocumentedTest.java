package io.trailsentry.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/policy.md's table of detections is the catalogue: the same ids, each with the category and
 * default severity the code gives it, so the documentation cannot drift from the detections.
 */
class CatalogueDocumentedTest {
    static final Path POLICY_DOC = Path.of("..", "docs", "policy.md");
    static final Pattern ROW =
            Pattern.compile(
                    "^\\| (TS-[A-Z]{2}-\\d{3}) \\| (\\d) \\| ([A-Z]+)[^|]*\\|", Pattern.MULTILINE);

    @Test
    void everyDetectionIsDocumentedWithItsCategoryAndDefaultSeverity() throws Exception {
        String doc = Files.readString(POLICY_DOC, StandardCharsets.UTF_8);
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            String previous = documented.put(m.group(1), m.group(2) + " " + m.group(3));
            assertThat(previous).as("%s documented twice", m.group(1)).isNull();
        }
        Map<String, String> catalogue = new LinkedHashMap<>();
        for (Detection d : Detections.all()) {
            catalogue.put(
                    d.id, d.category.number + " " + d.severity.name().toUpperCase(Locale.ROOT));
        }
        assertThat(catalogue).hasSizeGreaterThan(20);
        assertThat(documented).containsExactlyInAnyOrderEntriesOf(catalogue);
    }
}
