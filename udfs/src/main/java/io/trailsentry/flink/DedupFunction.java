package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RecentEventIds;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Drops events whose eventID the same principal produced recently (CloudTrail redelivery). */
public class DedupFunction extends KeyedProcessFunction<String, CloudTrailEvent, CloudTrailEvent> {
    private static final long serialVersionUID = 1L;

    private final int capacity;
    private final Duration idleTtl;

    private transient ValueState<RecentEventIds> recent;
    private transient Counter duplicates;

    public DedupFunction(int capacity, Duration idleTtl) {
        this.capacity = capacity;
        this.idleTtl = idleTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        recent = getRuntimeContext().getState(Descriptors.recentEventIds(idleTtl));
        duplicates =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("trailsentry")
                        .counter("duplicateEvents");
    }

    @Override
    public void processElement(CloudTrailEvent e, Context ctx, Collector<CloudTrailEvent> out)
            throws Exception {
        RecentEventIds ids = recent.value();
        if (ids == null) {
            ids = new RecentEventIds();
        }
        if (ids.seenBefore(e.eventId, capacity)) {
            duplicates.inc();
            return;
        }
        recent.update(ids);
        out.collect(e);
    }
}
