package io.trailsentry.sequence;

import io.trailsentry.detect.Signal;
import java.util.Comparator;
import org.apache.flink.cep.EventComparator;

/** Orders signals with equal timestamps deterministically: by event id, then detection id. */
public final class SignalOrder implements EventComparator<Signal> {
    private static final long serialVersionUID = 1L;
    public static final Comparator<Signal> ORDER =
            Comparator.comparingLong((Signal s) -> s.eventTime)
                    .thenComparing(s -> s.eventId == null ? "" : s.eventId)
                    .thenComparing(s -> s.detectionId);

    @Override
    public int compare(Signal a, Signal b) {
        return ORDER.compare(a, b);
    }
}
