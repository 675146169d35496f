package io.trailsentry.flink;

import io.trailsentry.detect.DetectionPolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.finding.Finding;
import io.trailsentry.incident.Incident;
import io.trailsentry.incident.IncidentCorrelator;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One open incident per principal. Emits a finding when the incident opens and each time it
 * escalates; an event-time timer closes the incident and frees its state once it has been idle for
 * the policy's close time.
 */
public class IncidentFunction extends KeyedProcessFunction<String, Signal, Finding> {
    private static final long serialVersionUID = 1L;

    private final DetectionPolicy policy;
    private final Duration idleTtl;

    private transient IncidentCorrelator correlator;
    private transient ValueState<Incident> open;
    private transient Counter findings;
    private transient Counter closed;

    public IncidentFunction(DetectionPolicy policy, Duration idleTtl) {
        this.policy = policy;
        this.idleTtl = idleTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        correlator = new IncidentCorrelator(policy);
        open = getRuntimeContext().getState(Descriptors.openIncident(idleTtl));
        var group = getRuntimeContext().getMetricGroup().addGroup("trailsentry");
        findings = group.counter("findingsEmitted");
        closed = group.counter("incidentsClosed");
    }

    @Override
    public void processElement(Signal s, Context ctx, Collector<Finding> out) throws Exception {
        Incident inc = open.value();
        if (inc != null && correlator.isClosedAt(inc, s.eventTime)) {
            // Decided by event time, not by whether the close timer has fired yet: a stalled or
            // jumping watermark (fast replays, idle splits) must not merge or split incidents.
            closed.inc();
            inc = null;
        }
        if (inc == null) {
            inc = IncidentCorrelator.open(s);
        }
        Finding f = correlator.add(inc, s);
        long closeAt = inc.lastSeen + policy.incidentIdleCloseMs;
        if (closeAt != inc.closeAt) {
            if (inc.closeAt != 0) {
                ctx.timerService().deleteEventTimeTimer(inc.closeAt);
            }
            ctx.timerService().registerEventTimeTimer(closeAt);
            inc.closeAt = closeAt;
        }
        open.update(inc);
        if (f != null) {
            findings.inc();
            out.collect(f);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out)
            throws Exception {
        Incident inc = open.value();
        if (inc != null && timestamp >= inc.closeAt) {
            open.clear();
            closed.inc();
        }
    }
}
