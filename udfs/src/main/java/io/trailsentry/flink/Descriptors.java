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

    /** Identity lineage's hand-offs, for the further hops ({@link LineageRelay}). */
    public static final OutputTag<Signal> HAND_OFFS =
            new OutputTag<>("lineage-hand-offs", TypeInformation.of(Signal.class));

    /** Identity lineage's copies for a parent's incident, for the further hops. */
    public static final OutputTag<Signal> LINEAGE_COPIES =
            new OutputTag<>("lineage-copies", TypeInformation.of(Signal.class));

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
        d.enableTimeToLive(ttlWithoutIncrementalCleanup(idleTtl));
        return d;
    }

    /**
     * Population records waiting for the watermark (operator memory, written at checkpoints as
     * union list state: on restore the subtask owning the organisation's key takes them).
     */
    public static ListStateDescriptor<PopulationRecord> populationWaiting() {
        return new ListStateDescriptor<>(
                "population-waiting", TypeInformation.of(PopulationRecord.class));
    }

    /**
     * Population records waiting for the watermark, by event time, as an earlier release kept them
     * (each list drained by its own timer): read where those timers fire.
     */
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
     * The model shards' closed feature windows waiting for the watermark (operator memory, written
     * at checkpoints as union list state: on restore each subtask takes its shards' windows).
     */
    public static ListStateDescriptor<FeatureVector> scorerWaiting() {
        return new ListStateDescriptor<>(
                "scorer-waiting-windows", TypeInformation.of(FeatureVector.class));
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

    /** A further lineage hop's copy of who handed an identity its access ({@link LineageRelay}). */
    public static ValueStateDescriptor<Lineage> relayedLineage(Duration memory) {
        ValueStateDescriptor<Lineage> d =
                new ValueStateDescriptor<>(
                        "identity-lineage-relayed", TypeInformation.of(Lineage.class));
        d.enableTimeToLive(ttl(memory));
        return d;
    }

    /** A further lineage hop's hand-offs and copies waiting for the watermark. */
    public static ValueStateDescriptor<List<Signal>> relayWaiting() {
        return new ValueStateDescriptor<>(
                "lineage-relay-waiting", Types.LIST(TypeInformation.of(Signal.class)));
    }

    /** Signals waiting for the watermark so lineage is decided in event-time order. */
    public static MapStateDescriptor<Long, List<Signal>> pendingLineage() {
        return new MapStateDescriptor<>(
                "lineage-pending", Types.LONG, Types.LIST(TypeInformation.of(Signal.class)));
    }

    /**
     * Signals waiting for the watermark, as an earlier release kept them: a list per event time,
     * keyed by the time, each drained by its own timer. Read where those timers fire.
     */
    public static MapStateDescriptor<Long, List<Signal>> pendingSignals() {
        return new MapStateDescriptor<>(
                "pending-signals", Types.LONG, Types.LIST(TypeInformation.of(Signal.class)));
    }

    /**
     * The incident operator's marker (union list state, one entry per subtask): whether keyed state
     * of a release before {@link #waitingSignals} may still be present.
     */
    public static ListStateDescriptor<Boolean> incidentLayout() {
        return new ListStateDescriptor<>("incident-legacy-layout", Types.BOOLEAN);
    }

    /**
     * Whether the incident operator's keyed waiting lists ({@link #waitingSignals}) may hold
     * signals: 2 when restored from a release that kept them there (then carried by every later
     * checkpoint), 3 when every waiting signal is in memory ({@link #incidentWaiting}).
     */
    public static ListStateDescriptor<Integer> incidentWaitingLayout() {
        return new ListStateDescriptor<>("incident-waiting-layout", Types.INT);
    }

    /**
     * Signals waiting for the watermark in the incident operator's memory, written at checkpoints
     * as union list state: on restore each subtask takes those of the incidents it owns.
     */
    public static ListStateDescriptor<Signal> incidentWaiting() {
        return new ListStateDescriptor<>(
                "incident-waiting-signals", TypeInformation.of(Signal.class));
    }

    /**
     * Signals waiting for the watermark so the correlator sees them in event-time order, as an
     * earlier release kept them (one list per incident): drained where its timers fire.
     */
    public static ValueStateDescriptor<List<Signal>> waitingSignals() {
        return new ValueStateDescriptor<>(
                "waiting-signals", Types.LIST(TypeInformation.of(Signal.class)));
    }

    /**
     * Processing-time TTL, refreshed on every write, never returning expired values. Cleanup is
     * incremental (heap) or by compaction (RocksDB): TTL is not assumed to clean eagerly. The heap
     * backend's incremental cleanup visits {@link #CLEANUP_PER_ACCESS} entries at every state
     * access (Flink's default is 5): at 10 the walk over sparse state tables was a quarter of the
     * orderer's CPU on a first start of 20,000 principals.
     */
    static StateTtlConfig ttl(Duration idle) {
        return StateTtlConfig.newBuilder(idle)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(CLEANUP_PER_ACCESS, false)
                .cleanupInRocksdbCompactFilter(1000)
                .build();
    }

    static final int CLEANUP_PER_ACCESS = 2;

    /**
     * The same TTL without the heap backend's incremental cleanup, for map state held under one
     * key: there the cleanup's visit of the key's entry checks, and copies, every entry of the map
     * at each access (the organisation's account populations: one copy of every account's 2 KiB at
     * each record). Expired entries are never returned and are dropped on RocksDB by compaction; on
     * the heap they stay until read, bounded by the organisation's accounts.
     */
    static StateTtlConfig ttlWithoutIncrementalCleanup(Duration idle) {
        return StateTtlConfig.newBuilder(idle)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .disableCleanupInBackground() // else the heap backend cleans incrementally anyway
                .cleanupInRocksdbCompactFilter(1000)
                .build();
    }
}
