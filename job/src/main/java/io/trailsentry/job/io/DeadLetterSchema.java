package io.trailsentry.job.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.cloudtrail.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** A dead letter as one JSON object: reason, detail, origin, excerpt, rejected_at. */
public class DeadLetterSchema implements SerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public byte[] serialize(DeadLetter d) {
        return toJson(d).getBytes(StandardCharsets.UTF_8);
    }

    public static String toJson(DeadLetter d) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("reason", d.reason);
        o.put("detail", d.detail);
        o.put("origin", d.origin);
        o.put("excerpt", d.excerpt);
        o.put("rejected_at", d.rejectedAt);
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
