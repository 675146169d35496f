package io.trailsentry.testdata.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One incident's part of the report, from its latest finding. */
final class IncidentSection {
    private IncidentSection() {}

    static void render(StringBuilder s, Incident inc, String anchor) {
        JsonNode f = inc.latest;
        s.append("<section class=\"incident\" id=\"")
                .append(anchor)
                .append("\" data-uid=\"")
                .append(Html.text(inc.uid, 64))
                .append("\">\n<h2>")
                .append(ReportPage.badge(f))
                .append(' ')
                .append(Html.text(f.at("/finding_info/title").asText(), 300))
                .append("</h2>\n");
        facts(s, inc);
        s.append("<h3>Timeline</h3>\n")
                .append(Timeline.svg(inc))
                .append("<p class=\"legend\">One lane per behavioural category; a dot per evidence")
                .append(" event (hollow: routine for this principal, shown but not counted);")
                .append(" red lines: the severity rose; shaded: the 15-minute incident window")
                .append(" ending at the highest severity.</p>\n");
        s.append("<h3>Why</h3>\n<p class=\"explanation\">")
                .append(Html.text(f.at("/finding_info/desc").asText(), 4000))
                .append("</p>\n");
        evidence(s, f.path("evidences"));
        resources(s, f.path("resources"));
        plan(s, f);
        s.append("</section>\n");
    }

    private static void facts(StringBuilder s, Incident inc) {
        JsonNode f = inc.latest;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"principal", f.at("/actor/user/uid").asText()});
        rows.add(new String[] {"identity type", f.at("/actor/user/type").asText()});
        rows.add(new String[] {"account", f.at("/cloud/account/uid").asText()});
        if (f.at("/actor/session").isObject()) {
            rows.add(new String[] {"session", f.at("/actor/session/uid_alt").asText()});
        }
        List<String> keys = new ArrayList<>();
        f.at("/actor/user/programmatic_credentials").forEach(k -> keys.add(k.path("uid").asText()));
        rows.add(new String[] {"access keys", String.join(", ", keys)});
        String status = f.path("status").asText();
        String detail = f.path("status_detail").asText("");
        rows.add(new String[] {"status", detail.isEmpty() ? status : status + ": " + detail});
        rows.add(
                new String[] {
                    "first / last seen",
                    Html.time(f.at("/finding_info/first_seen_time").asLong())
                            + " \u2013 "
                            + Html.time(f.at("/finding_info/last_seen_time").asLong())
                });
        rows.add(
                new String[] {
                    "reported / this version",
                    Html.time(f.at("/finding_info/created_time").asLong())
                            + " / "
                            + Html.time(f.at("/finding_info/modified_time").asLong())
                });
        rows.add(
                new String[] {
                    "versions", inc.versions + " (latest " + f.at("/metadata/uid").asText() + ")"
                });
        s.append("<dl class=\"facts\">");
        for (String[] r : rows) {
            s.append("<dt>")
                    .append(r[0])
                    .append("</dt><dd>")
                    .append(Html.text(r[1], 300))
                    .append("</dd>");
        }
        s.append("</dl>\n");
    }

    private static void evidence(StringBuilder s, JsonNode evidences) {
        s.append("<h3>Evidence (")
                .append(evidences.size())
                .append(")</h3>\n")
                .append("<table class=\"evidence\"><thead><tr><th>time</th><th>category</th>")
                .append("<th>detection</th><th>call</th><th>outcome</th><th>source</th>")
                .append("<th>user agent</th><th>what</th></tr></thead><tbody>\n");
        for (JsonNode e : evidences) {
            String source =
                    e.at("/src_endpoint/ip").asText(e.at("/src_endpoint/svc_name").asText(""));
            String error = e.at("/api/response/error").asText("");
            s.append("<tr class=\"evidence-row")
                    .append(e.at("/data/routine").asBoolean() ? " routine" : "")
                    .append("\" data-event=\"")
                    .append(Html.text(e.at("/api/request/uid").asText(), 128))
                    .append("\"><td>")
                    .append(Html.time(e.at("/data/time").asLong()))
                    .append("</td><td>")
                    .append(Html.text(Timeline.lane(e.at("/data/category").asInt()), 60))
                    .append("</td><td><code>")
                    .append(Html.text(e.at("/data/detection_uid").asText(), 32))
                    .append("</code></td><td><code>")
                    .append(Html.text(e.at("/api/operation").asText(), 80))
                    .append("</code><br>")
                    .append(Html.text(e.at("/api/service/name").asText(), 80))
                    .append("<br><code>")
                    .append(Html.text(e.at("/api/request/uid").asText(), 80))
                    .append("</code></td><td>")
                    .append(error.isEmpty() ? "ok" : Html.text(error, 64))
                    .append("</td><td>")
                    .append(Html.text(source, 64))
                    .append("</td><td>")
                    .append(Html.text(e.at("/http_request/user_agent").asText(), 160))
                    .append("</td><td>")
                    .append(Html.text(e.at("/data/summary").asText(), 400))
                    .append(e.at("/data/routine").asBoolean() ? " <em>(routine)</em>" : "")
                    .append("</td></tr>\n");
        }
        s.append("</tbody></table>\n");
    }

    private static void resources(StringBuilder s, JsonNode resources) {
        s.append("<h3>Resources (")
                .append(resources.size())
                .append(")</h3>\n")
                .append("<table class=\"resources\"><thead><tr><th>type</th><th>id</th>")
                .append(
                        "<th>region</th><th>provenance</th><th>call</th><th>time</th></tr></thead><tbody>\n");
        for (JsonNode r : resources) {
            String prov = r.at("/data/provenance").asText();
            long time = r.path("created_time").asLong(r.path("modified_time").asLong());
            s.append("<tr class=\"resource-row\"><td>")
                    .append(Html.text(r.path("type").asText(), 60))
                    .append("</td><td><code>")
                    .append(Html.text(r.path("uid").asText(), 200))
                    .append("</code>")
                    .append(
                            r.at("/data/cluster").isTextual()
                                    ? " in cluster <code>"
                                            + Html.text(r.at("/data/cluster").asText(), 100)
                                            + "</code>"
                                    : "")
                    .append("</td><td>")
                    .append(Html.text(r.path("region").asText(), 30))
                    .append("</td><td class=\"prov-")
                    .append(Html.cssClass(prov))
                    .append("\">")
                    .append(Html.text(prov, 20))
                    .append("</td><td><code>")
                    .append(Html.text(r.at("/data/event").asText(), 60))
                    .append("</code></td><td>")
                    .append(Html.time(time))
                    .append("</td></tr>\n");
        }
        s.append("</tbody></table>\n");
    }

    private static void plan(StringBuilder s, JsonNode f) {
        JsonNode plan = f.at("/unmapped/trailsentry/response_plan");
        s.append("<h3>Response plan (")
                .append(plan.size())
                .append(plan.size() == 1 ? " step" : " steps")
                .append(")</h3>\n<p class=\"remediation\">")
                .append(Html.text(f.at("/remediation/desc").asText(), 1200))
                .append("</p>\n<ol class=\"plan\">\n");
        for (JsonNode step : plan) {
            String phase = step.path("phase").asText();
            s.append("<li class=\"step\" data-action=\"")
                    .append(Html.text(step.path("action").asText(), 60))
                    .append("\"><span class=\"phase phase-")
                    .append(Html.cssClass(phase))
                    .append("\">")
                    .append(Html.text(phase, 20))
                    .append("</span> <code>")
                    .append(Html.text(step.path("action").asText(), 60))
                    .append("</code> <code>")
                    .append(Html.text(step.path("target").asText(), 200))
                    .append("</code>")
                    .append(
                            step.hasNonNull("region")
                                    ? " (" + Html.text(step.path("region").asText(), 30) + ")"
                                    : "")
                    .append(" \u2014 ")
                    .append(Html.text(step.path("description").asText(), 400))
                    .append(
                            step.hasNonNull("provenance")
                                    ? " <span class=\"prov-"
                                            + Html.cssClass(step.path("provenance").asText())
                                            + "\">["
                                            + Html.text(step.path("provenance").asText(), 20)
                                            + "]</span>"
                                    : "")
                    .append("</li>\n");
        }
        s.append("</ol>\n");
    }
}
