package io.trailsentry.incident;

import io.trailsentry.catalogue.Catalogue;
import io.trailsentry.cloudtrail.EcsNames;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Provenance;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.CreatedResources;
import io.trailsentry.detect.rules.RuleContext;
import io.trailsentry.sequence.CampaignSequence;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Folds a principal's signals, in event-time order, into its one open incident and decides when to
 * speak: a finding when the incident reaches the policy's minimum severity and each time it
 * escalates (higher severity or a new active category), never one per event. Pure logic; the Flink
 * function around it owns state, ordering and timers.
 */
public final class IncidentCorrelator {
    private final IncidentPolicy policy;
    private final Suppression suppression;

    public IncidentCorrelator(IncidentPolicy policy) {
        this.policy = policy;
        this.suppression = new Suppression(policy);
    }

    /** A new incident opened by {@code first}; call {@link #add} with the same signal next. */
    public static Incident open(Signal first) {
        Incident inc = new Incident();
        inc.principal = first.principal;
        inc.uid = uid(first.principal.key, first.eventId, first.eventTime);
        inc.firstSeen = first.eventTime;
        inc.lastSeen = first.eventTime;
        return inc;
    }

    /**
     * Carries {@code closed}'s categories into {@code next} when {@code next} opens within the
     * campaign memory of {@code closed}'s last signal.
     */
    public void remember(Incident closed, Incident next) {
        if (closed != null
                && closed.allCategories() != 0
                && next.firstSeen - closed.lastSeen <= policy.campaignMemoryMs) {
            next.carriedCategories = closed.allCategories() | closed.carriedCategories;
            next.carriedLastSeen = closed.lastSeen;
        }
    }

    /** Whether {@code inc} had been idle for the close time by {@code eventTime}. */
    public boolean isClosedAt(Incident inc, long eventTime) {
        return eventTime >= inc.lastSeen + policy.incidentIdleCloseMs;
    }

    /**
     * Adds {@code s} to {@code inc}; returns the finding to emit, or null when nothing escalated.
     */
    public Finding add(Incident inc, Signal s) {
        inc.firstSeen = Math.min(inc.firstSeen, s.eventTime);
        inc.lastSeen = Math.max(inc.lastSeen, s.eventTime);
        int targets = inc.targets.length;
        addTargets(inc, s);
        Evidence[] before = inc.evidence;
        if (!CreatedResources.DETECTION.id.equals(s.detectionId)) {
            inc.evidence = EvidenceList.add(inc.evidence, Evidence.of(s), Incident.MAX_EVIDENCE);
        }
        inc.dirty |= inc.version > 0 && (targets != inc.targets.length || before != inc.evidence);
        if (!s.counted()) {
            return update(inc, s.eventTime);
        }
        int c = s.category - 1;
        inc.fitCategories();
        inc.categoryLastSeen[c] = Math.max(inc.categoryLastSeen[c], s.eventTime);
        inc.categorySeverity[c] = Math.max(inc.categorySeverity[c], s.severity);
        inc.strongest = Math.max(inc.strongest, s.severity);
        inc.sequence |= CampaignSequence.DETECTION.id.equals(s.detectionId);
        inc.accessKeyIds = addCapped(inc.accessKeyIds, s.accessKeyId, Incident.MAX_KEYS);
        inc.regions = addCapped(inc.regions, s.region, Incident.MAX_KEYS);
        inc.sourceIps = addCapped(inc.sourceIps, s.sourceIp, Incident.MAX_KEYS);
        String why = suppression.reason(inc.principal, s.eventTime);
        if (why != null && !inc.suppressed) {
            inc.suppressed = true;
            inc.suppressionReason = why;
        }

        int active = inc.activeCategories(s.eventTime, policy.incidentWindowMs);
        Severity severity = SeverityModel.severity(inc, active);
        boolean newCategory = (active & ~inc.emittedCategories) != 0;
        boolean escalated = severity.id > inc.emittedSeverity;
        if (severity.id < policy.minFindingSeverity) {
            return null;
        }
        if (inc.version > 0 && !escalated && !newCategory) {
            return update(inc, s.eventTime);
        }
        inc.emittedSeverity = Math.max(inc.emittedSeverity, severity.id);
        inc.emittedCategories |= active;
        return emit(inc, s.eventTime, active);
    }

    /** A rate-limited update of a reported incident whose evidence or targets grew. */
    private Finding update(Incident inc, long time) {
        if (!inc.dirty || time - inc.emittedAt < policy.updateIntervalMs) {
            return null;
        }
        return emit(inc, time, inc.activeCategories(time, policy.incidentWindowMs));
    }

    /**
     * The last word on a closing incident: a Close finding, at the close time, with everything the
     * incident gathered, when it was ever reported; null for an incident that never reached the
     * minimum severity (it stays silent).
     */
    public Finding closing(Incident inc) {
        if (inc.version == 0) {
            return null;
        }
        long at = inc.closeAt > 0 ? inc.closeAt : inc.lastSeen + policy.incidentIdleCloseMs;
        Finding f = emit(inc, at, inc.activeCategories(inc.lastSeen, policy.incidentWindowMs));
        f.closed = true;
        f.idleCloseMs = policy.incidentIdleCloseMs;
        return f;
    }

    private Finding emit(Incident inc, long time, int active) {
        inc.version++;
        inc.emittedAt = time;
        if (inc.version == 1) {
            inc.reportedAt = time;
        }
        inc.dirty = false;
        return finding(inc, time, Severity.ofId(inc.emittedSeverity), active);
    }

    private Finding finding(Incident inc, long time, Severity severity, int active) {
        Finding f = new Finding();
        f.uid = inc.uid;
        f.version = inc.version;
        f.time = time;
        f.createdTime = inc.reportedAt;
        f.severityId = inc.suppressed ? Severity.INFO.id : severity.id;
        f.suppressed = inc.suppressed;
        f.suppressionReason = inc.suppressionReason;
        f.unsuppressedSeverityId = severity.id;
        f.neverAct = suppression.neverAct(inc.principal);
        f.sequence = inc.sequence;
        f.principal = inc.principal;
        f.linked = inc.linked.clone();
        f.accessKeyIds = inc.accessKeyIds.clone();
        f.regions = inc.regions.clone();
        f.sourceIps = inc.sourceIps == null ? new String[0] : inc.sourceIps.clone();
        f.categories = numbers(inc.allCategories());
        f.activeCategories = numbers(active);
        f.firstSeen = inc.firstSeen;
        f.lastSeen = inc.lastSeen;
        f.spanMs = inc.lastSeen - inc.firstSeen;
        f.evidence = inc.evidence.clone();
        f.targets = inc.targets.clone();
        f.detectionIds = detectionIds(inc.evidence);
        f.responsePlan = ResponsePlanner.plan(inc, linked -> !suppression.neverAct(linked));
        f.title = title(inc, severity, f.categories.length);
        f.why = Explanation.why(inc, f, policy);
        return f;
    }

    /**
     * Adds the resources {@code s} names, with how they are tied: created when the signal says its
     * call created them, else modified. A resource first seen modified and then created by the
     * principal (or the reverse) is created: the creating call is the stronger tie.
     */
    private static void addTargets(Incident inc, Signal s) {
        if (s.resources == null
                || s.resourceType == null
                || !ResourceType.ofKey(s.resourceType).targetable()
                || s.derived) {
            return;
        }
        boolean created = Provenance.CREATED.equals(s.provenance);
        List<ResourceRef> out = new ArrayList<>(Arrays.asList(inc.targets));
        for (String id : s.resources) {
            if (id == null || "?".equals(id) || RuleContext.UNKNOWN.equals(id)) {
                continue;
            }
            ResourceRef r =
                    new ResourceRef(
                            ResourceType.ofKey(s.resourceType),
                            id,
                            s.region,
                            created ? Provenance.CREATED : Provenance.MODIFIED,
                            s.eventName,
                            s.eventTime);
            r.parent = s.parent != null ? s.parent : parentOf(s.resourceType, id);
            int known = out.indexOf(r);
            if (known >= 0) {
                if (created && !out.get(known).created()) {
                    out.set(known, r);
                }
            } else if (out.size() < Incident.MAX_TARGETS) {
                out.add(r);
            }
        }
        inc.targets = out.toArray(new ResourceRef[0]);
    }

    /** The cluster of an ECS service id ({@code cluster/service}) or task ARN, else null. */
    private static String parentOf(String type, String id) {
        if (ResourceType.ECS_SERVICE.key.equals(type)) {
            int slash = id.indexOf('/');
            return slash < 0 ? null : id.substring(0, slash);
        }
        return ResourceType.ECS_TASK.key.equals(type) ? EcsNames.clusterOfTask(id) : null;
    }

    private static String title(Incident inc, Severity severity, int categories) {
        if (categories <= 1) {
            Detection d = Catalogue.byId(strongestDetection(inc));
            return d.title + " by " + inc.principal.shortName();
        }
        return "Possible stolen-credential abuse by "
                + inc.principal.shortName()
                + ": "
                + categories
                + " behaviour categories"
                + (severity.atLeast(Severity.HIGH) ? " in minutes" : "");
    }

    private static String strongestDetection(Incident inc) {
        Evidence best = inc.evidence[0];
        for (Evidence e : inc.evidence) {
            if (Catalogue.byId(e.detectionId).severity.id
                    > Catalogue.byId(best.detectionId).severity.id) {
                best = e;
            }
        }
        return best.detectionId;
    }

    private static String[] detectionIds(Evidence[] evidence) {
        Set<String> ids = new LinkedHashSet<>();
        for (Evidence e : evidence) {
            ids.add(e.detectionId);
        }
        return ids.toArray(new String[0]);
    }

    static int[] numbers(int mask) {
        List<Integer> out = new ArrayList<>();
        for (Category c : Category.values()) {
            if ((mask & c.bit()) != 0) {
                out.add(c.number);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String[] addCapped(String[] values, String v, int cap) {
        if (v == null || v.isEmpty() || values.length >= cap || Arrays.asList(values).contains(v)) {
            return values;
        }
        String[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = v;
        return out;
    }

    /** Deterministic: the same principal and opening event always give the same uid. */
    static String uid(String principalKey, String openingEventId, long openingTime) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h =
                    sha.digest(
                            (principalKey + "\n" + openingEventId + "\n" + openingTime)
                                    .getBytes(StandardCharsets.UTF_8));
            char[] hex = new char[27];
            hex[0] = 't';
            hex[1] = 's';
            hex[2] = '-';
            for (int i = 0; i < 12; i++) {
                hex[3 + 2 * i] = Character.forDigit((h[i] >> 4) & 0xf, 16);
                hex[4 + 2 * i] = Character.forDigit(h[i] & 0xf, 16);
            }
            return new String(hex);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
