package io.trailsentry.job.io;

import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DecodedRecord;
import io.trailsentry.cloudtrail.DecoderLimits;
import io.trailsentry.flink.SourceDecoding;
import io.trailsentry.incident.Finding;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import java.time.Instant;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.connector.kinesis.source.KinesisStreamsSource;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants.InitialPosition;
import org.apache.flink.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.model.Record;
import org.apache.flink.util.Collector;

/**
 * The one class that uses the Kinesis connector ({@code flink-connector-kinesis}, version in the
 * parent POM): the CloudTrail source and the findings and dead-letter sinks. Moving to connector
 * 5.x/6.x changes this class only.
 */
public final class KinesisConnector {
    // AWS client keys of the connector (AWSConfigConstants, shaded inside the connector jar).
    static final String AWS_REGION = "aws.region";
    static final String AWS_ENDPOINT = "aws.endpoint";
    static final String AWS_CREDENTIALS_PROVIDER = "aws.credentials.provider";
    static final String AWS_TRUST_ALL_CERTIFICATES = "aws.trust.all.certificates";
    static final String AWS_HTTP_PROTOCOL_VERSION = "aws.http.protocol.version";

    /** How the origin of a Kinesis record begins ({@code kinesis:<stream>/<shard>/<sequence>}). */
    public static final String ORIGIN_PREFIX = "kinesis:";

    private KinesisConnector() {}

    /**
     * The CloudTrail source. It decodes each record in its deserialization schema ({@link
     * SourceDecoding}), so the watermark strategy given to {@code fromSource} runs per shard on
     * event time; bad input comes out as dead-letter records, never as an exception.
     */
    public static Source<DecodedRecord, ?, ?> source(JobSettings s) {
        return new SubtaskAlignedSource<>(source(s, null));
    }

    /**
     * The CloudTrail source that goes live after a backfill: it starts at the records that reached
     * the stream from the go-live time on ({@code AT_TIMESTAMP}); the backfill's files hold the
     * events before it. The few events on both sides (delivered to the stream after the go-live
     * time, to S3 before the backfill listed it) carry the same event id and are dropped by the
     * orderer's de-duplication. Not wrapped for alignment (the caller wraps the whole source).
     */
    public static KinesisStreamsSource<DecodedRecord> source(
            JobSettings s, BackfillWindow afterBackfill) {
        String arn = s.get(TrailSentryOptions.INPUT_STREAM_ARN);
        Configuration config = new Configuration();
        clientSettings(s, arn).forEach((k, v) -> config.setString((String) k, (String) v));
        if (afterBackfill != null) {
            config.set(
                    KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION,
                    InitialPosition.AT_TIMESTAMP);
            // epoch seconds: the 4.x connector parses a date only with a format key
            config.set(
                    KinesisStreamsSourceConfigConstants.STREAM_INITIAL_TIMESTAMP,
                    String.format(
                            java.util.Locale.ROOT, "%.3f", afterBackfill.untilMillis / 1000.0));
        } else {
            config.set(
                    KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION,
                    InitialPosition.valueOf(s.get(TrailSentryOptions.INPUT_INITIAL_POSITION)));
            if (s.has(TrailSentryOptions.INPUT_INITIAL_TIMESTAMP)) {
                config.set(
                        KinesisStreamsSourceConfigConstants.STREAM_INITIAL_TIMESTAMP,
                        s.get(TrailSentryOptions.INPUT_INITIAL_TIMESTAMP));
            }
        }
        return KinesisStreamsSource.<DecodedRecord>builder()
                .setStreamArn(arn)
                .setSourceConfig(config)
                .setDeserializationSchema(new DecodingSchema(DecoderLimits.defaults()))
                .build();
    }

    /** Whether a decoded record came from a Kinesis shard (rather than a log file). */
    public static boolean fromKinesis(DecodedRecord r) {
        String origin =
                r.event != null
                        ? r.event.origin
                        : r.deadLetter != null ? r.deadLetter.origin : null;
        return origin != null && origin.startsWith(ORIGIN_PREFIX);
    }

    public static KinesisStreamsSink<Finding> findingsSink(JobSettings s, String version) {
        String arn = s.get(TrailSentryOptions.FINDINGS_STREAM_ARN);
        return KinesisStreamsSink.<Finding>builder()
                .setStreamArn(arn)
                .setKinesisClientProperties(clientSettings(s, arn))
                .setSerializationSchema(new FindingSchema(version))
                .setPartitionKeyGenerator(f -> f.principal.key)
                .setFailOnError(false)
                .build();
    }

    public static KinesisStreamsSink<DeadLetter> deadLetterSink(JobSettings s) {
        String arn = s.get(TrailSentryOptions.DEAD_LETTER_STREAM_ARN);
        return KinesisStreamsSink.<DeadLetter>builder()
                .setStreamArn(arn)
                .setKinesisClientProperties(clientSettings(s, arn))
                .setSerializationSchema(new DeadLetterSchema())
                .setPartitionKeyGenerator(d -> d.reason + "|" + d.origin)
                .setFailOnError(false)
                .build();
    }

    static Properties clientSettings(JobSettings s, String streamArn) {
        Properties p = new Properties();
        String region =
                s.has(TrailSentryOptions.AWS_REGION)
                        ? s.get(TrailSentryOptions.AWS_REGION)
                        : regionOf(streamArn);
        if (region != null) {
            p.setProperty(AWS_REGION, region);
        }
        if (s.has(TrailSentryOptions.AWS_ENDPOINT)) {
            p.setProperty(AWS_ENDPOINT, s.get(TrailSentryOptions.AWS_ENDPOINT));
            p.setProperty(AWS_TRUST_ALL_CERTIFICATES, "true");
            p.setProperty(AWS_HTTP_PROTOCOL_VERSION, "HTTP1_1");
        }
        p.setProperty(AWS_CREDENTIALS_PROVIDER, "AUTO");
        return p;
    }

    static String regionOf(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":");
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
    }

    /**
     * Decodes each Kinesis record into events (0..n per record), each named by stream, shard and
     * sequence number, with the record's arrival time.
     */
    static final class DecodingSchema implements KinesisDeserializationSchema<DecodedRecord> {
        private static final long serialVersionUID = 1L;

        private final SourceDecoding decoding;

        DecodingSchema(DecoderLimits limits) {
            this.decoding = new SourceDecoding(limits);
        }

        @Override
        public void deserialize(
                Record record, String stream, String shardId, Collector<DecodedRecord> out) {
            Instant arrival = record.approximateArrivalTimestamp();
            decoding.decode(
                    record.data().asByteArrayUnsafe(),
                    ORIGIN_PREFIX + stream + "/" + shardId + "/" + record.sequenceNumber(),
                    arrival == null ? System.currentTimeMillis() : arrival.toEpochMilli(),
                    out);
        }

        @Override
        public TypeInformation<DecodedRecord> getProducedType() {
            return TypeInformation.of(DecodedRecord.class);
        }
    }
}
