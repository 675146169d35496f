package io.trailsentry.testdata.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An incident's evidence as an inline SVG: one lane per behavioural category, each event a dot at
 * its time (hollow when the baseline made it routine), the moments the severity rose as marked
 * lines, and the 15-minute incident window ending at the highest severity shaded.
 */
final class Timeline {
    static final String[] CATEGORIES = {
        "new or rare principal / source",
        "rapid enumeration across services",
        "permission validation",
        "sudden compute provisioning",
        "suspicious container workload",
        "response friction and persistence",
        "credential access and lateral movement",
        "data exposure and exfiltration"
    };
    static final long WINDOW_MS = 15 * 60_000L;

    private static final int WIDTH = 1000;
    private static final int LEFT = 250;
    private static final int RIGHT = 30;
    private static final int TOP = 34;
    private static final int LANE = 34;

    private Timeline() {}

    static String svg(Incident inc) {
        JsonNode evidences = inc.latest.path("evidences");
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (JsonNode e : evidences) {
            min = Math.min(min, e.at("/data/time").asLong());
            max = Math.max(max, e.at("/data/time").asLong());
        }
        for (Incident.Escalation e : inc.escalations) {
            min = Math.min(min, e.time);
            max = Math.max(max, e.time);
        }
        if (min > max) {
            min = max = inc.latest.path("time").asLong();
        }
        long span = Math.max(60_000, max - min);
        long from = min - span / 25;
        long to = from + span + 2 * (span / 25);
        int height = TOP + CATEGORIES.length * LANE + 36;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"Timeline of incident ")
                .append(Html.text(inc.uid, 64))
                .append("\">\n");
        for (int i = 0; i < CATEGORIES.length; i++) {
            int y = TOP + i * LANE;
            s.append("<g class=\"lane\" data-category=\"")
                    .append(i + 1)
                    .append("\">")
                    .append("<rect class=\"lane-bg lane-")
                    .append(i % 2)
                    .append("\" x=\"")
                    .append(LEFT)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(WIDTH - LEFT - RIGHT)
                    .append("\" height=\"")
                    .append(LANE)
                    .append("\"/>")
                    .append("<text class=\"lane-label\" x=\"")
                    .append(LEFT - 8)
                    .append("\" y=\"")
                    .append(y + LANE / 2 + 4)
                    .append("\">[")
                    .append(i + 1)
                    .append("] ")
                    .append(CATEGORIES[i])
                    .append("</text></g>\n");
        }
        window(s, inc, from, to);
        axis(s, from, to, height);
        for (Incident.Escalation e : inc.escalations) {
            int x = x(e.time, from, to);
            s.append("<g class=\"escalation\" data-severity=\"")
                    .append(Html.text(e.severity, 20))
                    .append("\"><line x1=\"")
                    .append(x)
                    .append("\" x2=\"")
                    .append(x)
                    .append("\" y1=\"")
                    .append(TOP - 6)
                    .append("\" y2=\"")
                    .append(TOP + CATEGORIES.length * LANE)
                    .append("\"/><text x=\"")
                    .append(x + 3)
                    .append("\" y=\"")
                    .append(TOP - 10)
                    .append("\">&#9650; ")
                    .append(Html.text(e.severity, 20))
                    .append("</text><title>Severity ")
                    .append(Html.text(e.severity, 20))
                    .append(" at ")
                    .append(Html.time(e.time))
                    .append("</title></g>\n");
        }
        events(s, evidences, from, to);
        return s.append("</svg>\n").toString();
    }

    private static void window(StringBuilder s, Incident inc, long from, long to) {
        long end =
                inc.escalations.isEmpty()
                        ? inc.latest.at("/finding_info/last_seen_time").asLong(to)
                        : inc.escalations.get(inc.escalations.size() - 1).time;
        int x0 = x(Math.max(from, end - WINDOW_MS), from, to);
        int x1 = x(end, from, to);
        s.append("<g class=\"window\"><rect x=\"")
                .append(x0)
                .append("\" y=\"")
                .append(TOP)
                .append("\" width=\"")
                .append(Math.max(2, x1 - x0))
                .append("\" height=\"")
                .append(CATEGORIES.length * LANE)
                .append("\"/><text x=\"")
                .append(x0 + 4)
                .append("\" y=\"")
                .append(TOP + CATEGORIES.length * LANE - 4)
                .append("\">15-min incident window ")
                .append(Html.clock(end - WINDOW_MS))
                .append("\u2013")
                .append(Html.clock(end))
                .append("</text></g>\n");
    }

    private static void axis(StringBuilder s, long from, long to, int height) {
        int y = TOP + CATEGORIES.length * LANE;
        s.append("<g class=\"axis\"><line x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y1=\"")
                .append(y)
                .append("\" y2=\"")
                .append(y)
                .append("\"/>");
        for (int i = 0; i <= 5; i++) {
            long t = from + (to - from) * i / 5;
            int x = x(t, from, to);
            s.append("<text x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(y + 16)
                    .append("\">")
                    .append(Html.clock(t))
                    .append("</text>");
        }
        s.append("<text x=\"")
                .append(WIDTH - RIGHT)
                .append("\" y=\"")
                .append(height - 4)
                .append("\" class=\"utc\">UTC</text></g>\n");
    }

    private static void events(StringBuilder s, JsonNode evidences, long from, long to) {
        Map<String, Integer> stacked = new HashMap<>();
        for (JsonNode e : evidences) {
            int category = e.at("/data/category").asInt();
            if (category < 1 || category > CATEGORIES.length) {
                continue;
            }
            long t = e.at("/data/time").asLong();
            int x = x(t, from, to);
            int k = stacked.merge(category + "|" + x / 6, 1, Integer::sum) - 1;
            int y = TOP + (category - 1) * LANE + LANE / 2 + ((k % 5) - 2) * 5;
            boolean routine = e.at("/data/routine").asBoolean();
            s.append("<circle class=\"ev cat-")
                    .append(category)
                    .append(routine ? " routine" : "")
                    .append("\" cx=\"")
                    .append(x)
                    .append("\" cy=\"")
                    .append(y)
                    .append("\" r=\"6\"")
                    .append(" data-event=\"")
                    .append(Html.text(e.at("/api/request/uid").asText(), 128))
                    .append("\" data-detection=\"")
                    .append(Html.text(e.at("/data/detection_uid").asText(), 32))
                    .append("\"><title>")
                    .append(Html.time(t))
                    .append(" \u2014 ")
                    .append(Html.text(e.at("/api/operation").asText(), 80))
                    .append(" (")
                    .append(Html.text(e.at("/data/detection_uid").asText(), 32))
                    .append("): ")
                    .append(Html.text(e.at("/data/summary").asText(), 200))
                    .append(routine ? " [routine]" : "")
                    .append("</title></circle>\n");
        }
    }

    private static int x(long t, long from, long to) {
        return LEFT + (int) Math.round((double) (t - from) / (to - from) * (WIDTH - LEFT - RIGHT));
    }

    static String lane(int category) {
        return category >= 1 && category <= CATEGORIES.length
                ? String.format(Locale.ROOT, "[%d] %s", category, CATEGORIES[category - 1])
                : "?";
    }
}
