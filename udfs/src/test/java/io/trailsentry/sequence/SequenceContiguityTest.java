package io.trailsentry.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.Signal;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.Quantifier;
import org.junit.jupiter.api.Test;

/**
 * The job feeds each CEP operator only the signals its sequence declares {@link
 * SequenceDetection#relevant}; that drops nothing a match could depend on only while every stage
 * skips what it does not take (relaxed contiguity). A stage with strict contiguity ({@code next},
 * {@code consecutive}) would match on a filtered stream where it must not on the whole one, so no
 * catalogued sequence may have one.
 */
class SequenceContiguityTest {
    @Test
    void everyStageOfEveryCataloguedSequenceHasRelaxedContiguity() {
        assertThat(SequenceCatalogue.ALL).isNotEmpty();
        for (SequenceDetection seq : SequenceCatalogue.ALL) {
            int stages = 0;
            for (Pattern<Signal, ? extends Signal> p = seq.pattern(SequencePolicy.defaults());
                    p != null;
                    p = p.getPrevious()) {
                stages++;
                Quantifier q = p.getQuantifier();
                if (p.getPrevious() != null) { // the first stage has no stage before it
                    assertThat(q.getConsumingStrategy())
                            .as(
                                    "%s, stage %s: contiguity with the stage before",
                                    seq.uid, p.getName())
                            .isNotIn(
                                    Quantifier.ConsumingStrategy.STRICT,
                                    Quantifier.ConsumingStrategy.NOT_NEXT);
                }
                assertThat(q.getInnerConsumingStrategy())
                        .as("%s, stage %s: contiguity inside the loop", seq.uid, p.getName())
                        .isNotEqualTo(Quantifier.ConsumingStrategy.STRICT);
            }
            assertThat(stages).as(seq.uid).isPositive();
        }
    }
}
