package io.trailsentry.finding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.catalogue.Catalogue;
import io.trailsentry.detect.Detection;
import io.trailsentry.incident.Finding;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code finding_info.related_analytics[]} (the detections that contributed) and {@code
 * finding_info.attacks[]} (their MITRE ATT&amp;CK technique, sub-technique and tactic, with ids).
 */
final class OcsfAttacks {
    /** The ATT&amp;CK release the detections' techniques and names follow. */
    static final String ATTACK_VERSION = "v16";

    private OcsfAttacks() {}

    static void writeAnalytics(ArrayNode out, Finding f) {
        for (String id : f.detectionIds) {
            Detection d = Catalogue.byId(id);
            ObjectNode a = out.addObject();
            a.put("uid", d.id);
            a.put("name", d.title);
            a.put("category", d.category.label);
            int type = analyticType(d);
            a.put("type_id", type);
            a.put("type", type == 4 ? "Learning (ML/DL)" : type == 2 ? "Behavioral" : "Rule");
        }
    }

    /**
     * OCSF {@code analytic.type_id}: 4 Learning (ML/DL) for the isolation forest, 2 Behavioral for
     * deviations from a principal's learned baseline, 1 Rule for the rest (rules and sequences).
     */
    static int analyticType(Detection d) {
        if (d.id.startsWith("TS-AN-")) {
            return 4;
        }
        return d.id.startsWith("TS-NR-") ? 2 : 1;
    }

    static void writeAttacks(ArrayNode out, Finding f) {
        Set<String> seen = new LinkedHashSet<>();
        for (String id : f.detectionIds) {
            Detection d = Catalogue.byId(id);
            if (!seen.add(d.techniqueId + "|" + d.tacticId)) {
                continue;
            }
            ObjectNode a = out.addObject();
            a.put("version", ATTACK_VERSION);
            ObjectNode t = a.putObject("technique");
            t.put("uid", d.parentTechniqueId);
            t.put("name", d.parentTechniqueName);
            if (d.subTechniqueId != null) {
                ObjectNode sub = a.putObject("sub_technique");
                sub.put("uid", d.subTechniqueId);
                sub.put("name", d.subTechniqueName);
            }
            ObjectNode tactic = a.putObject("tactic");
            tactic.put("uid", d.tacticId);
            tactic.put("name", d.tacticName);
        }
    }
}
