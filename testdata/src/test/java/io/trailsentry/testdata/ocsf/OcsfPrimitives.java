package io.trailsentry.testdata.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A value of a dictionary type ({@code string_t}, {@code timestamp_t}, {@code ip_t}...): its JSON
 * type by the type's primitive, the type's range, values, length and pattern, and timestamps as
 * epoch milliseconds.
 */
final class OcsfPrimitives {
    /** Epoch milliseconds from 2000 to 2100. */
    private static final long TS_MIN = 946_684_800_000L;

    private static final long TS_MAX = 4_102_444_800_000L;

    private OcsfPrimitives() {}

    static List<String> check(JsonNode v, String p, String type, OcsfSchema schema) {
        List<String> out = new ArrayList<>();
        JsonNode td = schema.type(type);
        if (td == null) {
            out.add(p + ": " + "type " + type + " is not in the dictionary");
            return out;
        }
        String primitive = td.path("type").asText(type);
        boolean ok;
        switch (primitive) {
            case "boolean_t":
                ok = v.isBoolean();
                break;
            case "float_t":
                ok = v.isFloatingPointNumber();
                break;
            case "integer_t":
                ok = v.isInt();
                break;
            case "long_t":
                ok = v.isIntegralNumber();
                break;
            case "string_t":
                ok = v.isTextual();
                break;
            default:
                ok = true; // json_t and anything open
        }
        if (!ok) {
            out.add(p + ": " + "expected " + type + " (" + primitive + "), got " + v.getNodeType());
            return out;
        }
        checkValue(v, p, type, td, schema.type(primitive), out);
        return out;
    }

    private static void checkValue(
            JsonNode v, String p, String type, JsonNode td, JsonNode base, List<String> out) {
        for (JsonNode d : new JsonNode[] {td, base}) {
            if (d == null) {
                continue;
            }
            JsonNode range = d.get("range");
            if (range != null && v.isNumber()) {
                if (v.asDouble() < range.get(0).asDouble()
                        || v.asDouble() > range.get(1).asDouble()) {
                    out.add(p + ": " + v + " outside " + range);
                }
            }
            JsonNode maxLen = d.get("max_len");
            if (maxLen != null && v.isTextual() && v.asText().length() > maxLen.asInt()) {
                out.add(p + ": " + "longer than " + maxLen.asInt());
            }
        }
        JsonNode regex = td.get("regex");
        if (regex != null
                && v.isTextual()
                && !Pattern.compile(regex.asText()).matcher(v.asText()).find()) {
            out.add(p + ": " + "does not match the " + type + " pattern");
        }
        if ("timestamp_t".equals(type) && (v.asLong() < TS_MIN || v.asLong() > TS_MAX)) {
            out.add(p + ": " + v + " is not epoch milliseconds");
        }
    }
}
