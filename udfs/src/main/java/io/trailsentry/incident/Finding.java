package io.trailsentry.incident;

import io.trailsentry.principal.Principal;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the correlator emits when an incident opens or escalates. Rendered as an OCSF Detection
 * Finding by {@link OcsfWriter}; {@link #uid} is the same for every version of one incident.
 */
public class Finding {
    public String uid;
    public int version;

    /**
     * Event time of the event that opened or escalated the incident, epoch millis; for the Close
     * finding, the time the idle incident closed.
     */
    public long time;

    /** Event time of the incident's first finding: the same on every version. */
    public long createdTime;

    /** The incident closed (idle for {@link #idleCloseMs}): this is its last finding. */
    public boolean closed;

    /** How long the incident had been idle when it closed, millis (Close findings only). */
    public long idleCloseMs;

    public int severityId;
    public String title;

    /** The plain-language explanation: categories, evidence, baseline deviations. */
    public String why;

    public Principal principal;

    /** Identities the principal handed access to that joined the incident (identity lineage). */
    public Principal[] linked = new Principal[0];

    public String[] accessKeyIds;
    public String[] regions;

    /** Source IPs of the incident's counted signals (capped). */
    public String[] sourceIps = new String[0];

    /** Category numbers that fired in this incident, ascending. */
    public int[] categories;

    /** Category numbers active within the incident window at this emission. */
    public int[] activeCategories;

    /** Time from the first to the last evidence, millis: the time-compression measure. */
    public long spanMs;

    public long firstSeen;
    public long lastSeen;
    public Evidence[] evidence;

    /** Resources the evidence ties to the principal (what the response plan acts on). */
    public ResourceRef[] targets;

    public ResponseStep[] responsePlan;
    public String[] detectionIds;

    /** Policy suppressed this incident (allowlist, change window): reported at INFO. */
    public boolean suppressed;

    public String suppressionReason;

    /** The severity the incident would have without suppression. */
    public int unsuppressedSeverityId;

    /** The principal is on the never-act list: responders must only notify. */
    public boolean neverAct;

    /** The campaign sequence (enumeration, validation, impact) matched. */
    public boolean sequence;

    public Finding() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Finding)) {
            return false;
        }
        Finding f = (Finding) o;
        return version == f.version
                && time == f.time
                && closed == f.closed
                && severityId == f.severityId
                && Objects.equals(uid, f.uid)
                && Objects.equals(principal, f.principal)
                && Arrays.equals(categories, f.categories)
                && Arrays.equals(evidence, f.evidence)
                && Arrays.equals(responsePlan, f.responsePlan);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uid, version);
    }

    @Override
    public String toString() {
        return "Finding{" + uid + " v" + version + " sev=" + severityId + " " + principal + "}";
    }
}
