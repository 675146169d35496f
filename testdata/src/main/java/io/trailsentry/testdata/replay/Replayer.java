package io.trailsentry.testdata.replay;

import io.trailsentry.testdata.Envelopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Pushes payloads into a Kinesis stream with PutRecords: batches within the service limits (500
 * records, 5 MiB), an optional rate limit, retries with backoff for throttled or failed entries,
 * progress on stderr.
 */
public final class Replayer {
    static final int MAX_BATCH_RECORDS = 500;
    static final int MAX_BATCH_BYTES = 5 * 1024 * 1024;
    static final int MAX_RECORD_BYTES = 1024 * 1024;

    private final KinesisClient kinesis;
    private final String stream;
    private final double recordsPerSecond;
    private final int maxAttempts;

    private long sent;
    private long retried;
    private long started;
    private long lastProgress;

    public Replayer(
            KinesisClient kinesis, String stream, double recordsPerSecond, int maxAttempts) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.recordsPerSecond = recordsPerSecond;
        this.maxAttempts = maxAttempts;
    }

    /** Sends every payload; returns the number sent. Fails if a payload cannot be delivered. */
    public long replay(List<Envelopes.Payload> payloads) throws InterruptedException {
        started = System.nanoTime();
        lastProgress = started;
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        int bytes = 0;
        for (Envelopes.Payload p : payloads) {
            if (p.data.length > MAX_RECORD_BYTES) {
                throw new IllegalArgumentException(
                        "payload "
                                + p.name
                                + " is "
                                + p.data.length
                                + " bytes, over Kinesis' 1 MiB record limit: choose another envelope");
            }
            int size = p.data.length + p.name.length();
            if (batch.size() == MAX_BATCH_RECORDS || bytes + size > MAX_BATCH_BYTES) {
                send(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(
                    PutRecordsRequestEntry.builder()
                            .data(SdkBytes.fromByteArrayUnsafe(p.data))
                            .partitionKey(partitionKey(p.name))
                            .build());
            bytes += size;
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
        progress(true);
        return sent;
    }

    private void send(List<PutRecordsRequestEntry> batch) throws InterruptedException {
        List<PutRecordsRequestEntry> pending = batch;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            pace(pending.size());
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            try {
                PutRecordsResponse resp = kinesis.putRecords(request(pending));
                List<PutRecordsResultEntry> results = resp.records();
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).errorCode() != null) {
                        failed.add(pending.get(i));
                    }
                }
            } catch (SdkException e) {
                // no credentials or a refused request will not pass on a later attempt
                if (attempt >= maxAttempts || !e.retryable()) {
                    throw e;
                }
                failed = pending;
            }
            sent += pending.size() - failed.size();
            if (!failed.isEmpty()) {
                if (attempt >= maxAttempts) {
                    throw new IllegalStateException(
                            failed.size()
                                    + " records still failing after "
                                    + attempt
                                    + " attempts");
                }
                retried += failed.size();
                Thread.sleep(Math.min(5_000, 100L << Math.min(attempt, 6)));
            }
            pending = failed;
            progress(false);
        }
    }

    private PutRecordsRequest request(List<PutRecordsRequestEntry> entries) {
        PutRecordsRequest.Builder b = PutRecordsRequest.builder().records(entries);
        return stream.startsWith("arn:")
                ? b.streamARN(stream).build()
                : b.streamName(stream).build();
    }

    /** Sleeps so that sending {@code n} more records keeps the average at or below the rate. */
    private void pace(int n) throws InterruptedException {
        if (recordsPerSecond <= 0) {
            return;
        }
        double due = (sent + n) / recordsPerSecond;
        double elapsed = (System.nanoTime() - started) / 1e9;
        if (due > elapsed) {
            Thread.sleep((long) ((due - elapsed) * 1000));
        }
    }

    private void progress(boolean last) {
        long now = System.nanoTime();
        if (last || now - lastProgress > 5_000_000_000L) {
            lastProgress = now;
            double s = Math.max(1e-3, (now - started) / 1e9);
            System.err.printf(
                    Locale.ROOT,
                    "[replay] %,d records sent (%,d retried), %,.0f records/s%n",
                    sent,
                    retried,
                    sent / s);
        }
    }

    /** Kinesis partition keys are at most 256 characters. */
    static String partitionKey(String name) {
        return name.length() <= 256 ? name : name.substring(name.length() - 256);
    }

    public long retried() {
        return retried;
    }
}
