package io.trailsentry.securityhub;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test findings: the detector's golden findings (testdata/contract, written by its tests) and
 * variations of them, delivered as the event source mapping delivers Kinesis records.
 */
final class Findings {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "111122223333";

    private Findings() {}

    /** {@code golden-finding-WHO.json}: a Close finding of a user's or a role's incident. */
    static ObjectNode golden(String who) {
        try {
            return (ObjectNode)
                    JSON.readTree(
                            Path.of(
                                            "..",
                                            "..",
                                            "testdata",
                                            "contract",
                                            "golden-finding-" + who + ".json")
                                    .toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden user finding as version {@code v} of incident {@code uid} at {@code time}. */
    static ObjectNode version(String uid, int v, long time, int activity) {
        ObjectNode f = golden("user");
        f.put("activity_id", activity);
        f.put("activity_name", new String[] {"", "Create", "Update", "Close"}[activity]);
        f.put("type_uid", 200400 + activity);
        f.put("time", time);
        f.put("status_id", activity == 3 ? 4 : 1);
        f.put("status", activity == 3 ? "Resolved" : "New");
        ((ObjectNode) f.get("finding_info")).put("uid", uid).put("modified_time", time);
        ((ObjectNode) f.get("metadata")).put("uid", uid + "-v" + v);
        ((ObjectNode) f.at("/unmapped/trailsentry")).put("finding_version", v);
        return f;
    }

    static byte[] bytes(ObjectNode f) {
        try {
            return JSON.writeValueAsBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One record per payload, sequence numbers "1", "2", ... */
    static KinesisEvent event(byte[]... payloads) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            KinesisEvent.Record k = new KinesisEvent.Record();
            k.setData(ByteBuffer.wrap(payloads[i]));
            k.setSequenceNumber(Integer.toString(i + 1));
            k.setPartitionKey("principal");
            KinesisEvent.KinesisEventRecord r = new KinesisEvent.KinesisEventRecord();
            r.setKinesis(k);
            r.setEventSource("aws:kinesis");
            records.add(r);
        }
        KinesisEvent e = new KinesisEvent();
        e.setRecords(records);
        return e;
    }

    static KinesisEvent event(List<ObjectNode> findings) {
        return event(findings.stream().map(Findings::bytes).toArray(byte[][]::new));
    }
}
