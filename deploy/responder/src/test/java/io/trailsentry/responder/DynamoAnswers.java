package io.trailsentry.responder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stand-in's DynamoDB: PutItem with the ledger's claim condition evaluated on the stored item
 * (ALL_OLD return values on success and on a failed condition, as DynamoDB sends them), and
 * GetItem.
 */
final class DynamoAnswers {
    final Map<String, ObjectNode> ledger = new ConcurrentHashMap<>();

    /** PutItem with the ledger's claim condition, and GetItem. */
    String[] answer(AwsStandIn.Call c, JsonNode req) {
        if (c.operation.equals("GetItem")) {
            ObjectNode item = ledger.get(req.at("/Key/pk/S").asText());
            ObjectNode out = JsonAnswers.JSON.createObjectNode();
            if (item != null) {
                out.set("Item", item);
            }
            return JsonAnswers.ok(out);
        }
        if (!c.operation.equals("PutItem")) {
            return new String[] {
                "400",
                "{\"__type\":\"ValidationException\",\"message\":\"stand-in supports PutItem and GetItem\"}"
            };
        }
        ObjectNode item = (ObjectNode) req.get("Item");
        String pk = item.at("/pk/S").asText();
        ObjectNode old = ledger.get(pk);
        if (req.has("ConditionExpression")
                && old != null
                && !claimable(old, req.path("ExpressionAttributeValues"))) {
            ObjectNode err =
                    JsonAnswers.JSON
                            .createObjectNode()
                            .put(
                                    "__type",
                                    "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException")
                            .put("message", "The conditional request failed");
            if ("ALL_OLD".equals(req.path("ReturnValuesOnConditionCheckFailure").asText())) {
                err.set("Item", old);
            }
            return new String[] {"400", err.toString()};
        }
        ledger.put(pk, item);
        ObjectNode out = JsonAnswers.JSON.createObjectNode();
        if (old != null && "ALL_OLD".equals(req.path("ReturnValues").asText())) {
            out.set("Attributes", old);
        }
        return JsonAnswers.ok(out);
    }

    /** The ledger's condition (DynamoDbLedger.CLAIMABLE) on the stored item. */
    static boolean claimable(JsonNode old, JsonNode v) {
        String status = old.at("/status/S").asText();
        if (status.equals("failed")) {
            return true;
        }
        if (!status.equals("claimed")) {
            return false;
        }
        if (!old.has("lease")) {
            return old.at("/at/N").asLong() < v.at("/:stale/N").asLong();
        }
        return old.at("/lease/N").asLong() < v.at("/:now/N").asLong()
                || old.at("/owner/S").asText().equals(v.at("/:me/S").asText());
    }

    Map<String, String> ledgerItem(String pk) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        ObjectNode item = ledger.get(pk);
        if (item != null) {
            item.fields()
                    .forEachRemaining(
                            e -> out.put(e.getKey(), e.getValue().elements().next().asText()));
        }
        return out;
    }

    void leaveClaim(String pk, String owner, long at, long lease) {
        ObjectNode item = JsonAnswers.JSON.createObjectNode();
        item.putObject("pk").put("S", pk);
        item.putObject("status").put("S", "claimed");
        item.putObject("owner").put("S", owner);
        item.putObject("at").put("N", Long.toString(at));
        item.putObject("lease").put("N", Long.toString(lease));
        ledger.put(pk, item);
    }
}
