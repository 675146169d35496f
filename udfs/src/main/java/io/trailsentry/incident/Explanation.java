package io.trailsentry.incident;

import io.trailsentry.detect.Category;

/** Writes the plain-language "why" of a finding. */
final class Explanation {
    private Explanation() {}

    static String why(Incident inc, Finding f, IncidentPolicy policy) {
        StringBuilder sb = new StringBuilder();
        sb.append(inc.principal.arn);
        if (inc.principal.sessionName != null) {
            sb.append(" (session ").append(inc.principal.sessionName).append(')');
        }
        sb.append(" showed ")
                .append(f.categories.length)
                .append(f.categories.length == 1 ? " behaviour category" : " behaviour categories")
                .append(" within ")
                .append(minutes(f.spanMs))
                .append(": ");
        for (int i = 0; i < f.categories.length; i++) {
            if (i > 0) {
                sb.append("; ");
            }
            Category c = Category.ofNumber(f.categories[i]);
            sb.append('[').append(c.number).append("] ").append(c.label);
            String example = firstSummary(inc, c.number);
            if (example != null) {
                sb.append(" (").append(example).append(')');
            }
        }
        sb.append(". ")
                .append(f.activeCategories.length)
                .append(" of them fell within the ")
                .append(minutes(policy.incidentWindowMs))
                .append(" incident window.");
        if (inc.carriedCategories != 0) {
            sb.append(" It continues this principal's incident last seen at ")
                    .append(java.time.Instant.ofEpochMilli(inc.carriedLastSeen))
                    .append(" (categories");
            for (Category c : Category.values()) {
                if ((inc.carriedCategories & c.bit()) != 0) {
                    sb.append(' ').append(c.number);
                }
            }
            sb.append("), counted one step lower as one campaign.");
        }
        if (inc.linked.length > 0) {
            sb.append(" Identities it handed access to joined the incident:");
            for (int i = 0; i < inc.linked.length; i++) {
                sb.append(i == 0 ? " " : ", ").append(inc.linked[i].arn);
                if (inc.linked[i].sessionName != null) {
                    sb.append(" (session ").append(inc.linked[i].sessionName).append(')');
                }
            }
            sb.append('.');
        }
        if (f.responsePlan.length > 0) {
            sb.append(" First: ").append(f.responsePlan[0].description).append('.');
        }
        return sb.toString();
    }

    private static String firstSummary(Incident inc, int category) {
        for (Evidence e : inc.evidence) {
            if (e.category == category) {
                return e.summary;
            }
        }
        return null;
    }

    private static String minutes(long ms) {
        long s = ms / 1000;
        return s < 120 ? s + " s" : (s / 60) + " min";
    }
}
