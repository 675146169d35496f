package io.trailsentry.detect;

import java.util.Map;

/**
 * MITRE ATT&amp;CK Enterprise tactic ids by tactic name, for the tactics detections name. A
 * detection naming a tactic missing here fails when the catalogue loads.
 */
final class Tactics {
    private static final Map<String, String> IDS =
            Map.ofEntries(
                    Map.entry("Initial Access", "TA0001"),
                    Map.entry("Execution", "TA0002"),
                    Map.entry("Persistence", "TA0003"),
                    Map.entry("Privilege Escalation", "TA0004"),
                    Map.entry("Defense Evasion", "TA0005"),
                    Map.entry("Credential Access", "TA0006"),
                    Map.entry("Discovery", "TA0007"),
                    Map.entry("Lateral Movement", "TA0008"),
                    Map.entry("Collection", "TA0009"),
                    Map.entry("Exfiltration", "TA0010"),
                    Map.entry("Command and Control", "TA0011"),
                    Map.entry("Impact", "TA0040"));

    private Tactics() {}

    static String id(String name) {
        String id = IDS.get(name);
        if (id == null) {
            throw new IllegalArgumentException("unknown ATT&CK tactic '" + name + "'");
        }
        return id;
    }
}
