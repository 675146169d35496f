package io.trailsentry.securityhub;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * An upper bound of the JSON size of an SDK model object as the client sends it: every field name,
 * string (UTF-8, each character counted as if escaped to six bytes when it is not plain ASCII) and
 * number, with quotes, separators and brackets.
 */
final class AsffSize {
    private AsffSize() {}

    static long of(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof SdkPojo) {
            long n = 2;
            for (SdkField<?> field : ((SdkPojo) value).sdkFields()) {
                Object v = field.getValueOrDefault(value);
                if (v != null) {
                    n += string(field.locationName()) + 1 + of(v) + 1;
                }
            }
            return n;
        }
        if (value instanceof Map) {
            long n = 2;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                n += of(e.getKey()) + 1 + of(e.getValue()) + 1;
            }
            return n;
        }
        if (value instanceof Collection) {
            long n = 2;
            for (Object v : (Collection<?>) value) {
                n += of(v) + 1;
            }
            return n;
        }
        return value instanceof CharSequence ? string(value.toString()) : 32;
    }

    private static long string(String s) {
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x20 || c == '"' || c == '\\' ? 6 : c < 0x80 ? 1 : 6;
        }
        return Math.max(n, s.getBytes(StandardCharsets.UTF_8).length + 2);
    }
}
