package io.trailsentry.testdata.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.finding.OcsfWriter;
import io.trailsentry.incident.Finding;
import io.trailsentry.testdata.Labels;
import io.trailsentry.testdata.eval.Evaluation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The incident page of the sample campaign as headless Chromium renders it: the DOM it builds
 * (incident, lanes, every evidence event on the timeline, escalations, resources, every plan step)
 * and a screenshot in {@code target/report/}; and a finding with planted markup, from which nothing
 * runs and no element is made.
 */
class IncidentPageITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path OUT = Path.of("target", "report");
    static Path findings;
    static Chromium chromium;

    /**
     * The sample corpus through the job (default settings), its findings as the job writes them.
     */
    @BeforeAll
    static void sampleFindings() throws Exception {
        chromium = Chromium.find();
        Labels labels = Labels.read(Path.of("sample/labels.json"));
        List<Finding> all =
                Evaluation.run(labels, List.of("--input", "sample/sample.json.gz"), 2).allFindings;
        OcsfWriter writer = new OcsfWriter("report-test");
        StringBuilder lines = new StringBuilder();
        for (Finding f : all) {
            lines.append(writer.toJson(f)).append('\n');
        }
        Files.createDirectories(OUT);
        findings = OUT.resolve("sample-findings.jsonl");
        Files.writeString(findings, lines, StandardCharsets.UTF_8);
    }

    static JsonNode latest(Path file) throws Exception {
        JsonNode last = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode f = JSON.readTree(line);
            if (last == null || Incident.version(f) > Incident.version(last)) {
                last = f;
            }
        }
        return last;
    }

    @Test
    void theSampleIncidentRendersWithEveryEvidenceEventOnTheTimeline() throws Exception {
        Path page = ReportMain.write(findings, OUT.resolve("sample"));
        long started = System.nanoTime();
        Document dom = Jsoup.parse(chromium.dumpDom(page));
        chromium.screenshot(page, OUT.resolve("sample-incident.png"), 1280, 1800);
        System.out.printf(
                "incident page: DOM and screenshot by headless Chromium in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        JsonNode latest = latest(findings);

        assertThat(dom.select("tr.incident-row")).hasSize(1);
        Element incident = dom.selectFirst("section.incident");
        assertThat(incident.attr("data-uid")).isEqualTo(latest.at("/finding_info/uid").asText());
        assertThat(incident.selectFirst("h2").text())
                .endsWith(latest.at("/finding_info/title").asText());
        assertThat(incident.select("svg.timeline g.lane text.lane-label"))
                .extracting(Element::text)
                .containsExactly(
                        "[1] new or rare principal / source",
                        "[2] rapid enumeration across services",
                        "[3] permission validation",
                        "[4] sudden compute provisioning",
                        "[5] suspicious container workload",
                        "[6] response friction and persistence",
                        "[7] credential access and lateral movement",
                        "[8] data exposure and exfiltration");
        Set<String> evidence = new HashSet<>();
        List<String> dots = new ArrayList<>();
        latest.get("evidences").forEach(e -> evidence.add(e.at("/api/request/uid").asText()));
        incident.select("svg.timeline circle.ev").forEach(c -> dots.add(c.attr("data-event")));
        assertThat(dots).hasSize(latest.get("evidences").size());
        assertThat(new HashSet<>(dots)).isEqualTo(evidence);
        assertThat(incident.select("svg.timeline g.escalation"))
                .extracting(e -> e.attr("data-severity"))
                .endsWith("Critical");
        assertThat(incident.select("svg.timeline g.window text").text())
                .startsWith("15-min incident window");
        assertThat(incident.select("table.evidence tr.evidence-row"))
                .hasSize(latest.get("evidences").size());
        assertThat(incident.select("table.resources tr.resource-row"))
                .hasSize(latest.get("resources").size());
        assertThat(incident.select("table.resources td.prov-created")).isNotEmpty();
        JsonNode plan = latest.at("/unmapped/trailsentry/response_plan");
        assertThat(incident.select("ol.plan li.step")).hasSize(plan.size());
        assertThat(incident.select("ol.plan li.step").first().attr("data-action"))
                .isEqualTo(plan.get(0).path("action").asText());
        assertThat(dom.select("script")).isEmpty();
        assertThat(dom.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .contains("default-src 'none'", "script-src 'none'");
    }

    @Test
    void markupPlantedInAFindingNeverRuns() throws Exception {
        ObjectNode f = (ObjectNode) latest(findings);
        String script =
                "<script>document.body.insertAdjacentHTML('beforeend','<p id=pwned>x</p>')</script>";
        String img = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";
        String style = "\"</style><style>body{display:none}</style>";
        ((ObjectNode) f.get("finding_info")).put("title", script).put("desc", style + img);
        ObjectNode ev = (ObjectNode) f.at("/evidences/0");
        ((ObjectNode) ev.get("http_request")).put("user_agent", img);
        ((ObjectNode) ev.get("data"))
                .put("summary", style + script)
                .put("detection_uid", "</svg>" + script);
        ((ObjectNode) ev.at("/api/request")).put("uid", "\"><svg onload=alert(1)>");
        ((ObjectNode) f.at("/resources/0")).put("uid", style);
        ((ObjectNode) f.at("/actor/user")).put("uid", "' onmouseover='alert(1)");
        ArrayNode plan = (ArrayNode) f.at("/unmapped/trailsentry/response_plan");
        ((ObjectNode) plan.get(0))
                .put("description", "<iframe src=javascript:alert(1)>")
                .put("phase", "contain\" onclick=\"alert(1)");
        Path planted = OUT.resolve("planted-findings.jsonl");
        Files.writeString(planted, JSON.writeValueAsString(f) + "\n", StandardCharsets.UTF_8);
        Path page = ReportMain.write(planted, OUT.resolve("planted"));
        Document dom = Jsoup.parse(chromium.dumpDom(page));
        chromium.screenshot(page, OUT.resolve("planted-incident.png"), 1280, 900);

        assertThat(dom.select("script, img, iframe, #pwned")).isEmpty();
        assertThat(dom.select("style")).hasSize(1);
        assertThat(dom.body().hasAttr("data-pwned")).isFalse();
        assertThat(dom.title()).isEqualTo("TrailSentry incidents");
        assertThat(dom.select("svg svg")).isEmpty();
        for (Element e : dom.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey()).as("attribute of <%s>", e.tagName()).doesNotStartWith("on");
            }
        }
        // the planted text is shown as text
        assertThat(dom.selectFirst("section.incident h2").text()).contains(script);
        assertThat(dom.selectFirst("tr.evidence-row").text()).contains(img);
        assertThat(dom.selectFirst("svg.timeline circle.ev").attr("data-event"))
                .isEqualTo("\"><svg onload=alert(1)>");
        assertThat(dom.selectFirst("tr.resource-row").text()).contains("</style><style>");
    }
}
