package io.trailsentry.flink;

import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.population.AccountPopulation;
import io.trailsentry.detect.population.PopulationModel;
import io.trailsentry.detect.population.PopulationRecord;
import io.trailsentry.profile.HourSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The principals' populations (cold start, see {@link PopulationModel}): learns hour summaries and
 * answers the signals the rules left to the population, releasing them to sequences and incidents.
 * Keyed by {@link PopulationRecord#ORGANISATION}: one key holds every account's population (a map
 * entry each, expiring with the idle TTL) and the organisation's. Its input is a few records per
 * principal-hour, not the event stream.
 *
 * <p>Records wait for the watermark (an event-time timer at their time) and are handled in {@link
 * PopulationRecord#ORDER}, so the same input gives the same answers at any parallelism and however
 * delivery interleaved the profiler's subtasks. Released signals keep their event time.
 */
public class PopulationFunction extends KeyedProcessFunction<String, PopulationRecord, Signal> {
    private static final long serialVersionUID = 1L;

    /** The organisation's own entry in the accounts map. */
    static final String ORGANISATION = "*";

    private final RulePolicy policy;
    private final Duration idleTtl;

    private transient PopulationModel model;
    private transient MapState<String, AccountPopulation> accounts;
    private transient MapState<Long, List<PopulationRecord>> pending;
    private transient Counter outliers;
    private transient Counter judged;

    public PopulationFunction(RulePolicy policy, Duration idleTtl) {
        this.policy = policy;
        this.idleTtl = idleTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        model = new PopulationModel(policy);
        accounts = getRuntimeContext().getMapState(Descriptors.populations(idleTtl));
        pending = getRuntimeContext().getMapState(Descriptors.populationPending());
        outliers =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("trailsentry")
                        .counter("populationOutliers");
        judged =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("trailsentry")
                        .counter("populationJudged");
    }

    @Override
    public void processElement(PopulationRecord r, Context ctx, Collector<Signal> out)
            throws Exception {
        long t = r.time();
        List<PopulationRecord> due = pending.get(t);
        if (due == null) {
            due = new ArrayList<>();
        }
        due.add(r);
        pending.put(t, due);
        ctx.timerService().registerEventTimeTimer(t);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out)
            throws Exception {
        List<PopulationRecord> due = pending.get(timestamp);
        if (due == null) {
            return;
        }
        pending.remove(timestamp);
        due.sort(PopulationRecord.ORDER);
        AccountPopulation org = population(ORGANISATION);
        for (PopulationRecord r : due) {
            if (r.summary != null) {
                HourSummary s = r.summary;
                String id = s.account();
                if (id == null) {
                    continue;
                }
                AccountPopulation account = population(id);
                Signal outlier = model.observe(s, account, org);
                accounts.put(id, account);
                if (s.deliveredBy != null && !ORGANISATION.equals(s.deliveredBy)) {
                    AccountPopulation delivering =
                            s.deliveredBy.equals(id) ? account : population(s.deliveredBy);
                    if (!delivering.delivers) {
                        delivering.delivers = true;
                        accounts.put(s.deliveredBy, delivering);
                    }
                }
                if (outlier != null) {
                    outliers.inc();
                    out.collect(outlier);
                }
            } else {
                Signal s = r.held;
                String id = s.principal == null ? null : s.principal.accountId;
                AccountPopulation account =
                        id == null ? AccountPopulation.of(null) : population(id);
                judged.inc();
                out.collect(model.judge(s, account, org, this::delivers));
            }
        }
        accounts.put(ORGANISATION, org);
    }

    private AccountPopulation population(String id) throws Exception {
        AccountPopulation p = accounts.get(id);
        return p == null ? AccountPopulation.of(id) : p;
    }

    private boolean delivers(String account) {
        try {
            AccountPopulation p = ORGANISATION.equals(account) ? null : accounts.get(account);
            return p != null && p.delivers;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
