package io.trailsentry.cloudtrail;

import java.util.ArrayList;
import java.util.List;

/** A {@link DecodeSink} that keeps everything, for assertions. */
public final class CollectingSink implements DecodeSink {
    public final List<CloudTrailEvent> events = new ArrayList<>();
    public final List<DeadLetter> deadLetters = new ArrayList<>();
    public int controls;
    public int skipped;

    @Override
    public void event(CloudTrailEvent event) {
        events.add(event);
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }

    @Override
    public void control() {
        controls++;
    }

    @Override
    public void skipped() {
        skipped++;
    }

    public static CollectingSink decode(CloudTrailDecoder decoder, byte[] data) {
        CollectingSink sink = new CollectingSink();
        decoder.decode(data, "test", sink);
        return sink;
    }
}
