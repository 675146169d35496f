package io.trailsentry.testdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a corpus contains: each attack scenario with its principal, first attack event and stage
 * times; each benign principal, with the look-alike it plays if any. Written as {@code labels.json}
 * beside a corpus; the evaluation harness reads it.
 */
public final class Labels {
    /** A labelled attack. */
    public static final class Attack {
        public String id;
        public String description;
        public String principalKey;
        public long firstAttackEvent;
        public long firstProvisioningEvent;
        public final Map<String, Long> stages = new LinkedHashMap<>();

        /** For a stolen role session: the thief's session name (other sessions are benign). */
        public String session;

        /**
         * Resources the attack only touched, or that others made during it: no response may
         * eradicate them.
         */
        public final List<String> untouchable = new ArrayList<>();

        /**
         * Other principals the attack uses (the stolen key that created the principal running the
         * campaign): not benign; their findings count for the attack.
         */
        public final List<String> otherPrincipals = new ArrayList<>();

        /**
         * An adversarial variant (issue #15): reported by the evaluation, not yet required to reach
         * HIGH.
         */
        public boolean variant;
    }

    /** A labelled benign principal. */
    public static final class Benign {
        public String principalKey;
        public String persona;

        /** Look-alike it plays (e.g. "terraform-termination-protection"), or null. */
        public String lookAlike;

        /** A look-alike of an adversarial variant: reported, not yet required to stay quiet. */
        public boolean variant;
    }

    private final List<Attack> attacks = new ArrayList<>();
    private final Map<String, Benign> benign = new LinkedHashMap<>();

    public Attack attack(String id, String description, String principalKey) {
        Attack a = new Attack();
        a.id = id;
        a.description = description;
        a.principalKey = principalKey;
        attacks.add(a);
        return a;
    }

    public void benign(String principalKey, String persona, String lookAlike) {
        benign(principalKey, persona, lookAlike, false);
    }

    public void benign(String principalKey, String persona, String lookAlike, boolean variant) {
        Benign b = benign.computeIfAbsent(principalKey, k -> new Benign());
        b.principalKey = principalKey;
        b.persona = persona;
        if (lookAlike != null) {
            b.lookAlike = lookAlike;
        }
        b.variant |= variant;
    }

    public List<Attack> attacks() {
        return attacks;
    }

    /** Benign principals; a principal an attack uses (a stolen key) is not benign. */
    public List<Benign> benign() {
        List<Benign> out = new ArrayList<>();
        for (Benign b : benign.values()) {
            if (attacks.stream()
                    .noneMatch(
                            a ->
                                    a.principalKey.equals(b.principalKey)
                                            || a.otherPrincipals.contains(b.principalKey))) {
                out.add(b);
            }
        }
        return out;
    }

    /** Reads a labels file written by {@link #write} (or by hand in the same shape). */
    public static Labels read(Path file) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = new ObjectMapper().readTree(file.toFile());
        Labels l = new Labels();
        for (com.fasterxml.jackson.databind.JsonNode a : root.path("attacks")) {
            Attack at =
                    l.attack(
                            a.path("id").asText(),
                            a.path("description").asText(),
                            a.path("principal").asText());
            at.firstAttackEvent = Times.parse(a.path("first_attack_event").asText());
            String prov = a.path("first_provisioning_event").asText("");
            at.firstProvisioningEvent = prov.isEmpty() ? at.firstAttackEvent : Times.parse(prov);
            a.path("stages")
                    .fields()
                    .forEachRemaining(
                            e -> at.stages.put(e.getKey(), Times.parse(e.getValue().asText())));
            at.session = a.hasNonNull("session") ? a.get("session").asText() : null;
            a.path("untouchable").forEach(u -> at.untouchable.add(u.asText()));
            a.path("other_principals").forEach(u -> at.otherPrincipals.add(u.asText()));
            at.variant = a.path("variant").asBoolean(false);
        }
        for (com.fasterxml.jackson.databind.JsonNode b : root.path("benign")) {
            l.benign(
                    b.path("principal").asText(),
                    b.path("persona").asText(),
                    b.hasNonNull("look_alike") ? b.get("look_alike").asText() : null,
                    b.path("variant").asBoolean(false));
        }
        return l;
    }

    public void write(Path file) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        ArrayNode as = root.putArray("attacks");
        for (Attack a : attacks) {
            ObjectNode o = as.addObject();
            o.put("id", a.id);
            o.put("description", a.description);
            o.put("principal", a.principalKey);
            o.put("first_attack_event", Times.iso(a.firstAttackEvent));
            o.put("first_provisioning_event", Times.iso(a.firstProvisioningEvent));
            ObjectNode st = o.putObject("stages");
            a.stages.forEach((k, v) -> st.put(k, Times.iso(v)));
            if (a.session != null) {
                o.put("session", a.session);
            }
            if (!a.untouchable.isEmpty()) {
                ArrayNode u = o.putArray("untouchable");
                a.untouchable.forEach(u::add);
            }
            if (!a.otherPrincipals.isEmpty()) {
                ArrayNode u = o.putArray("other_principals");
                a.otherPrincipals.forEach(u::add);
            }
            if (a.variant) {
                o.put("variant", true);
            }
        }
        ArrayNode bs = root.putArray("benign");
        for (Benign b : benign()) {
            ObjectNode o = bs.addObject();
            o.put("principal", b.principalKey);
            o.put("persona", b.persona);
            if (b.lookAlike != null) {
                o.put("look_alike", b.lookAlike);
            }
            if (b.variant) {
                o.put("variant", true);
            }
        }
        Files.write(
                file,
                (m.writeValueAsString(root) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
