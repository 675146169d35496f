package io.trailsentry.job;

import io.trailsentry.incident.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Test sink: findings into a named in-JVM bucket, readable while the job runs (MiniCluster only).
 * Stateless, so it restores from any savepoint.
 */
final class CollectingSink implements Sink<Finding> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Finding>> BUCKETS = new ConcurrentHashMap<>();

    private final String bucket;

    CollectingSink(String bucket) {
        this.bucket = bucket;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<Finding> createWriter(InitContext context) {
        List<Finding> into = BUCKETS.computeIfAbsent(bucket, b -> new ArrayList<>());
        return new SinkWriter<>() {
            @Override
            public void write(Finding f, Context ctx) {
                synchronized (into) {
                    into.add(f);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    static int count(String bucket) {
        List<Finding> l = BUCKETS.get(bucket);
        if (l == null) {
            return 0;
        }
        synchronized (l) {
            return l.size();
        }
    }

    /** Whether the bucket holds a Close finding yet. */
    static boolean hasClose(String bucket) {
        List<Finding> l = BUCKETS.get(bucket);
        if (l == null) {
            return false;
        }
        synchronized (l) {
            return l.stream().anyMatch(f -> f.closed);
        }
    }

    static List<Finding> take(String bucket) {
        List<Finding> l = BUCKETS.remove(bucket);
        if (l == null) {
            return new ArrayList<>();
        }
        synchronized (l) {
            return new ArrayList<>(l);
        }
    }
}
