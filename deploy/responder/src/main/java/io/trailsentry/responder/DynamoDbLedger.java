package io.trailsentry.responder;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The ledger in a DynamoDB table with a string partition key {@code pk} and TTL on {@code expires}.
 * A claim is a conditional put that succeeds when the step is new, failed or was interrupted, or is
 * claimed under a lease that has lapsed (its invocation is dead: the lease ends at its deadline);
 * the item it replaces, or the one that blocked it, comes back with the answer (ALL_OLD), so one
 * request tells done from busy. A finding's spent calls live in an item of their own.
 */
public final class DynamoDbLedger implements Ledger {
    /** An item claimed before leases existed is taken over after this long. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(20);

    /** Entries outlive any redelivery (Kinesis keeps records 7 days at most by default). */
    static final Duration RETAIN = Duration.ofDays(30);

    static final String CLAIMABLE =
            "attribute_not_exists(pk) OR #s = :failed OR (#s = :claimed AND (#lease < :now OR #owner = :me"
                    + " OR (attribute_not_exists(#lease) AND #at < :stale)))";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Claim claim(String key, String owner, long leaseUntil) {
        long now = clock.millis();
        Map<String, AttributeValue> item = item(key, "claimed", now, 0);
        item.put("owner", s(owner));
        item.put("lease", n(leaseUntil));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":failed", s("failed"));
        values.put(":claimed", s("claimed"));
        values.put(":now", n(now));
        values.put(":me", s(owner));
        values.put(":stale", n(now - STALE_CLAIM.toMillis()));
        Map<String, AttributeValue> old;
        try {
            old =
                    dynamo.putItem(
                                    b ->
                                            b.tableName(table)
                                                    .item(item)
                                                    .conditionExpression(CLAIMABLE)
                                                    .expressionAttributeNames(
                                                            Map.of(
                                                                    "#s", "status",
                                                                    "#lease", "lease",
                                                                    "#owner", "owner",
                                                                    "#at", "at"))
                                                    .expressionAttributeValues(values)
                                                    .returnValues(ReturnValue.ALL_OLD)
                                                    .returnValuesOnConditionCheckFailure(
                                                            ReturnValuesOnConditionCheckFailure
                                                                    .ALL_OLD))
                            .attributes();
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> blocking = e.hasItem() ? e.item() : Map.of();
            String status = text(blocking, "status");
            Claim.Kind kind =
                    "claimed".equals(status) || status == null
                            ? Claim.Kind.BUSY
                            : Claim.Kind.FINISHED;
            return new Claim(kind, status, number(blocking, "sent"));
        }
        return new Claim(Claim.Kind.ACQUIRED, text(old, "status"), number(old, "sent"));
    }

    @Override
    public void finish(String key, String status, int sent) {
        put(item(key, status, clock.millis(), sent));
    }

    @Override
    public void release(String key, int sent) {
        put(item(key, "failed", clock.millis(), sent));
    }

    @Override
    public int spent(String findingUid) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                b ->
                                        b.tableName(table)
                                                .key(Map.of("pk", s(spentKey(findingUid))))
                                                .consistentRead(true))
                        .item();
        return number(item, "sent");
    }

    @Override
    public void spend(String findingUid, int total) {
        put(item(spentKey(findingUid), "spent", clock.millis(), total));
    }

    static String spentKey(String findingUid) {
        return findingUid + "|#spent";
    }

    private void put(Map<String, AttributeValue> item) {
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private Map<String, AttributeValue> item(String key, String status, long now, int sent) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("pk", s(key));
        m.put("status", s(status));
        m.put("at", n(now));
        m.put("sent", n(sent));
        m.put("expires", n((now + RETAIN.toMillis()) / 1000));
        return m;
    }

    private static String text(Map<String, AttributeValue> item, String field) {
        AttributeValue v = item == null ? null : item.get(field);
        return v == null ? null : v.s();
    }

    private static int number(Map<String, AttributeValue> item, String field) {
        AttributeValue v = item == null ? null : item.get(field);
        return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    private static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }
}
