package io.trailsentry.testdata.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an event against an {@link OcsfSchema} by the OCSF server's validation rules, stricter
 * where a finding should be exact: required attributes present; no attribute the class or object
 * does not define (an attribute of a profile that {@code metadata.profiles} does not declare is
 * unknown); JSON types, ranges, lengths and enum values as the dictionary says; each caption
 * sibling equal to its enum value's caption; {@code at_least_one}/{@code just_one} constraints;
 * {@code class_uid}, {@code category_uid}, {@code type_uid} and their names agreeing; {@code
 * metadata.version} the schema's; timestamps epoch milliseconds; nothing deprecated.
 */
public final class OcsfValidator {
    private final OcsfSchema schema;
    private List<String> issues;

    public OcsfValidator(OcsfSchema schema) {
        this.schema = schema;
    }

    /** Every problem of {@code event}, each as "path: what"; empty when it conforms. */
    public List<String> validate(JsonNode event) {
        issues = new ArrayList<>();
        JsonNode classUid = event.get("class_uid");
        JsonNode cls = classUid == null ? null : schema.classByUid(classUid.asInt());
        if (cls == null || !classUid.isIntegralNumber()) {
            issue("class_uid", "no class with uid " + classUid);
            return issues;
        }
        Set<String> profiles = new HashSet<>();
        for (JsonNode p : event.at("/metadata/profiles")) {
            if (!schema.profiles.containsKey(p.asText())) {
                issue("metadata.profiles", "unknown profile '" + p.asText() + "'");
            }
            profiles.add(p.asText());
        }
        attributes(event, "", cls.get("attributes"), profiles);
        constraints(event, cls.get("constraints"), "<event>");
        classIdentity(event, cls);
        String version = event.at("/metadata/version").asText();
        if (!version.equals(schema.version)) {
            issue("metadata.version", "'" + version + "' but the schema is " + schema.version);
        }
        return issues;
    }

    private void classIdentity(JsonNode event, JsonNode cls) {
        int classUid = cls.get("uid").asInt();
        int activity = event.path("activity_id").asInt(-1);
        if (event.path("type_uid").asLong() != classUid * 100L + activity) {
            issue("type_uid", event.path("type_uid") + " != class_uid * 100 + activity_id");
        }
        if (event.path("category_uid").asInt() != cls.get("category_uid").asInt()) {
            issue("category_uid", "class " + classUid + " is in " + cls.get("category_uid"));
        }
        String caption = cls.get("caption").asText();
        expectCaption(event, "class_name", caption);
        expectCaption(
                event, "category_name", schema.categoryCaption(cls.get("category_uid").asInt()));
        JsonNode activityDef = cls.at("/attributes/activity_id/enum/" + activity);
        expectCaption(event, "type_name", caption + ": " + activityDef.path("caption").asText());
    }

    private void expectCaption(JsonNode event, String field, String caption) {
        if (event.has(field) && !event.get(field).asText().equals(caption)) {
            issue(field, "'" + event.get(field).asText() + "' but it means '" + caption + "'");
        }
    }

    private static boolean visible(JsonNode def, Set<String> profiles) {
        JsonNode p = def.get("profile");
        return p == null || p.isNull() || profiles.contains(p.asText());
    }

    private void attributes(JsonNode item, String path, JsonNode defs, Set<String> profiles) {
        for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            String name = d.getKey();
            JsonNode def = d.getValue();
            if (!visible(def, profiles)) {
                continue;
            }
            String p = path.isEmpty() ? name : path + "." + name;
            JsonNode v = item.get(name);
            if (v == null || v.isNull()) {
                if (v != null) {
                    issue(p, "null (leave it out instead)");
                }
                if ("required".equals(def.path("requirement").asText())) {
                    issue(p, "required attribute missing");
                }
                continue;
            }
            if (def.has("@deprecated")) {
                issue(p, "deprecated: " + def.get("@deprecated").path("message").asText());
            }
            if (def.path("is_array").asBoolean()) {
                if (!v.isArray()) {
                    issue(p, "expected an array of " + def.path("type").asText());
                    continue;
                }
                for (int i = 0; i < v.size(); i++) {
                    value(v.get(i), p + "[" + i + "]", def, profiles);
                }
            } else {
                value(v, p, def, profiles);
            }
            enumeration(item, path, name, def);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            String sibling = d.getValue().path("sibling").asText(null);
            if (d.getValue().has("enum")
                    && sibling != null
                    && item.has(sibling)
                    && !item.has(d.getKey())
                    && visible(d.getValue(), profiles)) {
                issue(
                        path.isEmpty() ? sibling : path + "." + sibling,
                        "caption without its " + d.getKey());
            }
        }
        if (defs.size() == 0) {
            return; // an object without attributes (the 'object' type) is open
        }
        for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String p = path.isEmpty() ? name : path + "." + name;
            JsonNode def = defs.get(name);
            if (def == null) {
                issue(p, "unknown attribute");
            } else if (!visible(def, profiles)) {
                issue(p, "belongs to profile '" + def.get("profile").asText() + "', not declared");
            }
        }
    }

    private void value(JsonNode v, String p, JsonNode def, Set<String> profiles) {
        String type = def.path("type").asText();
        if (schema.isObject(type)) {
            if (!v.isObject()) {
                issue(p, "expected object " + type);
                return;
            }
            JsonNode obj = schema.object(type);
            attributes(v, p, obj.get("attributes"), profiles);
            constraints(v, obj.get("constraints"), p);
            return;
        }
        issues.addAll(OcsfPrimitives.check(v, p, type, schema));
    }

    private void enumeration(JsonNode item, String path, String name, JsonNode def) {
        JsonNode values = def.get("enum");
        if (values == null
                || name.equals("class_uid")
                || name.equals("category_uid")
                || name.equals("type_uid")) {
            return;
        }
        String p = path.isEmpty() ? name : path + "." + name;
        JsonNode v = item.get(name);
        JsonNode caption = null;
        for (JsonNode each : v.isArray() ? v : List.of(v)) {
            JsonNode e = values.get(each.asText());
            if (e == null) {
                issue(
                        p,
                        "value "
                                + each
                                + " not in the enum "
                                + values.properties().stream()
                                        .map(Map.Entry::getKey)
                                        .reduce((a, b) -> a + "," + b)
                                        .orElse(""));
            } else {
                caption = e.get("caption");
                if (e.has("@deprecated")) {
                    issue(p, "enum value " + each + " is deprecated");
                }
            }
        }
        String sibling = def.path("sibling").asText(null);
        if (sibling == null || caption == null || v.isArray() || !item.has(sibling)) {
            return;
        }
        String given = item.get(sibling).asText();
        String sp = path.isEmpty() ? sibling : path + "." + sibling;
        if (v.asInt() == 99 ? given.equals(caption.asText()) : !given.equals(caption.asText())) {
            issue(sp, "'" + given + "' but " + name + " " + v + " is '" + caption.asText() + "'");
        }
    }

    private void constraints(JsonNode item, JsonNode constraints, String p) {
        if (constraints == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = constraints.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            int present = 0;
            for (JsonNode k : c.getValue()) {
                present += item.has(k.asText()) ? 1 : 0;
            }
            if ("at_least_one".equals(c.getKey()) && present == 0
                    || "just_one".equals(c.getKey()) && present != 1) {
                issue(p, c.getKey() + " of " + c.getValue() + ": " + present + " present");
            }
        }
    }

    private void issue(String path, String what) {
        issues.add(path + ": " + what);
    }
}
