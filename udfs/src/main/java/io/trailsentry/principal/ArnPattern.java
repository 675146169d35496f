package io.trailsentry.principal;

import java.util.Locale;

/**
 * The one matcher for principal lists (never-act, allowlisted automation), the same semantics as
 * the responder's: a pattern matches a whole ARN; {@code *} matches any run of characters (none
 * included, {@code /} and {@code :} included); case is ignored (IAM user and role names are unique
 * regardless of case); nothing else is special; an empty pattern matches nothing. The table of
 * cases both sides test is {@code testdata/contract/never-act-cases.tsv}.
 */
public final class ArnPattern {
    private ArnPattern() {}

    /** Whether {@code arn} matches {@code pattern}. */
    public static boolean matches(String pattern, String arn) {
        if (pattern == null || pattern.isEmpty() || arn == null) {
            return false;
        }
        String p = pattern.toLowerCase(Locale.ROOT);
        String s = arn.toLowerCase(Locale.ROOT);
        // Greedy glob with backtracking to the last star: linear in practice, never exponential.
        int pi = 0;
        int si = 0;
        int star = -1;
        int resume = 0;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                resume = si;
            } else if (pi < p.length() && p.charAt(pi) == s.charAt(si)) {
                pi++;
                si++;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++resume;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** Whether {@code arn} matches any of {@code patterns}. */
    public static boolean matchesAny(Iterable<String> patterns, String arn) {
        for (String p : patterns) {
            if (matches(p, arn)) {
                return true;
            }
        }
        return false;
    }
}
