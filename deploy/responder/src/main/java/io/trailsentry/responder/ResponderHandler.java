package io.trailsentry.responder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.regions.Region;

/**
 * The Lambda entry point for the findings stream's event source mapping. Every record is handled on
 * its own: a malformed record, or one whose plan had a failing, deferred or busy step, is reported
 * in {@code batchItemFailures} (the mapping needs {@code ReportBatchItemFailures}), the others
 * succeed. Redelivered records are safe: the ledger skips steps already finished and redoes those
 * an invocation claimed but never finished.
 */
public final class ResponderHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    /** Without a Lambda context (tests, local runs) an invocation may run this long. */
    static final long NO_CONTEXT_MILLIS = 15 * 60_000L;

    private final ResponderConfig config;
    private final Responder responder;
    private final AccountClients accounts;
    private final Audit audit;
    private final Clock clock;

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
            ResponderConfig config, AwsClients aws, Consumer<String> log, Clock clock) {
        this.config = config;
        this.audit = new Audit(log);
        this.clock = clock;
        Ledger ledger =
                config.ledgerTable == null
                        ? new InMemoryLedger(clock)
                        : new DynamoDbLedger(aws.dynamoDb(), config.ledgerTable, clock);
        this.accounts = new AccountClients(aws, config);
        this.responder =
                new Responder(
                        config, accounts, ledger, audit, new Notifier(aws, config, audit), clock);
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
        long now = clock.millis();
        long deadline =
                context == null
                        ? now + NO_CONTEXT_MILLIS
                        : now + context.getRemainingTimeInMillis();
        String requestId =
                context == null || context.getAwsRequestId() == null
                        ? UUID.randomUUID().toString()
                        : context.getAwsRequestId();
        StepRunner.Invocation inv =
                new StepRunner.Invocation(requestId, new Budget(config.limits, clock, deadline));
        try {
            for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
                String sequence =
                        record.getKinesis() == null
                                ? null
                                : record.getKinesis().getSequenceNumber();
                if (!handle(record, sequence, inv)) {
                    failures.add(new StreamsEventResponse.BatchItemFailure(sequence));
                }
            }
        } finally {
            accounts.reset();
        }
        return new StreamsEventResponse(failures);
    }

    /** True when the record needs no retry. */
    private boolean handle(
            KinesisEvent.KinesisEventRecord record, String sequence, StepRunner.Invocation inv) {
        String origin = record.getEventSourceARN() + "/" + sequence;
        FindingOrder order;
        try {
            if (record.getKinesis() == null || record.getKinesis().getData() == null) {
                throw new FindingOrder.MalformedFindingException("record has no data");
            }
            order = FindingOrder.parse(bytes(record.getKinesis().getData()));
        } catch (FindingOrder.MalformedFindingException e) {
            audit.malformed(origin, config.dryRun, e.getMessage());
            return false;
        }
        try {
            return !responder.respond(order, inv).retry();
        } catch (RuntimeException e) {
            audit.finding(order, config.dryRun, "failed", e.toString());
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
