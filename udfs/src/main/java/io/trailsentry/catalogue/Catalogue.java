package io.trailsentry.catalogue;

import io.trailsentry.detect.Detection;
import io.trailsentry.detect.rules.RuleCatalogue;
import io.trailsentry.sequence.SequenceCatalogue;
import io.trailsentry.sequence.SequenceDetection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every detection by id: the per-event rules, the anomaly scorer's and the sequences', in the order
 * docs/policy.md lists them. Ids are stable: they appear in findings and runbooks.
 */
public final class Catalogue {
    private static final Map<String, Detection> BY_ID = build();

    private Catalogue() {}

    private static Map<String, Detection> build() {
        Map<String, Detection> all = new LinkedHashMap<>();
        for (Detection d : RuleCatalogue.detections()) {
            add(all, d);
        }
        for (SequenceDetection s : SequenceCatalogue.ALL) {
            for (Detection d : s.detections) {
                add(all, d);
            }
        }
        return Collections.unmodifiableMap(all);
    }

    private static void add(Map<String, Detection> all, Detection d) {
        if (all.put(d.id, d) != null) {
            throw new IllegalStateException("detection " + d.id + " declared twice");
        }
    }

    public static Detection byId(String id) {
        Detection d = BY_ID.get(id);
        if (d == null) {
            throw new IllegalArgumentException("unknown detection " + id);
        }
        return d;
    }

    public static Collection<Detection> all() {
        return BY_ID.values();
    }

    /**
     * The detection table of docs/policy.md, generated: id, category, default severity, title,
     * ATT&amp;CK technique and tactic, what it matches; by id.
     */
    public static String markdownTable() {
        StringBuilder b =
                new StringBuilder(
                        "| id | category | default severity | title | ATT&CK | matches |\n"
                                + "| --- | --- | --- | --- | --- | --- |\n");
        List<Detection> byId = new ArrayList<>(all());
        byId.sort(Comparator.comparing(d -> d.id));
        for (Detection d : byId) {
            b.append("| ")
                    .append(d.id)
                    .append(" | ")
                    .append(d.category.number)
                    .append(" | ")
                    .append(d.severity.name().toUpperCase(Locale.ROOT))
                    .append(" | ")
                    .append(d.title)
                    .append(" | ")
                    .append(d.techniqueId)
                    .append(" (")
                    .append(d.tacticName)
                    .append(") | ")
                    .append(d.description)
                    .append(" |\n");
        }
        return b.toString();
    }
}
