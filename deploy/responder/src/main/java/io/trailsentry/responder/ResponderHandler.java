package io.trailsentry.responder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.regions.Region;

/**
 * The Lambda entry point for the findings stream's event source mapping. Every record is handled on
 * its own: a malformed record, or one whose plan had a failing step, is reported in {@code
 * batchItemFailures} (the mapping needs {@code ReportBatchItemFailures}), the others succeed.
 * Redelivered records are safe: the ledger skips steps already done.
 */
public final class ResponderHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    private final Responder responder;
    private final Audit audit;
    private final boolean dryRun;

    /**
     * Used by the Lambda runtime: configuration from the environment, clients from the default
     * chain.
     */
    public ResponderHandler() {
        this(ResponderConfig.fromEnv(System.getenv()), null);
    }

    private ResponderHandler(ResponderConfig config, Void unused) {
        this(config, defaultClients(config), System.out::println, Clock.systemUTC());
    }

    public ResponderHandler(
            ResponderConfig config,
            AwsClients aws,
            java.util.function.Consumer<String> log,
            Clock clock) {
        this.audit = new Audit(log);
        this.dryRun = config.dryRun;
        Ledger ledger =
                config.ledgerTable == null
                        ? new InMemoryLedger()
                        : new DynamoDbLedger(aws.dynamoDb(), config.ledgerTable, clock);
        this.responder = new Responder(config, aws, ledger, audit, clock);
    }

    private static AwsClients defaultClients(ResponderConfig config) {
        String region = System.getenv("AWS_REGION");
        return new AwsClients(
                config.endpoint, null, Region.of(region == null ? "us-east-1" : region));
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return new StreamsEventResponse(failures);
        }
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            String sequence =
                    record.getKinesis() == null ? null : record.getKinesis().getSequenceNumber();
            if (!handle(record, sequence)) {
                failures.add(new StreamsEventResponse.BatchItemFailure(sequence));
            }
        }
        return new StreamsEventResponse(failures);
    }

    /** True when the record needs no retry. */
    private boolean handle(KinesisEvent.KinesisEventRecord record, String sequence) {
        String origin = record.getEventSourceARN() + "/" + sequence;
        FindingOrder order;
        try {
            if (record.getKinesis() == null || record.getKinesis().getData() == null) {
                throw new FindingOrder.MalformedFindingException("record has no data");
            }
            order = FindingOrder.parse(bytes(record.getKinesis().getData()));
        } catch (FindingOrder.MalformedFindingException e) {
            audit.malformed(origin, dryRun, e.getMessage());
            return false;
        }
        try {
            return responder.respond(order).failed == 0;
        } catch (RuntimeException e) {
            audit.finding(order, dryRun, "failed", e.toString());
            return false;
        }
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer b = data.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
