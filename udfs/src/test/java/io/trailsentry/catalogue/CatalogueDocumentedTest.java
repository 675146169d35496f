package io.trailsentry.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.Detection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/policy.md's table of detections is generated from the catalogue, so the documentation cannot
 * drift from the detections: this test fails when the table differs, and rewrites it with {@code
 * -Ddocs.update=true}.
 */
class CatalogueDocumentedTest {
    static final Path POLICY_DOC = Path.of("..", "docs", "policy.md");
    static final String BEGIN = "<!-- detections: generated from Catalogue.markdownTable() -->\n";
    static final String END = "<!-- end of detections -->\n";

    @Test
    void theDocumentedTableIsTheCatalogue() throws Exception {
        String doc = Files.readString(POLICY_DOC, StandardCharsets.UTF_8);
        int from = doc.indexOf(BEGIN);
        int to = doc.indexOf(END);
        assertThat(from).as("docs/policy.md has the generated-table markers").isPositive();
        assertThat(to).isGreaterThan(from);
        String table = doc.substring(from + BEGIN.length(), to);
        String expected = Catalogue.markdownTable();
        if (Boolean.getBoolean("docs.update") && !table.equals(expected)) {
            Files.writeString(
                    POLICY_DOC,
                    doc.substring(0, from + BEGIN.length()) + expected + doc.substring(to),
                    StandardCharsets.UTF_8);
            table = expected;
        }
        assertThat(table)
                .as("docs/policy.md's detection table (regenerate with -Ddocs.update=true)")
                .isEqualTo(expected);
    }

    @Test
    void idsAreUniqueAndEveryDetectionIsComplete() {
        Set<String> ids = new HashSet<>();
        for (Detection d : Catalogue.all()) {
            assertThat(ids.add(d.id)).as(d.id).isTrue();
            assertThat(d.title).isNotBlank();
            assertThat(d.description).isNotBlank();
            assertThat(d.runbook).isNotBlank();
            assertThat(d.tacticId).as(d.id + " tactic").matches("TA\\d{4}");
            assertThat(d.techniqueId).as(d.id + " technique").matches("T\\d{4}(\\.\\d{3})?");
            assertThat(Catalogue.byId(d.id)).isSameAs(d);
        }
        assertThat(ids).hasSizeGreaterThan(25);
    }
}
