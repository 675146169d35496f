package io.trailsentry.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.cloudtrail.CloudTrailDecoder;
import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DecodeSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCorpusTest {
    /** The checked-in sample, relative to this module (surefire runs in the module directory). */
    static final Path CHECKED_IN = Path.of("sample");

    @Test
    void checkedInSampleIsRegeneratedByteForByte(@TempDir Path dir) throws Exception {
        GeneratorMain.writeSample(dir);
        for (String name : new String[] {GeneratorMain.SAMPLE_FILE, "labels.json"}) {
            assertThat(Files.readAllBytes(dir.resolve(name)))
                    .as(
                            name
                                    + " differs from the generator's output: regenerate with"
                                    + " ./mvnw -q -pl testdata -am test-compile exec:exec@testdata -Dargs=\"generate --sample testdata/sample\"")
                    .isEqualTo(Files.readAllBytes(CHECKED_IN.resolve(name)));
        }
    }

    @Test
    void sameSeedSameRecordsOtherSeedOtherRecords() {
        Generator.Spec a = Generator.sampleSpec();
        Generator.Spec b = Generator.sampleSpec();
        b.seed = a.seed + 1;
        List<String> first = render(Generator.generate(a));
        assertThat(render(Generator.generate(a))).isEqualTo(first);
        assertThat(render(Generator.generate(b))).isNotEqualTo(first);
    }

    @Test
    void everyGeneratedRecordDecodesWithoutDeadLetters() throws Exception {
        byte[] gz = Files.readAllBytes(CHECKED_IN.resolve(GeneratorMain.SAMPLE_FILE));
        List<CloudTrailEvent> events = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        new CloudTrailDecoder()
                .decode(
                        gz,
                        "sample",
                        new DecodeSink() {
                            @Override
                            public void event(CloudTrailEvent e) {
                                events.add(e);
                            }

                            @Override
                            public void deadLetter(DeadLetter d) {
                                dead.add(d);
                            }
                        });
        assertThat(dead).isEmpty();
        assertThat(events).hasSize(Generator.generate(Generator.sampleSpec()).size());
        assertThat(events).extracting(e -> e.eventId).doesNotHaveDuplicates();
    }

    @Test
    void labelsNameTheCampaignAndItsStages() {
        Corpus c = Generator.generate(Generator.sampleSpec());
        Labels.Attack a = c.labels().attacks().get(0);
        assertThat(a.principalKey)
                .isEqualTo("111122223333|arn:aws:iam::111122223333:user/svc-reporting");
        assertThat(a.stages.keySet())
                .containsExactly(
                        "enumeration",
                        "validation",
                        "provisioning",
                        "provisioning_complete",
                        "friction",
                        "persistence");
        assertThat(a.firstProvisioningEvent).isGreaterThan(a.firstAttackEvent);
        assertThat(c.labels().benign())
                .extracting(b -> b.principalKey)
                .doesNotContain(a.principalKey);
    }

    private static List<String> render(Corpus c) {
        List<String> out = new ArrayList<>();
        c.sorted().forEach(e -> out.add(e.record.toString()));
        return out;
    }
}
