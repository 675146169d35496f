package io.trailsentry.incident;

import java.util.Arrays;

/**
 * Keeps an incident's evidence within a cap without losing any detection: when full, the oldest
 * entry of the detection with the most entries makes room.
 */
final class EvidenceList {
    private EvidenceList() {}

    static Evidence[] add(Evidence[] list, Evidence e, int cap) {
        for (Evidence existing : list) {
            if (existing.eventId != null
                    && existing.eventId.equals(e.eventId)
                    && existing.detectionId.equals(e.detectionId)) {
                return list;
            }
        }
        if (list.length < cap) {
            Evidence[] out = Arrays.copyOf(list, list.length + 1);
            out[list.length] = e;
            return out;
        }
        int victim = oldestOfMostFrequent(list);
        Evidence[] out = new Evidence[list.length];
        int n = 0;
        for (int i = 0; i < list.length; i++) {
            if (i != victim) {
                out[n++] = list[i];
            }
        }
        out[n] = e;
        return out;
    }

    private static int oldestOfMostFrequent(Evidence[] list) {
        String most = null;
        int mostCount = 0;
        for (Evidence a : list) {
            int count = 0;
            for (Evidence b : list) {
                if (a.detectionId.equals(b.detectionId)) {
                    count++;
                }
            }
            if (count > mostCount) {
                mostCount = count;
                most = a.detectionId;
            }
        }
        int victim = 0;
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < list.length; i++) {
            if (list[i].detectionId.equals(most) && list[i].eventTime < oldest) {
                oldest = list[i].eventTime;
                victim = i;
            }
        }
        return victim;
    }
}
