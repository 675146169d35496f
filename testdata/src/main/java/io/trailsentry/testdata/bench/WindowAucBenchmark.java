package io.trailsentry.testdata.bench;

import com.amazon.randomcutforest.RandomCutForest;
import io.trailsentry.cloudtrail.CloudTrailDecoder;
import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DecodeSink;
import io.trailsentry.cloudtrail.PrincipalResolver;
import io.trailsentry.detect.rules.Rules;
import io.trailsentry.policy.DetectionPolicy;
import io.trailsentry.principal.Principal;
import io.trailsentry.profile.Profile;
import io.trailsentry.scorer.FeatureExtractor;
import io.trailsentry.scorer.FeatureVector;
import io.trailsentry.scorer.FeatureWindow;
import io.trailsentry.scorer.OnlineIsolationForest;
import io.trailsentry.testdata.Corpus;
import io.trailsentry.testdata.Labels;
import io.trailsentry.testdata.cli.Cli;
import io.trailsentry.testdata.replay.CorpusReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Attack windows against benign windows on a labelled corpus: the same per-principal feature
 * windows the job scores, streamed in time order through this scorer and through Random Cut Forest
 * (score then learn), ROC-AUC over the windows after warm-up, and score quantiles for calibrating
 * the policy's scorer thresholds.
 */
public final class WindowAucBenchmark {
    public static final Cli CLI =
            Cli.tool(
                            "bench-windows",
                            "attack vs benign feature windows of a labelled corpus, both scorers")
                    .synopsis("[CORPUS [LABELS]]")
                    .positional("CORPUS", "a generated corpus (default /tmp/suite/log-files)")
                    .positional("LABELS", "its labels (default labels.json beside CORPUS)");

    private WindowAucBenchmark() {}

    public static int run(String[] args) throws Exception {
        Cli.Parsed cli = CLI.parse(args);
        Path corpus = Path.of(cli.positional(0, "/tmp/suite/log-files")).toAbsolutePath();
        Path labelsFile =
                Path.of(cli.positional(1, corpus.getParent().resolve("labels.json").toString()));
        if (!Files.exists(corpus) || !Files.isRegularFile(labelsFile)) {
            throw CLI.error(
                    "no corpus at "
                            + corpus
                            + " with labels at "
                            + labelsFile
                            + " (generate --out DIR writes both)");
        }
        Labels labels = Labels.read(labelsFile);
        DetectionPolicy policy = DetectionPolicy.defaults();
        List<FeatureVector> windows = windows(CorpusReader.read(corpus), policy);
        windows.sort(
                Comparator.comparingLong((FeatureVector v) -> v.windowEnd)
                        .thenComparing(v -> v.principal.key));
        Map<String, long[]> attackSpan = new HashMap<>();
        for (Labels.Attack a : labels.attacks()) {
            long end =
                    a.stages.values().stream()
                            .mapToLong(Long::longValue)
                            .max()
                            .orElse(a.firstAttackEvent);
            attackSpan.put(a.principalKey, new long[] {a.firstAttackEvent, end});
        }
        // as the job scores them: one model per shard of principals, each warming up on its own
        int d = FeatureVector.NAMES.length;
        int shards = policy.scorer.scorerShards;
        OnlineIsolationForest[] oif = new OnlineIsolationForest[shards];
        RandomCutForest[] rcf = new RandomCutForest[shards];
        for (int k = 0; k < shards; k++) {
            oif[k] = OnlineIsolationForest.withDefaults(d, SEED + k);
            rcf[k] = ScorerBenchmark.rcf(d, 32, SEED + k);
        }
        int warm = policy.scorer.scorerMinPoints;
        List<Double> so = new ArrayList<>();
        List<Double> sr = new ArrayList<>();
        List<Integer> labelled = new ArrayList<>();
        for (FeatureVector v : windows) {
            int k = policy.scorer.shardOf(v.principal.key);
            boolean warmedUp = oif[k].size() >= warm;
            double o = oif[k].score(v.features);
            double r = rcf[k].getAnomalyScore(v.features);
            oif[k].learn(v.features);
            rcf[k].update(v.features);
            if (warmedUp) {
                so.add(o);
                sr.add(r);
                // attack windows overlap the campaign; the victim's own activity outside it is
                // benign
                long[] span = attackSpan.get(v.principal.key);
                labelled.add(
                        span != null && v.windowEnd > span[0] && v.windowStart <= span[1] ? 1 : 0);
            }
        }
        int n = so.size();
        int[] y = labelled.stream().mapToInt(Integer::intValue).toArray();
        int attacks = Arrays.stream(y).sum();
        double[] o = so.stream().mapToDouble(Double::doubleValue).toArray();
        double[] r = sr.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(
                Locale.ROOT,
                "%,d windows (%,d after each of %d model shards warmed up on %,d), %d attack"
                        + " windows%n",
                windows.size(),
                n,
                shards,
                warm,
                attacks);
        System.out.printf(
                Locale.ROOT,
                "ROC-AUC attack vs benign windows: isolation forest %.4f, random cut forest %.4f%n",
                RocAuc.of(o, y),
                RocAuc.of(r, y));
        quantiles("isolation forest", o, y);
        quantiles("random cut forest", r, y);
        return 0;
    }

    /** The job's default scorer seed ({@code scorer.seed}): shard k uses SEED + k. */
    static final long SEED = 20_260_310L;

    static void quantiles(String name, double[] s, int[] y) {
        List<Double> attack = new ArrayList<>();
        List<Double> benign = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            (y[i] == 1 ? attack : benign).add(s[i]);
        }
        attack.sort(null);
        benign.sort(null);
        System.out.printf(
                Locale.ROOT,
                "  %-18s benign p50 %.3f p99 %.3f p99.9 %.3f max %.3f | attack min %.3f p50 %.3f max %.3f%n",
                name,
                q(benign, 0.5),
                q(benign, 0.99),
                q(benign, 0.999),
                q(benign, 1),
                q(attack, 0),
                q(attack, 0.5),
                q(attack, 1));
    }

    static double q(List<Double> v, double p) {
        return v.isEmpty()
                ? Double.NaN
                : v.get((int) Math.min(v.size() - 1, Math.floor(p * (v.size() - 1) + 0.5)));
    }

    /** Decodes generated entries into principal-resolved events in (time, id) order. */
    static List<CloudTrailEvent> decode(List<Corpus.Entry> entries) {
        CloudTrailDecoder decoder = new CloudTrailDecoder();
        List<CloudTrailEvent> events = new ArrayList<>();
        DecodeSink sink =
                new DecodeSink() {
                    @Override
                    public void event(CloudTrailEvent e) {
                        Principal p = PrincipalResolver.resolve(e);
                        if (p != null) {
                            e.principal = p;
                            events.add(e);
                        }
                    }

                    @Override
                    public void deadLetter(DeadLetter d) {}
                };
        for (Corpus.Entry en : entries) {
            decoder.decode(en.record.toString().getBytes(StandardCharsets.UTF_8), "corpus", sink);
        }
        events.sort(
                Comparator.comparingLong((CloudTrailEvent e) -> e.eventTime)
                        .thenComparing(e -> e.eventId));
        return events;
    }

    /** The feature windows the job's profiler would close, per principal, in event-time order. */
    static List<FeatureVector> windows(List<Corpus.Entry> entries, DetectionPolicy policy) {
        List<CloudTrailEvent> events = decode(entries);
        Rules rules = new Rules(policy.rules, policy.baseline);
        FeatureExtractor extractor = new FeatureExtractor(policy.scorer, policy.baseline);
        Map<String, Profile> profiles = new HashMap<>();
        Map<String, FeatureWindow> windows = new HashMap<>();
        List<FeatureVector> out = new ArrayList<>();
        for (CloudTrailEvent e : events) {
            Profile p = profiles.computeIfAbsent(e.principal.key, k -> new Profile());
            FeatureWindow w = windows.computeIfAbsent(e.principal.key, k -> new FeatureWindow());
            rules.observe(
                    p,
                    e,
                    s -> {},
                    (baseline, ev, keys) -> {
                        FeatureVector closed = extractor.add(baseline, w, ev, keys);
                        if (closed != null) {
                            if (closed.principal == null) {
                                closed.principal = ev.principal;
                            }
                            out.add(closed);
                        }
                    });
        }
        for (Map.Entry<String, Profile> p : profiles.entrySet()) {
            FeatureVector v = extractor.close(p.getValue(), windows.get(p.getKey()));
            if (v != null) {
                if (v.principal == null) {
                    v.principal = p.getValue().principal();
                }
                out.add(v);
            }
        }
        return out;
    }
}
