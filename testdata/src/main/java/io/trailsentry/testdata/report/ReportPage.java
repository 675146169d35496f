package io.trailsentry.testdata.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The report: one self-contained HTML page (inline CSS and SVG, no script, no external resource; a
 * Content-Security-Policy that allows the one stylesheet by its hash and nothing else), an index of
 * incidents by severity and time, then each incident's latest version: facts, timeline,
 * explanation, evidence, resources with their provenance, and the response plan.
 */
final class ReportPage {
    static final String CSS = css();

    private ReportPage() {}

    /** The Content-Security-Policy of the page: nothing but its own stylesheet. */
    static String contentSecurityPolicy() {
        return "default-src 'none'; style-src '"
                + sha256(CSS)
                + "'; img-src 'none'; "
                + "script-src 'none'; base-uri 'none'; form-action 'none'";
    }

    static String render(List<Incident> incidents, String source, int findings) {
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(contentSecurityPolicy())
                .append("\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append(
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>TrailSentry incidents</title>\n<style>")
                .append(CSS)
                .append("</style></head>\n<body>\n<header><h1>TrailSentry incidents</h1><p>")
                .append(incidents.size())
                .append(incidents.size() == 1 ? " incident" : " incidents")
                .append(" from ")
                .append(findings)
                .append(" findings in ")
                .append(Html.text(source, 200))
                .append("</p></header>\n");
        index(s, incidents);
        for (int i = 0; i < incidents.size(); i++) {
            IncidentSection.render(s, incidents.get(i), "inc-" + (i + 1));
        }
        return s.append("</body></html>\n").toString();
    }

    private static void index(StringBuilder s, List<Incident> incidents) {
        s.append("<section id=\"index\"><h2>Incidents by severity and time</h2>\n")
                .append("<table class=\"index\"><thead><tr><th>severity</th><th>incident</th>")
                .append("<th>principal</th><th>first seen</th><th>last seen</th><th>status</th>")
                .append("<th>versions</th></tr></thead><tbody>\n");
        for (int i = 0; i < incidents.size(); i++) {
            Incident inc = incidents.get(i);
            JsonNode f = inc.latest;
            s.append("<tr class=\"incident-row\" data-uid=\"")
                    .append(Html.text(inc.uid, 64))
                    .append("\"><td>")
                    .append(badge(f))
                    .append("</td><td><a href=\"#inc-")
                    .append(i + 1)
                    .append("\">")
                    .append(Html.text(f.at("/finding_info/title").asText(), 200))
                    .append("</a></td><td><code>")
                    .append(Html.text(f.at("/actor/user/uid").asText(), 160))
                    .append("</code></td><td>")
                    .append(Html.time(f.at("/finding_info/first_seen_time").asLong()))
                    .append("</td><td>")
                    .append(Html.time(f.at("/finding_info/last_seen_time").asLong()))
                    .append("</td><td>")
                    .append(Html.text(f.path("status").asText(), 40))
                    .append("</td><td>")
                    .append(inc.versions)
                    .append("</td></tr>\n");
        }
        s.append("</tbody></table></section>\n");
    }

    static String badge(JsonNode f) {
        String sev = f.path("severity").asText();
        return "<span class=\"sev sev-"
                + Html.cssClass(sev)
                + "\">"
                + Html.text(sev, 20)
                + "</span>";
    }

    private static String css() {
        try (InputStream in = ReportPage.class.getResourceAsStream("/report/report.css")) {
            if (in == null) {
                throw new IllegalStateException("report/report.css is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
