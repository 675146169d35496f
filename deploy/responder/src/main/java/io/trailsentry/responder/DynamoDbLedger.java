package io.trailsentry.responder;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The ledger in a DynamoDB table with a string partition key {@code pk} and TTL on {@code expires}.
 * A claim is a conditional put that succeeds only when the step is new, failed before, or was
 * claimed longer ago than a Lambda can run (the claimant died mid-step); done and failed overwrite
 * the status. Concurrent deliveries of one finding cannot both claim a step.
 */
public final class DynamoDbLedger implements Ledger {
    /** Longer than the Lambda maximum timeout (15 min): an older claim belongs to a dead run. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(20);

    /** Entries outlive any redelivery (Kinesis keeps records 7 days at most by default). */
    static final Duration RETAIN = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean claim(String key) {
        long now = clock.millis();
        try {
            dynamo.putItem(
                    b ->
                            b.tableName(table)
                                    .item(item(key, "claimed", now))
                                    .conditionExpression(
                                            "attribute_not_exists(pk) OR #s = :failed OR (#s = :claimed AND #at < :stale)")
                                    .expressionAttributeNames(Map.of("#s", "status", "#at", "at"))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":failed", s("failed"),
                                                    ":claimed", s("claimed"),
                                                    ":stale", n(now - STALE_CLAIM.toMillis()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void done(String key) {
        put(key, "done");
    }

    @Override
    public void failed(String key) {
        put(key, "failed");
    }

    private void put(String key, String status) {
        dynamo.putItem(b -> b.tableName(table).item(item(key, status, clock.millis())));
    }

    private Map<String, AttributeValue> item(String key, String status, long now) {
        return Map.of(
                "pk", s(key),
                "status", s(status),
                "at", n(now),
                "expires", n((now + RETAIN.toMillis()) / 1000));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    private static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }
}
