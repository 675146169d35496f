package io.trailsentry.responder;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A never-act pattern, with the semantics the detector shares (testdata/contract/
 * never-act-cases.tsv): the pattern must match the whole ARN, {@code *} matches any run of
 * characters ({@code /} and {@code :} included, none too), case is ignored, no other character is
 * special, and an empty pattern matches nothing.
 */
final class ArnPattern {
    private final Pattern regex;

    private ArnPattern(Pattern regex) {
        this.regex = regex;
    }

    static ArnPattern of(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return new ArnPattern(null);
        }
        StringBuilder re = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            if (!parts[i].isEmpty()) {
                re.append(Pattern.quote(parts[i]));
            }
        }
        return new ArnPattern(
                Pattern.compile(
                        re.toString(),
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    boolean matches(String arn) {
        return regex != null && arn != null && regex.matcher(arn).matches();
    }

    @Override
    public String toString() {
        return regex == null ? "" : regex.pattern().toLowerCase(Locale.ROOT);
    }
}
