package io.trailsentry.job.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsentry.detect.Severity;
import io.trailsentry.policy.DetectionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.BlockElement;
import org.apache.flink.configuration.description.Description;
import org.apache.flink.configuration.description.TextElement;

/**
 * The job's settings, read from one of: command-line flags (and an optional {@code --config} JSON
 * file) or Managed Flink runtime property groups. Unknown keys and unparsable values are errors,
 * reported all at once, so a typo never silently falls back to a default.
 */
public final class JobSettings {
    private static final Map<String, String> ALIASES =
            Map.of(
                    "input", TrailSentryOptions.INPUT_PATHS.key(),
                    "findings-out", TrailSentryOptions.FINDINGS_FILE.key(),
                    "dead-letters-out", TrailSentryOptions.DEAD_LETTER_FILE.key(),
                    "parallelism", TrailSentryOptions.LOCAL_PARALLELISM.key());

    private static final java.util.Set<String> LIST_KEYS =
            java.util.Set.of(
                    TrailSentryOptions.INPUT_PATHS.key(), TrailSentryOptions.BACKFILL_PATHS.key());

    private final Configuration config;
    private final boolean help;

    private JobSettings(Configuration config, boolean help) {
        this.config = config;
        this.help = help;
    }

    public Configuration config() {
        return config;
    }

    public boolean helpRequested() {
        return help;
    }

    public <T> T get(ConfigOption<T> option) {
        return config.get(option);
    }

    public boolean has(ConfigOption<?> option) {
        return config.contains(option);
    }

    /** Parses command-line arguments. */
    public static JobSettings fromArgs(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
                continue;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --<option>, got '" + a + "'");
            }
            String key = a.substring(2);
            int eq = key.indexOf('=');
            List<String> parts = new ArrayList<>();
            if (eq >= 0) {
                parts.add(key.substring(eq + 1));
                key = key.substring(0, eq);
            } else {
                while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    parts.add(args[++i]);
                }
            }
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
            String full = ALIASES.getOrDefault(key, key);
            // Lists take commas on the command line; Flink's list separator is ';'. Other
            // values (inline JSON policies) keep their commas.
            String value =
                    LIST_KEYS.contains(full)
                            ? String.join(";", parts).replace(',', ';')
                            : String.join(" ", parts);
            if (key.equals("config")) {
                values.putAll(readJson(Path.of(value)));
            } else {
                values.put(full, value);
            }
        }
        return of(values, help);
    }

    /** Managed Flink: runtime property groups, key = group id + "." + property key. */
    public static JobSettings fromPropertyGroups(Map<String, Properties> groups) {
        Map<String, String> values = new LinkedHashMap<>();
        groups.forEach(
                (group, props) ->
                        props.stringPropertyNames()
                                .forEach(k -> values.put(group + "." + k, props.getProperty(k))));
        return of(values, false);
    }

    /** Builds settings from flat key/value pairs, validating every key and value. */
    public static JobSettings of(Map<String, String> values, boolean help) {
        Set<String> known = new TreeSet<>();
        TrailSentryOptions.all().forEach(o -> known.add(o.key()));
        List<String> errors = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                errors.add("unknown option '" + k + "'");
            }
        }
        Configuration conf = Configuration.fromMap(values);
        for (ConfigOption<?> o : TrailSentryOptions.all()) {
            try {
                conf.get(o);
            } catch (IllegalArgumentException e) {
                errors.add("bad value for '" + o.key() + "': " + e.getMessage());
            }
        }
        if (errors.isEmpty()) {
            errors.addAll(backfillErrors(new JobSettings(conf, help)));
        }
        if (errors.isEmpty()) {
            try {
                new JobSettings(conf, help).policy();
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    String.join("; ", errors) + " (see --help for every option)");
        }
        return new JobSettings(conf, help);
    }

    /** Backfill mode needs a stream to go live on, files to learn from, and a readable time. */
    static List<String> backfillErrors(JobSettings s) {
        List<String> errors = new ArrayList<>();
        int days = s.get(TrailSentryOptions.BACKFILL_DAYS);
        if (days < 0) {
            errors.add("'" + TrailSentryOptions.BACKFILL_DAYS.key() + "' must be 0 or more");
        }
        if (days <= 0) {
            return errors;
        }
        if (!s.has(TrailSentryOptions.INPUT_STREAM_ARN)) {
            errors.add(
                    "backfill ('"
                            + TrailSentryOptions.BACKFILL_DAYS.key()
                            + "') needs '"
                            + TrailSentryOptions.INPUT_STREAM_ARN.key()
                            + "', the stream it goes live on");
        }
        if (!s.has(TrailSentryOptions.BACKFILL_PATHS)
                || s.get(TrailSentryOptions.BACKFILL_PATHS).stream().allMatch(p -> p.isBlank())) {
            errors.add(
                    "backfill ('"
                            + TrailSentryOptions.BACKFILL_DAYS.key()
                            + "') needs '"
                            + TrailSentryOptions.BACKFILL_PATHS.key()
                            + "', the trail's S3 prefix");
        }
        if (s.has(TrailSentryOptions.INPUT_INITIAL_POSITION)
                || s.has(TrailSentryOptions.INPUT_INITIAL_TIMESTAMP)) {
            errors.add(
                    "backfill starts the stream at the go-live time ('"
                            + TrailSentryOptions.BACKFILL_UNTIL.key()
                            + "'): leave out '"
                            + TrailSentryOptions.INPUT_INITIAL_POSITION.key()
                            + "' and '"
                            + TrailSentryOptions.INPUT_INITIAL_TIMESTAMP.key()
                            + "'");
        }
        if (s.has(TrailSentryOptions.BACKFILL_UNTIL)) {
            try {
                java.time.Instant.parse(s.get(TrailSentryOptions.BACKFILL_UNTIL));
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(
                        "bad value for '"
                                + TrailSentryOptions.BACKFILL_UNTIL.key()
                                + "': not an ISO-8601 instant such as 2026-03-10T00:00:00Z");
            }
        }
        return errors;
    }

    /**
     * Reads a local JSON file: either flat {@code {"key": value}} or the Managed Flink shape {@code
     * [{"PropertyGroupId": "input", "PropertyMap": {...}}]}, so the same file serves both.
     */
    static Map<String, String> readJson(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read config " + file + ": " + e.getMessage());
        }
        if (root.isArray()) {
            for (JsonNode group : root) {
                String id = group.path("PropertyGroupId").asText();
                putAll(out, id + ".", group.path("PropertyMap"));
            }
        } else {
            putAll(out, "", root);
        }
        return out;
    }

    private static void putAll(Map<String, String> out, String prefix, JsonNode obj) {
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String value;
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(x -> items.add(x.asText()));
                value = String.join(";", items);
            } else {
                value = v.asText();
            }
            out.put(prefix + e.getKey(), value);
        }
    }

    private static Severity severity(String name) {
        try {
            return Severity.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "bad severity '" + name + "': one of INFO, LOW, MEDIUM, HIGH, CRITICAL");
        }
    }

    /**
     * The detection policy these settings describe: each knob at its stage's default unless one
     * source sets it (an option such as {@code detection.large-capacity}, the policy file or the
     * inline policy JSON); a knob set by two sources is an error.
     */
    public DetectionPolicy policy() {
        DetectionPolicy.Builder p = new DetectionPolicy.Builder();
        Map<String, String> taken = new LinkedHashMap<>();
        if (has(TrailSentryOptions.LARGE_CAPACITY)) {
            p.rules.largeCapacity = get(TrailSentryOptions.LARGE_CAPACITY);
            taken.put("largeCapacity", "--" + TrailSentryOptions.LARGE_CAPACITY.key());
        }
        if (has(TrailSentryOptions.ECS_CLUSTER_BURST)) {
            p.sequences.ecsClusterBurst = get(TrailSentryOptions.ECS_CLUSTER_BURST);
            taken.put("ecsClusterBurst", "--" + TrailSentryOptions.ECS_CLUSTER_BURST.key());
        }
        if (has(TrailSentryOptions.ECS_CLUSTER_BURST_WINDOW)) {
            p.sequences.ecsClusterBurstWindowMs =
                    get(TrailSentryOptions.ECS_CLUSTER_BURST_WINDOW).toMillis();
            taken.put(
                    "ecsClusterBurstWindowMs",
                    "--" + TrailSentryOptions.ECS_CLUSTER_BURST_WINDOW.key());
        }
        if (has(TrailSentryOptions.INCIDENT_WINDOW)) {
            p.incidents.incidentWindowMs = get(TrailSentryOptions.INCIDENT_WINDOW).toMillis();
            taken.put("incidentWindowMs", "--" + TrailSentryOptions.INCIDENT_WINDOW.key());
        }
        if (has(TrailSentryOptions.INCIDENT_IDLE_CLOSE)) {
            p.incidents.incidentIdleCloseMs =
                    get(TrailSentryOptions.INCIDENT_IDLE_CLOSE).toMillis();
            taken.put("incidentIdleCloseMs", "--" + TrailSentryOptions.INCIDENT_IDLE_CLOSE.key());
        }
        if (has(TrailSentryOptions.MIN_FINDING_SEVERITY)) {
            p.incidents.minFindingSeverity =
                    severity(get(TrailSentryOptions.MIN_FINDING_SEVERITY)).id;
            taken.put("minFindingSeverity", "--" + TrailSentryOptions.MIN_FINDING_SEVERITY.key());
        }
        if (has(TrailSentryOptions.POLICY_FILE)) {
            String file = get(TrailSentryOptions.POLICY_FILE);
            for (String knob : PolicyFiles.apply(p, PolicyFiles.read(file), taken)) {
                taken.put(knob, "the policy file " + file);
            }
        }
        if (has(TrailSentryOptions.POLICY_JSON)) {
            PolicyFiles.apply(p, get(TrailSentryOptions.POLICY_JSON), taken);
        }
        try {
            return p.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad detection policy: " + e.getMessage(), e);
        }
    }

    static String plain(Description d) {
        StringBuilder sb = new StringBuilder();
        for (BlockElement b : d.getBlocks()) {
            sb.append(b instanceof TextElement ? ((TextElement) b).getFormat() : b.toString());
        }
        return sb.toString();
    }

    /** The --help text: every option with its default and description. */
    public static String helpText() {
        StringBuilder sb = new StringBuilder();
        sb.append("TrailSentry: real-time detection of stolen-credential abuse in CloudTrail.\n\n")
                .append("Usage: --<option> <value> ... | --config <file.json> | --help\n")
                .append(
                        "Aliases: --input = --input.paths, --findings-out = --output.findings.file,")
                .append(" --dead-letters-out = --output.dead-letters.file,")
                .append(" --parallelism = --local.parallelism\n")
                .append("Lists take commas; durations take units (90 s, 2 min, 30 d).\n")
                .append(
                        "In Managed Flink, the property group is the part before the first dot.\n\n");
        for (ConfigOption<?> o : TrailSentryOptions.all()) {
            sb.append("  --").append(o.key());
            sb.append(o.hasDefaultValue() ? "  (default: " + o.defaultValue() + ")" : "");
            sb.append("\n      ").append(plain(o.description())).append("\n");
        }
        return sb.toString();
    }
}
