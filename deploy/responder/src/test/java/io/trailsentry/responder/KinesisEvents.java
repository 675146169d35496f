package io.trailsentry.responder;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Lambda {@link KinesisEvent}s as the event source mapping delivers them. */
public final class KinesisEvents {
    public static final String STREAM_ARN =
            "arn:aws:kinesis:us-east-1:111122223333:stream/trailsentry-findings";

    private KinesisEvents() {}

    /** One record per payload, sequence numbers "1", "2", ... */
    public static KinesisEvent of(byte[]... payloads) {
        List<String> seq = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            seq.add(Integer.toString(i + 1));
        }
        return of(seq, List.of(payloads));
    }

    public static KinesisEvent of(List<String> sequenceNumbers, List<byte[]> payloads) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            KinesisEvent.Record k = new KinesisEvent.Record();
            k.setData(ByteBuffer.wrap(payloads.get(i)));
            k.setSequenceNumber(sequenceNumbers.get(i));
            k.setPartitionKey("principal");
            KinesisEvent.KinesisEventRecord r = new KinesisEvent.KinesisEventRecord();
            r.setKinesis(k);
            r.setEventSource("aws:kinesis");
            r.setEventSourceARN(STREAM_ARN);
            records.add(r);
        }
        KinesisEvent e = new KinesisEvent();
        e.setRecords(records);
        return e;
    }

    public static byte[] resource(String name) {
        try (InputStream in = KinesisEvents.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
