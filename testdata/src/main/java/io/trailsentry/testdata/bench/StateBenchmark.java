package io.trailsentry.testdata.bench;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RecentEventIds;
import io.trailsentry.detect.rules.Rules;
import io.trailsentry.policy.DetectionPolicy;
import io.trailsentry.profile.Profile;
import io.trailsentry.scorer.FeatureExtractor;
import io.trailsentry.scorer.FeatureWindow;
import io.trailsentry.testdata.Generator;
import io.trailsentry.testdata.cli.Cli;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Serialised per-principal state after a simulated history (default 30 days): each principal's
 * baseline ({@link Profile}, with its feature window) and de-duplication ring, through Flink's own
 * POJO serializers, as a checkpoint would write them.
 */
public final class StateBenchmark {
    public static final Cli CLI =
            Cli.tool("bench-state", "serialised state per principal after D days (default 30)")
                    .synopsis("[D [DEDUP]]")
                    .positional("D", "days of simulated history (default 30)")
                    .positional("DEDUP", "event ids remembered per principal (default 128)");

    private StateBenchmark() {}

    public static int run(String[] args) throws Exception {
        Cli.Parsed cli = CLI.parse(args);
        int days = cli.positionalInteger(0, 30);
        int dedup = cli.positionalInteger(1, 128);
        if (days < 1 || dedup < 1) {
            throw CLI.error("D and DEDUP must be at least 1");
        }
        Generator.Spec spec = Generator.suiteSpec();
        spec.historyDays = days - 1;
        List<CloudTrailEvent> events = new ArrayList<>();
        for (var e : WindowAucBenchmark.decode(Generator.generate(spec).sorted())) {
            events.add(e);
        }
        DetectionPolicy policy = DetectionPolicy.defaults();
        Rules rules = new Rules(policy.rules, policy.baseline);
        FeatureExtractor extractor = new FeatureExtractor(policy.scorer, policy.baseline);
        Map<String, Profile> profiles = new HashMap<>();
        Map<String, FeatureWindow> windows = new HashMap<>();
        Map<String, RecentEventIds> ids = new HashMap<>();
        for (CloudTrailEvent e : events) {
            FeatureWindow w = windows.computeIfAbsent(e.principal.key, k -> new FeatureWindow());
            rules.observe(
                    profiles.computeIfAbsent(e.principal.key, k -> new Profile()),
                    e,
                    s -> {},
                    (p, ev, keys) -> extractor.add(p, w, ev, keys));
            ids.computeIfAbsent(e.principal.key, k -> new RecentEventIds())
                    .seenBefore(e.eventId, dedup);
        }
        TypeSerializer<Profile> ps =
                TypeInformation.of(Profile.class).createSerializer(new SerializerConfigImpl());
        TypeSerializer<FeatureWindow> ws =
                TypeInformation.of(FeatureWindow.class)
                        .createSerializer(new SerializerConfigImpl());
        TypeSerializer<RecentEventIds> rs =
                TypeInformation.of(RecentEventIds.class)
                        .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        List<long[]> sizes = new ArrayList<>();
        System.out.printf(
                Locale.ROOT,
                "%,d events over %d days, %d principals, dedup capacity %d%n",
                events.size(),
                days,
                profiles.size(),
                dedup);
        System.out.printf(
                Locale.ROOT,
                "%-70s %9s %9s %9s %8s%n",
                "principal",
                "profile",
                "dedup",
                "total",
                "events");
        for (var entry : profiles.entrySet()) {
            out.clear();
            ps.serialize(entry.getValue(), out);
            ws.serialize(windows.get(entry.getKey()), out);
            long p = out.length(); // the baseline and the scorer's feature window
            out.clear();
            rs.serialize(ids.get(entry.getKey()), out);
            long r = out.length();
            sizes.add(new long[] {p + r});
            System.out.printf(
                    Locale.ROOT,
                    "%-70s %9d %9d %9d %8d%n",
                    entry.getKey(),
                    p,
                    r,
                    p + r,
                    entry.getValue().events);
        }
        sizes.sort((a, b) -> Long.compare(a[0], b[0]));
        System.out.printf(
                Locale.ROOT,
                "serialised state per principal: median %,d bytes, max %,d bytes%n",
                sizes.get(sizes.size() / 2)[0],
                sizes.get(sizes.size() - 1)[0]);
        return 0;
    }
}
