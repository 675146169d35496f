package io.trailsentry.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.cloudtrail.CloudTrailDecoder;
import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DecodeSink;
import io.trailsentry.testdata.replay.CorpusReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvelopesTest {
    static Corpus suite;
    static List<Corpus.Entry> sorted;

    @BeforeAll
    static void generate() {
        suite = Generator.generate(Generator.suiteSpec());
        sorted = suite.sorted();
    }

    @ParameterizedTest
    @EnumSource(Envelopes.Kind.class)
    void everyRecordDecodesWithoutDeadLettersInEveryEnvelope(Envelopes.Kind kind) {
        List<CloudTrailEvent> events = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        CloudTrailDecoder decoder = new CloudTrailDecoder();
        DecodeSink sink =
                new DecodeSink() {
                    @Override
                    public void event(CloudTrailEvent e) {
                        events.add(e);
                    }

                    @Override
                    public void deadLetter(DeadLetter d) {
                        dead.add(d);
                    }
                };
        for (Envelopes.Payload p : Envelopes.payloads(sorted, kind)) {
            decoder.decode(p.data, p.name, sink);
        }
        assertThat(dead).isEmpty();
        assertThat(events).hasSize(sorted.size());
        assertThat(events.stream().map(e -> e.eventId).collect(Collectors.toSet()))
                .hasSize(sorted.size());
    }

    @Test
    void logFilesFollowTheS3DeliveryLayout() {
        List<Envelopes.Payload> files = Envelopes.payloads(sorted, Envelopes.Kind.LOG_FILES);
        assertThat(files)
                .extracting(p -> p.name)
                .allMatch(
                        n ->
                                n.matches(
                                        "AWSLogs/\\d{12}/CloudTrail/[a-z0-9-]+/\\d{4}/\\d{2}/\\d{2}/\\d{12}_CloudTrail_[a-z0-9-]+_\\d{8}T\\d{4}Z_[0-9a-f]{8}\\.json\\.gz"));
    }

    @Test
    void cloudWatchPayloadsStayUnderTheKinesisRecordLimit() {
        assertThat(Envelopes.payloads(sorted, Envelopes.Kind.CLOUDWATCH_LOGS))
                .allMatch(p -> p.data.length < 1024 * 1024);
    }

    @Test
    void sameSeedWritesIdenticalFiles(@TempDir Path dir) throws Exception {
        for (String run : new String[] {"a", "b"}) {
            GeneratorMain.run(
                    new String[] {
                        "--out",
                        dir.resolve(run).toString(),
                        "--envelope",
                        "all",
                        "--preset",
                        "sample",
                        "--shuffle-ms",
                        "120000"
                    });
        }
        assertThat(tree(dir.resolve("a"))).isNotEmpty().isEqualTo(tree(dir.resolve("b")));
        assertThat(tree(dir.resolve("a")))
                .contains(
                        "labels.json",
                        "raw/raw-00001.jsonl",
                        "eventbridge/eventbridge-00001.jsonl");
        for (String f : tree(dir.resolve("a"))) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
        }
    }

    @Test
    void shuffledDeliveryStaysWithinTheBound() {
        long bound = 90_000;
        List<Corpus.Entry> shuffled = suite.shuffled(bound, new Rng(1));
        assertThat(shuffled).hasSameSizeAs(sorted).isNotEqualTo(sorted);
        long maxSeen = 0;
        for (Corpus.Entry e : shuffled) {
            assertThat(e.time).isGreaterThanOrEqualTo(maxSeen - bound);
            maxSeen = Math.max(maxSeen, e.time);
        }
    }

    @ParameterizedTest
    @EnumSource(Envelopes.Kind.class)
    void theReplayReaderReadsEveryEnvelopeBack(Envelopes.Kind kind, @TempDir Path dir)
            throws Exception {
        Corpus sample = Generator.generate(Generator.sampleSpec());
        Envelopes.write(sample.sorted(), kind, dir);
        Comparator<Corpus.Entry> byTimeAndId =
                Comparator.comparingLong((Corpus.Entry e) -> e.time)
                        .thenComparing(e -> e.record.path("eventID").asText());
        List<Corpus.Entry> back = new ArrayList<>(CorpusReader.read(dir));
        List<Corpus.Entry> expected = new ArrayList<>(sample.sorted());
        back.sort(byTimeAndId);
        expected.sort(byTimeAndId);
        assertThat(back)
                .extracting(e -> e.record)
                .containsExactlyElementsOf(
                        expected.stream().map(e -> e.record).collect(Collectors.toList()));
    }

    private static Set<String> tree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        }
    }

    @Test
    void theSuiteHoldsEveryScenarioAndLookAlike() {
        assertThat(suite.labels().attacks())
                .extracting(a -> a.id)
                .containsExactlyElementsOf(Scenarios.ids());
        Set<String> lookAlikes = new HashSet<>();
        suite.labels()
                .benign()
                .forEach(
                        b -> {
                            if (b.lookAlike != null) {
                                lookAlikes.add(b.lookAlike);
                            }
                        });
        assertThat(lookAlikes).containsExactlyInAnyOrderElementsOf(LookAlikes.IDS);
        for (Labels.Attack a : suite.labels().attacks()) {
            List<Long> stageTimes = new ArrayList<>(a.stages.values());
            assertThat(stageTimes).as(a.id).isSorted();
            assertThat(a.firstAttackEvent).isEqualTo(stageTimes.get(0));
        }
    }
}
