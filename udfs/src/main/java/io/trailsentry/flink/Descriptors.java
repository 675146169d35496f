package io.trailsentry.flink;

import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.RecentEventIds;
import io.trailsentry.detect.BurstTracker;
import io.trailsentry.incident.Incident;
import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The one home of state descriptors, their TTL, and side-output tags. */
public final class Descriptors {
    /** Input that could not be decoded, with its reason. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private Descriptors() {}

    /** Recent event-id hashes of a principal, for de-duplication. */
    public static ValueStateDescriptor<RecentEventIds> recentEventIds(Duration idleTtl) {
        ValueStateDescriptor<RecentEventIds> d =
                new ValueStateDescriptor<>(
                        "recent-event-ids", TypeInformation.of(RecentEventIds.class));
        d.enableTimeToLive(ttl(idleTtl));
        return d;
    }

    /** ECS CreateCluster burst tracking of a principal. */
    public static ValueStateDescriptor<BurstTracker> ecsClusterBurst(Duration idleTtl) {
        ValueStateDescriptor<BurstTracker> d =
                new ValueStateDescriptor<>(
                        "ecs-cluster-burst", TypeInformation.of(BurstTracker.class));
        d.enableTimeToLive(ttl(idleTtl));
        return d;
    }

    /**
     * The open incident of a principal. Freed by an event-time timer when it goes idle; the TTL is
     * a backstop for keys whose watermark never advances.
     */
    public static ValueStateDescriptor<Incident> openIncident(Duration idleTtl) {
        ValueStateDescriptor<Incident> d =
                new ValueStateDescriptor<>("open-incident", TypeInformation.of(Incident.class));
        d.enableTimeToLive(ttl(idleTtl));
        return d;
    }

    /**
     * Processing-time TTL, refreshed on every write, never returning expired values. Cleanup is
     * incremental (heap) or by compaction (RocksDB): TTL is not assumed to clean eagerly.
     */
    static StateTtlConfig ttl(Duration idle) {
        return StateTtlConfig.newBuilder(idle)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(10, false)
                .cleanupInRocksdbCompactFilter(1000)
                .build();
    }
}
