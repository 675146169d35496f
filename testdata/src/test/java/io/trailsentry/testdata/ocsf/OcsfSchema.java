package io.trailsentry.testdata.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An OCSF schema source tree (dictionary, categories, profiles, objects, classes) resolved the way
 * the OCSF server compiles it: a class's or object's {@code $include}d profile attributes are
 * merged under its own and tagged with the profile (an own {@code "profile": null} clears the tag),
 * {@code extends} chains are merged parent first, and every attribute is merged over its {@code
 * dictionary.json} entry, which supplies type, array-ness, enum and caption sibling.
 */
public final class OcsfSchema {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Path root;
    public final String version;
    final JsonNode dictionary;
    final JsonNode types;
    private final JsonNode categories;
    final Map<String, JsonNode> profiles = new LinkedHashMap<>();
    private final Map<String, JsonNode> rawObjects = new HashMap<>();
    private final Map<String, JsonNode> rawClasses = new HashMap<>();
    private final Map<String, ObjectNode> objects = new HashMap<>();

    public OcsfSchema(Path root) {
        this.root = root;
        this.version = read(root.resolve("version.json")).path("version").asText();
        JsonNode dict = read(root.resolve("dictionary.json"));
        this.dictionary = dict.path("attributes");
        this.types = dict.at("/types/attributes");
        this.categories = read(root.resolve("categories.json")).path("attributes");
        forEachJson(root.resolve("profiles"), p -> profiles.put(p.path("name").asText(), p));
        forEachJson(root.resolve("objects"), o -> rawObjects.put(o.path("name").asText(), o));
        forEachJson(root.resolve("events"), c -> rawClasses.put(c.path("name").asText(), c));
    }

    /** The schema in test resources, {@code /ocsf-schema-VERSION}. */
    public static OcsfSchema fromClasspath(String version) throws Exception {
        return new OcsfSchema(
                Path.of(
                                OcsfSchema.class
                                        .getResource("/ocsf-schema-" + version + "/version.json")
                                        .toURI())
                        .getParent());
    }

    public boolean isObject(String type) {
        return rawObjects.containsKey(type);
    }

    /** The resolved object: {@code attributes} and {@code constraints}. */
    public ObjectNode object(String name) {
        ObjectNode o = objects.get(name);
        if (o == null) {
            ObjectNode unfinished = unfinishedObject(name);
            o = JSON.createObjectNode();
            o.put("name", name);
            o.set("attributes", finish((ObjectNode) unfinished.get("attributes")));
            o.set("constraints", unfinished.path("constraints"));
            objects.put(name, o);
        }
        return o;
    }

    /**
     * The resolved class: {@code uid} (category uid * 1000 + class uid), {@code category_uid},
     * {@code caption}, {@code attributes}, {@code constraints}.
     */
    public ObjectNode eventClass(String name) {
        ObjectNode attrs = JSON.createObjectNode();
        String category = null;
        for (JsonNode c = rawClasses.get(name);
                c != null;
                c = c.has("extends") ? rawClasses.get(c.path("extends").asText()) : null) {
            attrs = merge(ownAttributes(c), attrs);
            if (category == null && c.hasNonNull("category")) {
                category = c.path("category").asText();
            }
        }
        JsonNode raw = rawClasses.get(name);
        int categoryUid = categories.path(category).path("uid").asInt();
        ObjectNode out = JSON.createObjectNode();
        out.put("name", name);
        out.put("caption", raw.path("caption").asText());
        out.put("uid", categoryUid * 1000 + raw.path("uid").asInt());
        out.put("category_uid", categoryUid);
        out.set("attributes", finish(attrs));
        out.set("constraints", raw.path("constraints"));
        return out;
    }

    /** The class whose uid is {@code uid} (base_event aside), or null. */
    public ObjectNode classByUid(int uid) {
        for (String name : rawClasses.keySet()) {
            ObjectNode c = eventClass(name);
            if (!"base_event".equals(name) && c.path("uid").asInt() == uid) {
                return c;
            }
        }
        return null;
    }

    /** The caption of category {@code uid}, or null. */
    public String categoryCaption(int uid) {
        for (JsonNode c : categories) {
            if (c.path("uid").asInt() == uid) {
                return c.path("caption").asText();
            }
        }
        return null;
    }

    /** A dictionary type ({@code timestamp_t}) or null when the dictionary has none. */
    public JsonNode type(String name) {
        JsonNode t = types.get(name);
        return t == null || t.isNull() ? null : t;
    }

    private ObjectNode unfinishedObject(String name) {
        JsonNode raw = rawObjects.get(name);
        ObjectNode attrs = ownAttributes(raw);
        JsonNode constraints = raw.get("constraints");
        String parent = raw.path("extends").asText(null);
        if (parent != null && !parent.equals(name) && rawObjects.containsKey(parent)) {
            ObjectNode p = unfinishedObject(parent);
            attrs = merge((ObjectNode) p.get("attributes"), attrs);
            if (constraints == null) {
                constraints = p.get("constraints");
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("attributes", attrs);
        out.set("constraints", constraints == null ? JSON.createObjectNode() : constraints);
        return out;
    }

    /** An item's own attributes over those of the profiles it includes. */
    private ObjectNode ownAttributes(JsonNode raw) {
        ObjectNode own = raw.path("attributes").deepCopy();
        JsonNode includes = own.remove("$include");
        ObjectNode attrs = JSON.createObjectNode();
        if (includes != null) {
            // an earlier include wins over a later one, the item's own attributes over both
            for (JsonNode rel :
                    includes.isArray() ? includes : JSON.createArrayNode().add(includes)) {
                attrs = merge(included(read(root.resolve(rel.asText()))), attrs);
            }
        }
        for (JsonNode a : own) {
            if (a.has("$include")) {
                throw new IllegalStateException("attribute-level $include is not supported");
            }
        }
        return merge(attrs, own);
    }

    private static ObjectNode included(JsonNode file) {
        String profile =
                "profile".equals(file.path("meta").asText()) ? file.path("name").asText() : null;
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = file.path("attributes").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ObjectNode a = e.getValue().deepCopy();
            if (profile != null) {
                a.put("profile", profile);
            }
            JsonNode annotations = file.get("annotations");
            out.set(
                    e.getKey(),
                    annotations instanceof ObjectNode ? merge((ObjectNode) annotations, a) : a);
        }
        return out;
    }

    /** Each attribute over its dictionary entry. */
    private ObjectNode finish(ObjectNode attrs) {
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode base = dictionary.get(e.getKey());
            ObjectNode a =
                    merge(
                            base == null ? JSON.createObjectNode() : (ObjectNode) base,
                            (ObjectNode) e.getValue());
            if (!a.hasNonNull("type")) {
                throw new IllegalStateException("attribute " + e.getKey() + " has no type");
            }
            out.set(e.getKey(), a);
        }
        return out;
    }

    /** {@code b} over {@code a}: objects merged recursively, anything else replaced. */
    static ObjectNode merge(ObjectNode a, ObjectNode b) {
        ObjectNode out = a == null ? JSON.createObjectNode() : a.deepCopy();
        if (b == null) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode mine = out.get(e.getKey());
            out.set(
                    e.getKey(),
                    mine != null && mine.isObject() && e.getValue().isObject()
                            ? merge((ObjectNode) mine, (ObjectNode) e.getValue())
                            : e.getValue().deepCopy());
        }
        return out;
    }

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void forEachJson(Path dir, java.util.function.Consumer<JsonNode> each) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .map(OcsfSchema::read)
                    .forEach(each);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
