package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.EventKeys;
import io.trailsentry.profile.Profile;
import io.trailsentry.profile.ProfileLearner;
import java.util.ArrayList;
import java.util.List;

/**
 * What every rule sees for one event: the event, the principal's baseline before it, the policy.
 */
public final class RuleContext {

    public final RulePolicy policy;
    public final BaselinePolicy baseline;
    public CloudTrailEvent event;
    public Profile profile;

    /** Keys of the current event, computed once. */
    public final EventKeys keys = new EventKeys();

    /** Signals of the current event; flushed once every rule has finished with them. */
    final List<Signal> pending = new ArrayList<>();

    public RuleContext(RulePolicy policy, BaselinePolicy baseline) {
        this.policy = policy;
        this.baseline = baseline;
    }

    public long day() {
        return Math.floorDiv(event.eventTime, ProfileLearner.DAY_MS);
    }

    /** Enough history that novelty means something. */
    public boolean mature() {
        return baseline.matured(profile);
    }

    /** Whether the principal did this class of action on an earlier day. */
    public boolean routine(ActionClass actionClass) {
        String prefix = actionClass.key + "@";
        long today = day();
        for (String k : profile.routines.keys) {
            if (k.startsWith(prefix) && Long.parseLong(k.substring(prefix.length())) < today) {
                return true;
            }
        }
        return false;
    }

    /**
     * Emits a signal of {@code d} for the current event. Callers may refine it (type, severity,
     * routine) before the rules finish: nothing is handed to Flink until then.
     */
    public Signal emit(Detection d, String summary, String... resources) {
        Signal s = Signal.of(d, event, event.principal, summary, resources);
        pending.add(s);
        return s;
    }

    /**
     * Emits a signal that is routine when the principal showed {@code actionClass} on earlier days,
     * and remembers that it showed it today.
     */
    public Signal emitFor(
            ActionClass actionClass, Detection d, String summary, String... resources) {
        Signal s = Signal.of(d, event, event.principal, summary, resources);
        if (routine(actionClass)) {
            s.asRoutine();
            s.summary = s.summary + " (routine for this principal)";
        }
        profile.routines.add(
                actionClass.key + "@" + day(),
                event.eventTime,
                baseline.baselineHalfLifeMs,
                ProfileLearner.ROUTINES);
        pending.add(s);
        return s;
    }
}
