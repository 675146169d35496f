package io.trailsentry.incident;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.DetectionPolicy;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.finding.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Folds a principal's signals into its one open incident and decides when to speak: a finding when
 * the incident opens and each time it escalates (higher severity or a new active category), never
 * one per event. Pure logic; the Flink function around it owns state and timers.
 */
public final class IncidentCorrelator {
    private final DetectionPolicy policy;

    public IncidentCorrelator(DetectionPolicy policy) {
        this.policy = policy;
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

    /** Whether {@code inc} had been idle for the close time by {@code eventTime}. */
    public boolean isClosedAt(Incident inc, long eventTime) {
        return eventTime >= inc.lastSeen + policy.incidentIdleCloseMs;
    }

    /**
     * Adds {@code s} to {@code inc}; returns the finding to emit, or null when nothing escalated.
     */
    public Finding add(Incident inc, Signal s) {
        int c = s.category - 1;
        inc.categoryLastSeen[c] = Math.max(inc.categoryLastSeen[c], s.eventTime);
        inc.categorySeverity[c] = Math.max(inc.categorySeverity[c], s.severity);
        inc.firstSeen = Math.min(inc.firstSeen, s.eventTime);
        inc.lastSeen = Math.max(inc.lastSeen, s.eventTime);
        inc.evidence = EvidenceList.add(inc.evidence, Evidence.of(s), Incident.MAX_EVIDENCE);
        inc.accessKeyIds = addCapped(inc.accessKeyIds, s.accessKeyId, Incident.MAX_KEYS);
        inc.regions = addCapped(inc.regions, s.region, Incident.MAX_KEYS);

        int active = inc.activeCategories(s.eventTime, policy.incidentWindowMs);
        Severity severity = SeverityModel.severity(inc, active);
        boolean newCategory = (active & ~inc.emittedCategories) != 0;
        boolean escalated = severity.id > inc.emittedSeverity;
        if (severity.id < policy.minFindingSeverity
                || (inc.version > 0 && !escalated && !newCategory)) {
            return null;
        }
        inc.version++;
        inc.emittedSeverity = Math.max(inc.emittedSeverity, severity.id);
        inc.emittedCategories |= active;
        return finding(inc, s.eventTime, Severity.ofId(inc.emittedSeverity), active);
    }

    private Finding finding(Incident inc, long time, Severity severity, int active) {
        Finding f = new Finding();
        f.uid = inc.uid;
        f.version = inc.version;
        f.time = time;
        f.severityId = severity.id;
        f.principal = inc.principal;
        f.accessKeyIds = inc.accessKeyIds.clone();
        f.regions = inc.regions.clone();
        f.categories = numbers(inc.allCategories());
        f.activeCategories = numbers(active);
        f.firstSeen = inc.firstSeen;
        f.lastSeen = inc.lastSeen;
        f.spanMs = inc.lastSeen - inc.firstSeen;
        f.evidence = inc.evidence.clone();
        f.detectionIds = detectionIds(inc.evidence);
        f.responsePlan = ResponsePlanner.plan(inc);
        f.title = title(inc, severity, f.categories.length);
        f.why = Explanation.why(inc, f, policy);
        return f;
    }

    private static String title(Incident inc, Severity severity, int categories) {
        if (categories == 1) {
            Detection d = Detections.byId(inc.evidence[0].detectionId);
            return d.title + " by " + inc.principal.shortName();
        }
        return "Possible stolen-credential abuse by "
                + inc.principal.shortName()
                + ": "
                + categories
                + " behaviour categories"
                + (severity.atLeast(Severity.HIGH) ? " in minutes" : "");
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
            StringBuilder sb = new StringBuilder("ts-");
            for (int i = 0; i < 12; i++) {
                sb.append(String.format("%02x", h[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String isoTime(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
