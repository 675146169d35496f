package io.trailsentry.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Estimates a JSON tree's serialised size, stopping as soon as it passes a cap. */
final class SizeEstimate {
    private final long cap;
    private long size;

    SizeEstimate(long cap) {
        this.cap = cap;
    }

    boolean exceeds(JsonNode node) {
        add(node);
        return size > cap;
    }

    private void add(JsonNode n) {
        if (size > cap) {
            return;
        }
        if (n.isObject()) {
            size += 2;
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext() && size <= cap) {
                Map.Entry<String, JsonNode> e = it.next();
                size += e.getKey().length() + 4;
                add(e.getValue());
            }
        } else if (n.isArray()) {
            size += 2;
            for (JsonNode item : n) {
                if (size > cap) {
                    return;
                }
                size += 1;
                add(item);
            }
        } else if (n.isTextual()) {
            size += n.asText().length() + 2;
        } else {
            size += 8;
        }
    }
}
