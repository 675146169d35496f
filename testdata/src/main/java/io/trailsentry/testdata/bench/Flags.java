package io.trailsentry.testdata.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's {@code --flag value} arguments. Values are read by name with a default; numbers may
 * be written with {@code ,} or {@code _} separators; {@link #done()} rejects flags no one read, so
 * a typo is an error rather than a silently default run.
 */
final class Flags {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    Flags(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --flag, got '" + args[i] + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[i + 1]);
        }
    }

    String text(String name, String fallback) {
        List<String> v = values.remove(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    /** Every value of a flag that may repeat, in order. */
    List<String> all(String name) {
        List<String> v = values.remove(name);
        return v == null ? List.of() : v;
    }

    long number(String name, long fallback) {
        String v = text(name, null);
        return v == null ? fallback : Long.parseLong(v.replace(",", "").replace("_", ""));
    }

    int integer(String name, int fallback) {
        return Math.toIntExact(number(name, fallback));
    }

    double decimal(String name, double fallback) {
        String v = text(name, null);
        return v == null ? fallback : Double.parseDouble(v);
    }

    /** Call after reading every flag: anything left is unknown. */
    void done() {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown flag(s) " + values.keySet());
        }
    }
}
