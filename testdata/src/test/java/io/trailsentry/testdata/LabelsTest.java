package io.trailsentry.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsTest {
    @Test
    void roundTripsThroughItsFile(@TempDir Path dir) throws Exception {
        Labels written = Generator.generate(Generator.suiteSpec()).labels();
        written.write(dir.resolve("labels.json"));
        Labels read = Labels.read(dir.resolve("labels.json"));
        assertThat(read.attacks())
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(written.attacks());
        assertThat(read.benign())
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(written.benign());
    }

    @Test
    void theSlowVariantTakesAboutTwoHoursAndTheCampaignAboutTen() {
        Labels l = Generator.generate(Generator.suiteSpec()).labels();
        for (Labels.Attack a : l.attacks()) {
            long span = a.stages.get("persistence") - a.firstAttackEvent;
            if (a.id.equals("slow-two-hours")) {
                assertThat(span).isBetween(90 * 60_000L, 180 * 60_000L);
            } else {
                assertThat(span).as(a.id).isBetween(60_000L, 15 * 60_000L);
            }
        }
    }
}
