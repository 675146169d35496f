package io.trailsentry.detect;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.principal.Principal;
import io.trailsentry.util.Text;
import java.util.Arrays;
import java.util.Objects;

/**
 * One piece of evidence that a principal behaved suspiciously: which detection fired, on which
 * event, naming which resources. Signals from every detector meet in the incident correlator.
 */
public class Signal {
    /** Summaries carry attacker-controlled names: sanitised and bounded where they are made. */
    public static final int MAX_SUMMARY = 512;

    /** Bounds of the call's error code and message (attacker-influenced through the request). */
    public static final int MAX_ERROR_CODE = 64;

    public static final int MAX_ERROR_MESSAGE = 256;

    public Principal principal;
    public String detectionId;

    /** {@link Category#number}. */
    public int category;

    /** {@link Severity#id} this signal contributes on its own. */
    public int severity;

    public long eventTime;
    public String eventId;
    public String eventName;
    public String eventSource;
    public String region;
    public String sourceIp;
    public String userAgent;
    public String accessKeyId;

    /** CloudTrail's {@code errorCode} of the call (a DryRun answer, a denial), else null. */
    public String errorCode;

    /** CloudTrail's {@code errorMessage}, printable and bounded, else null. */
    public String errorMessage;

    /** One line saying what was seen, bounded. */
    public String summary;

    /** Resources the evidence ties to the principal (instance ids, group names...), bounded. */
    public String[] resources;

    /** What {@link #resources} are: a {@link ResourceType#key} (instance, ecs-cluster...). */
    public String resourceType;

    /**
     * How the event ties {@link #resources} to the principal: {@link Provenance#CREATED} when this
     * successful call made them (its response names them and they did not exist before), else null
     * (modified or used): a response may reverse the change but never delete them.
     */
    public String provenance;

    /**
     * Set while the signal waits for its population's judgement (cold start, see {@code
     * detect.population.PopulationModel#judge}): what the population is asked, e.g. an {@code
     * ActionClass} key, {@code scale:<vcpus>:<gpus>} or {@code share:<account>,...}. Null for every
     * other signal and once judged.
     */
    public String population;

    /** The ECS cluster (a name) of ECS services and tasks in {@link #resources}, or null. */
    public String parent;

    /**
     * Made from other signals (a sequence): its resources were named, with their own region and
     * provenance, by the signals it was made from, and it is placed at the last one's region.
     */
    public boolean derived;

    /**
     * True when the principal's baseline makes this behaviour ordinary, or the signal is too weak
     * to count alone: kept as evidence and response targets, not counted towards compression.
     */
    public boolean routine;

    /**
     * The identity this call handed access to (a role session it assumed, a user it created or gave
     * a key or password to): what that identity does later joins this principal's incident.
     */
    public Principal linked;

    /**
     * For a linked identity's signal copied to the incident of the principal that handed it access:
     * that principal's incident key (see {@link Principal#incidentKey}); null otherwise.
     */
    public String route;

    /**
     * The severity id this signal would have had had the principal's baseline been mature (0: not
     * lowered for immaturity). An identity a suspicious principal created or assumed gets no free
     * pass from its empty baseline: its copy in that principal's incident counts at this severity.
     */
    public int matureSeverity;

    /** Lowers the signal to {@code lowered} (or routine, when null): the baseline is immature. */
    public Signal immature(Severity lowered) {
        matureSeverity = severity;
        if (lowered == null) {
            asRoutine();
        } else {
            severity(lowered);
        }
        summary = summary + " (baseline still immature)";
        return this;
    }

    public Signal() {}

    public static Signal of(
            Detection d, CloudTrailEvent e, Principal p, String summary, String... resources) {
        Signal s = detection(d, p, summary, resources);
        s.eventTime = e.eventTime;
        s.eventId = e.eventId;
        s.eventName = e.eventName;
        s.eventSource = e.eventSource;
        s.region = e.awsRegion;
        s.sourceIp = e.sourceIpAddress;
        s.userAgent = e.userAgent;
        s.accessKeyId = e.accessKeyId();
        s.errorCode = Text.printable(e.errorCode, MAX_ERROR_CODE);
        s.errorMessage = Text.printable(e.errorMessage, MAX_ERROR_MESSAGE);
        return s;
    }

    /** A signal of {@code d} derived from other signals (a sequence), placed at {@code last}. */
    public static Signal derived(Detection d, Signal last, String summary, String... resources) {
        Signal s = detection(d, last.principal, summary, resources);
        s.derived = true;
        s.eventTime = last.eventTime;
        s.eventId = last.eventId;
        s.eventName = last.eventName;
        s.eventSource = last.eventSource;
        s.region = last.region;
        s.sourceIp = last.sourceIp;
        s.userAgent = last.userAgent;
        s.accessKeyId = last.accessKeyId;
        s.errorCode = last.errorCode;
        s.errorMessage = last.errorMessage;
        return s;
    }

    /**
     * A signal of {@code d} about {@code p}, not yet placed at an event: the detection's category
     * and default severity, and the summary sanitised and bounded (it carries attacker-controlled
     * names).
     */
    public static Signal detection(Detection d, Principal p, String summary, String... resources) {
        Signal s = new Signal();
        s.principal = p;
        s.detectionId = d.id;
        s.category = d.category.number;
        s.severity = d.severity.id;
        s.summary = Text.printable(summary, MAX_SUMMARY);
        s.resources = resources.length == 0 ? null : resources;
        return s;
    }

    /**
     * A copy of the detection, its event and its evidence (resources, provenance, routine mark);
     * not what routes it (lineage, population questions, the immaturity it was lowered for).
     */
    public Signal copy() {
        Signal c = new Signal();
        c.principal = principal;
        c.detectionId = detectionId;
        c.category = category;
        c.severity = severity;
        c.eventTime = eventTime;
        c.eventId = eventId;
        c.eventName = eventName;
        c.eventSource = eventSource;
        c.region = region;
        c.sourceIp = sourceIp;
        c.userAgent = userAgent;
        c.accessKeyId = accessKeyId;
        c.errorCode = errorCode;
        c.errorMessage = errorMessage;
        c.summary = summary;
        c.resources = resources;
        c.resourceType = resourceType;
        c.provenance = provenance;
        c.parent = parent;
        c.derived = derived;
        c.routine = routine;
        return c;
    }

    /** Marks the resources as being of {@code type}. */
    public Signal on(ResourceType type) {
        this.resourceType = type.key;
        return this;
    }

    /** Marks the resources as created by this event (see {@link #provenance}). */
    public Signal created() {
        this.provenance = Provenance.CREATED;
        return this;
    }

    /** Sets this signal's severity contribution. */
    public Signal severity(Severity s) {
        this.severity = s.id;
        return this;
    }

    /** Marks the signal routine for this principal, one severity step lower. */
    public Signal asRoutine() {
        this.routine = true;
        this.severity = Math.max(Severity.INFO.id, severity - 1);
        return this;
    }

    public boolean counted() {
        return !routine && category > 0;
    }

    public String principalKey() {
        return principal.key;
    }

    /** The incident this signal goes to: its principal's, or the one it was routed to. */
    public String incidentKey() {
        return route != null ? route : principal.incidentKey();
    }

    /** The key identity lineage is kept under: the linked identity's, else the principal's. */
    public String lineageKey() {
        return linked != null ? linked.incidentKey() : principal.incidentKey();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Signal)) {
            return false;
        }
        Signal s = (Signal) o;
        return category == s.category
                && severity == s.severity
                && eventTime == s.eventTime
                && Objects.equals(principal, s.principal)
                && Objects.equals(detectionId, s.detectionId)
                && Objects.equals(eventId, s.eventId)
                && routine == s.routine
                && Objects.equals(summary, s.summary)
                && Objects.equals(resourceType, s.resourceType)
                && Objects.equals(provenance, s.provenance)
                && Objects.equals(parent, s.parent)
                && derived == s.derived
                && Objects.equals(linked, s.linked)
                && Objects.equals(route, s.route)
                && matureSeverity == s.matureSeverity
                && Arrays.equals(resources, s.resources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(detectionId, eventId);
    }

    @Override
    public String toString() {
        return detectionId + "@" + eventTime + " " + summary;
    }
}
