package io.trailsentry.flink;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.RecentEventIds;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.population.AccountPopulation;
import io.trailsentry.detect.population.PopulationRecord;
import io.trailsentry.incident.Incident;
import io.trailsentry.incident.Lineage;
import io.trailsentry.profile.Profile;
import io.trailsentry.scorer.FeatureVector;
import io.trailsentry.scorer.FeatureWindow;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;

/** The one home of state descriptors, their TTL, and side-output tags. */
public final class Descriptors {
    /** Input that could not be decoded, with its reason. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Events that arrived behind the watermark: processed out of order, recorded here. */
    public static final OutputTag<DeadLetter> LATE_EVENTS =
            new OutputTag<>("late-events", TypeInformation.of(DeadLetter.class));

    /** Closed per-principal feature windows, for the anomaly scorer. */
    public static final OutputTag<FeatureVector> FEATURES =
            new OutputTag<>("feature-windows", TypeInformation.of(FeatureVector.class));

    /** Hour summaries and signals waiting for their population (cold start). */
    public static final OutputTag<PopulationRecord> POPULATION =
            new OutputTag<>("population", TypeInformation.of(PopulationRecord.class));

    private Descriptors() {}

    /**
     * Every account's population, and the organisation's under {@code *} (one entry each, expiring
     * with the idle TTL when an account goes quiet).
     */
    public static MapStateDescriptor<String, AccountPopulation> populations(Duration idleTtl) {
        MapStateDescriptor<String, AccountPopulation> d =
                new MapStateDescriptor<>(
                        "account-populations",
                        Types.STRING,
                        TypeInformation.of(AccountPopulation.class));
        d.enableTimeToLive(ttl(idleTtl));
        return d;
    }

    /** The population operator's earliest pending time (its one timer) and next entry number. */
    public static ValueStateDescriptor<OrderingStatus> populationStatus() {
        return new ValueStateDescriptor<>(
                "population-status", TypeInformation.of(OrderingStatus.class));
    }

    /** Population records waiting for the watermark, by event time. Emptied by timers. */
    public static MapStateDescriptor<Long, List<PopulationRecord>> populationPending() {
        return new MapStateDescriptor<>(
                "population-pending",
                Types.LONG,
                Types.LIST(TypeInformation.of(PopulationRecord.class)));
    }

    /**
     * The earlier scorer's per-instance models and waiting windows (union list state): read once
     * from an old savepoint, then cleared.
     */
    public static ListStateDescriptor<byte[]> isolationForest() {
        return new ListStateDescriptor<>(
                "isolation-forest", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    /** A model shard's isolation forest, serialised (keyed by shard). */
    public static ValueStateDescriptor<byte[]> scorerModel() {
        return new ValueStateDescriptor<>(
                "scorer-model", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    /**
     * A model shard's closed feature windows waiting for the watermark, as an earlier release kept
     * them (one list, read and rewritten at each window end): drained, then left empty.
     */
    public static ListStateDescriptor<FeatureVector> scorerPending() {
        return new ListStateDescriptor<>("scorer-pending", TypeInformation.of(FeatureVector.class));
    }

    /**
     * A model shard's closed feature windows waiting for the watermark (keyed by shard), one entry
     * per window keyed by {@code windowEnd << 20 | seq} with the sign bit set; emptied by the
     * shard's timer, so at most the windows closed within the lateness bound.
     */
    public static MapStateDescriptor<Long, FeatureVector> scorerWaiting() {
        return new MapStateDescriptor<>(
                "scorer-waiting", Types.LONG, TypeInformation.of(FeatureVector.class));
    }

    /** The earliest waiting window end of a model shard (its one timer) and the next entry. */
    public static ValueStateDescriptor<OrderingStatus> scorerWaitingStatus() {
        return new ValueStateDescriptor<>(
                "scorer-waiting-status", TypeInformation.of(OrderingStatus.class));
    }

    /**
     * Events of a principal waiting for the watermark, one entry per event keyed by {@code
     * eventTime << 20 | seq} with the sign bit set (an earlier release: one list per event time,
     * keyed by the time). Drained by the principal's timer: every entry the watermark has passed at
     * once.
     */
    public static MapStateDescriptor<Long, List<CloudTrailEvent>> orderingBuffer() {
        return new MapStateDescriptor<>(
                "ordering-buffer",
                Types.LONG,
                Types.LIST(TypeInformation.of(CloudTrailEvent.class)));
    }

    /**
     * How many events the ordering buffer held, in savepoints of earlier releases (which set a
     * timer per distinct event time): cleared when such a principal's buffer is first drained.
     */
    public static ValueStateDescriptor<Integer> bufferedCount() {
        return new ValueStateDescriptor<>("ordering-buffered", Types.INT);
    }

    /**
     * How many events the ordering buffer holds (its safety valve) and its earliest event time,
     * where the principal's one timer is. Cleared when the buffer empties.
     */
    public static ValueStateDescriptor<OrderingStatus> orderingStatus() {
        return new ValueStateDescriptor<>(
                "ordering-status", TypeInformation.of(OrderingStatus.class));
    }

    /** Recent event-id hashes of a principal, for de-duplication. */
    public static ValueStateDescriptor<RecentEventIds> recentEventIds(Duration idleTtl) {
        ValueStateDescriptor<RecentEventIds> d =
                new ValueStateDescriptor<>(
                        "recent-event-ids", TypeInformation.of(RecentEventIds.class));
        d.enableTimeToLive(ttl(idleTtl));
        return d;
    }

    /** A principal's behavioural baseline. */
    public static ValueStateDescriptor<Profile> profile(Duration idleTtl) {
        ValueStateDescriptor<Profile> d =
                new ValueStateDescriptor<>("principal-profile", TypeInformation.of(Profile.class));
        d.enableTimeToLive(ttl(idleTtl));
        return d;
    }

    /**
     * The anomaly scorer's open feature window of a principal: its own state, beside the baseline
     * (a savepoint of an earlier release held it inside the profile; that window is dropped on
     * restore, which costs one window of features).
     */
    public static ValueStateDescriptor<FeatureWindow> featureWindow(Duration idleTtl) {
        ValueStateDescriptor<FeatureWindow> d =
                new ValueStateDescriptor<>(
                        "feature-window", TypeInformation.of(FeatureWindow.class));
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
     * The principal's last closed incident, reduced to its categories and times (campaign memory;
     * expires with the principal's idle TTL).
     */
    public static ValueStateDescriptor<Incident> lastClosedIncident(Duration idleTtl) {
        ValueStateDescriptor<Incident> d =
                new ValueStateDescriptor<>(
                        "last-closed-incident", TypeInformation.of(Incident.class));
        d.enableTimeToLive(ttl(idleTtl));
        return d;
    }

    /**
     * Who handed this identity its access (identity lineage), for as long as the hand-off joins the
     * identity to its parent's incident.
     */
    public static ValueStateDescriptor<Lineage> lineage(Duration memory) {
        ValueStateDescriptor<Lineage> d =
                new ValueStateDescriptor<>("identity-lineage", TypeInformation.of(Lineage.class));
        d.enableTimeToLive(ttl(memory));
        return d;
    }

    /** Signals waiting for the watermark so lineage is decided in event-time order. */
    public static MapStateDescriptor<Long, List<Signal>> pendingLineage() {
        return new MapStateDescriptor<>(
                "lineage-pending", Types.LONG, Types.LIST(TypeInformation.of(Signal.class)));
    }

    /**
     * Signals waiting for the watermark so the correlator sees them in event-time order: one entry
     * per signal keyed by {@code eventTime << 20 | seq} with the sign bit set (an earlier release:
     * a list per event time, keyed by the time).
     */
    public static MapStateDescriptor<Long, List<Signal>> pendingSignals() {
        return new MapStateDescriptor<>(
                "pending-signals", Types.LONG, Types.LIST(TypeInformation.of(Signal.class)));
    }

    /** The earliest waiting signal of a principal's incident (its drain timer) and next entry. */
    public static ValueStateDescriptor<OrderingStatus> pendingSignalsStatus() {
        return new ValueStateDescriptor<>(
                "pending-signals-status", TypeInformation.of(OrderingStatus.class));
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
