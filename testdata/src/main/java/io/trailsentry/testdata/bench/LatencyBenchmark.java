package io.trailsentry.testdata.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsentry.cloudtrail.RawPayload;
import io.trailsentry.incident.Evidence;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.TrailSentryPipeline;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import io.trailsentry.testdata.Corpus;
import io.trailsentry.testdata.Generator;
import io.trailsentry.testdata.cli.Cli;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Processing-time latency from reading a record to emitting the finding it completes, at a fixed
 * input rate below saturation. The generated corpus (attacks mixed into organisation traffic) is
 * fed in event-time order by a rate-limited source; each record's read time is noted; when a
 * finding leaves the job, its latency is now minus the read time of the newest event in its
 * evidence (the one that made the finding what it is). Event time is replayed faster than real
 * time, so the watermark's out-of-orderness bound costs only as long as it takes to read two
 * minutes of the corpus's event time; on live traffic the bound adds its full length (see
 * docs/benchmarks.md).
 */
public final class LatencyBenchmark {
    public static final Cli CLI =
            Cli.tool("bench-latency", "read-to-finding latency at a fixed input rate (--rate N)")
                    .value("--rate", "N", "records per second fed (default 45,000)")
                    .value("--parallelism", "N", "job parallelism (default 2)")
                    .value("--units", "N", "business units of the generated feed (default 2)")
                    .value("--volume", "X", "call-rate multiplier of the feed (default 20)")
                    .value("--history-days", "N", "benign days before the attack day (default 1)")
                    .value(
                            "--buffer-timeout-ms",
                            "MS",
                            "network buffer timeout (default: the job's time.buffer-timeout)")
                    .value(
                            "--watermark-interval-ms",
                            "MS",
                            "watermark interval (default: the job's time.watermark-interval)");

    /** Detections whose evidence was read this early are reported apart (warm-up). */
    static final long WARM_UP_NANOS = 5_000_000_000L;

    private LatencyBenchmark() {}

    public static int run(String[] args) throws Exception {
        Cli.Parsed a = CLI.parse(args);
        int rate = a.integer("--rate", 45_000);
        int parallelism = a.integer("--parallelism", 2);
        int units = a.integer("--units", 2);
        long bufferTimeoutMs = a.number("--buffer-timeout-ms", -1);
        long watermarkMs = a.number("--watermark-interval-ms", 0);
        if (rate < 1 || parallelism < 1 || units < 1) {
            throw CLI.error("--rate, --parallelism and --units must be at least 1");
        }
        Generator.Spec spec = Generator.benchSpec(units);
        spec.volume = a.decimal("--volume", 20);
        spec.historyDays = a.integer("--history-days", 1);
        List<String> jobArgs = new ArrayList<>();
        if (bufferTimeoutMs >= 0) {
            jobArgs.add("--time.buffer-timeout=" + bufferTimeoutMs + " ms");
        }
        if (watermarkMs > 0) {
            jobArgs.add("--time.watermark-interval=" + watermarkMs + " ms");
        }
        JobSettings settings = JobSettings.fromArgs(jobArgs.toArray(new String[0]));
        Feed.load(Generator.generate(spec).sorted());
        System.out.printf(
                Locale.ROOT,
                "latency benchmark: %,d records at %,d records/s, parallelism %d, buffer timeout %s;"
                        + " java %s, %d cores%n",
                Feed.payloads.length,
                rate,
                parallelism,
                settings.get(TrailSentryOptions.BUFFER_TIMEOUT).toMillis()
                        + " ms, watermark interval "
                        + settings.get(TrailSentryOptions.WATERMARK_INTERVAL).toMillis()
                        + " ms",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
        DataGeneratorSource<RawPayload> source =
                new DataGeneratorSource<>(
                        new Replay(),
                        Feed.payloads.length,
                        RateLimiterStrategy.perSecond(rate),
                        TypeInformation.of(RawPayload.class));
        DataStream<RawPayload> raw =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "rate-limited corpus")
                        .uid("bench-rate-limited-corpus")
                        .setParallelism(1);
        TrailSentryPipeline.Outputs out = new TrailSentryPipeline(settings, false).build(raw);
        out.findings
                .map(new Measure())
                .uid("bench-measure-latency")
                .returns(Types.LONG)
                .sinkTo(new DiscardingSink<>())
                .uid("bench-latencies");
        out.deadLetters.sinkTo(new DiscardingSink<>()).uid("bench-dead-letters");
        long started = System.nanoTime();
        JobExecutionResult r = env.execute("bench latency");
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Long> samples = new ArrayList<>(Feed.latencies);
        Collections.sort(samples);
        if (samples.isEmpty()) {
            System.out.println("no findings: nothing to measure");
            return 0;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < Feed.readAt.length(); i++) {
            first = Math.min(first, Feed.readAt.get(i));
            last = Math.max(last, Feed.readAt.get(i));
        }
        double reading = (last - first) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%,d records read in %.1f s (%,.0f records/s achieved, job %.1f s); %,d findings%n",
                Feed.payloads.length,
                reading,
                Feed.payloads.length / reading,
                seconds,
                samples.size());
        List<Long> detections = new ArrayList<>(Feed.detections);
        Collections.sort(detections);
        print("detections (first finding, escalation, new category)", detections);
        // the same, without the job's first seconds (class loading, JIT): steady state
        List<Long> steady = new ArrayList<>();
        for (long[] d : Feed.detectionReads) {
            if (d[0] - first >= WARM_UP_NANOS) {
                steady.add(d[1]);
            }
        }
        Collections.sort(steady);
        if (!steady.isEmpty()) {
            print("detections after the feed's first 5 s", steady);
        }
        print("every finding version (updates are coalesced by design)", samples);
        List<String> slow = new ArrayList<>(Feed.slowest);
        slow.sort(Collections.reverseOrder());
        System.out.println("slowest findings:");
        slow.stream().limit(3).forEach(l -> System.out.println("  " + l));
        if (r.getNetRuntime() <= 0) {
            throw new IllegalStateException("job did not run");
        }
        return 0;
    }

    static void print(String what, List<Long> sorted) {
        System.out.printf(
                Locale.ROOT,
                "read-to-finding latency ms, %s, n=%d: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                what,
                sorted.size(),
                pct(sorted, 0.50) / 1e6,
                pct(sorted, 0.90) / 1e6,
                pct(sorted, 0.99) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }

    static long pct(List<Long> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /**
     * The corpus and the read times, shared by the source and the measuring map: the benchmark runs
     * in one JVM (a MiniCluster), so both see the same arrays.
     */
    static final class Feed {
        static byte[][] payloads;
        static Map<String, Integer> indexOf;
        static AtomicLongArray readAt;
        static final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        static final ConcurrentLinkedQueue<String> slowest = new ConcurrentLinkedQueue<>();
        static final ConcurrentLinkedQueue<Long> detections = new ConcurrentLinkedQueue<>();

        /** Each detection's newest evidence read time and its latency (nanoseconds). */
        static final ConcurrentLinkedQueue<long[]> detectionReads = new ConcurrentLinkedQueue<>();

        static final Map<String, String> shapes = new java.util.concurrent.ConcurrentHashMap<>();

        static void load(List<Corpus.Entry> sorted) throws Exception {
            ObjectMapper m = new ObjectMapper();
            payloads = new byte[sorted.size()][];
            indexOf = new HashMap<>(sorted.size() * 2);
            for (int i = 0; i < payloads.length; i++) {
                payloads[i] = m.writeValueAsBytes(sorted.get(i).record);
                indexOf.put(sorted.get(i).record.path("eventID").asText(), i);
            }
            readAt = new AtomicLongArray(payloads.length);
        }
    }

    /** Hands out record {@code i} and notes when it was read. */
    static final class Replay implements GeneratorFunction<Long, RawPayload> {
        @Override
        public RawPayload map(Long index) {
            int i = index.intValue();
            Feed.readAt.set(i, System.nanoTime());
            return new RawPayload("bench#" + i, Feed.payloads[i]);
        }
    }

    /** Latency of a finding: now minus the read time of its newest evidence event. */
    static final class Measure implements MapFunction<Finding, Long> {
        @Override
        public Long map(Finding f) {
            long now = System.nanoTime();
            long newest = 0;
            for (Evidence e : f.evidence) {
                Integer i = e.eventId == null ? null : Feed.indexOf.get(e.eventId);
                if (i != null) {
                    newest = Math.max(newest, Feed.readAt.get(i));
                }
            }
            if (newest > 0) {
                String shape = f.severityId + java.util.Arrays.toString(f.categories);
                String before = Feed.shapes.put(f.uid, shape);
                if (!shape.equals(before)) {
                    // a new incident, a higher severity or a new category: a detection
                    Feed.detections.add(now - newest);
                    Feed.detectionReads.add(new long[] {newest, now - newest});
                }
                Feed.latencies.add(now - newest);
                Feed.slowest.add(
                        String.format(
                                Locale.ROOT,
                                "%9.1f ms  v%d %s %s",
                                (now - newest) / 1e6,
                                f.version,
                                f.detectionIds[f.detectionIds.length - 1],
                                f.title));
            }
            return now - newest;
        }
    }
}
