package io.trailsentry.finding;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.created;
import static io.trailsentry.detect.TestEvents.typed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.TestEvents;
import io.trailsentry.detect.rules.DryRunProbe;
import io.trailsentry.detect.rules.GpuCompute;
import io.trailsentry.detect.rules.MinerMarkers;
import io.trailsentry.detect.rules.TerminationProtection;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.Incident;
import io.trailsentry.incident.IncidentCorrelator;
import io.trailsentry.incident.IncidentPolicy;
import io.trailsentry.incident.ResourceRef;
import io.trailsentry.principal.Principal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcsfWriterTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Every finding of an incident fed {@code signals}, its closing one last. */
    static List<Finding> play(Signal... signals) {
        IncidentCorrelator c = new IncidentCorrelator(IncidentPolicy.defaults());
        Incident inc = IncidentCorrelator.open(signals[0]);
        List<Finding> out = new ArrayList<>();
        for (Signal s : signals) {
            Finding f = c.add(inc, s);
            if (f != null) {
                out.add(f);
            }
        }
        Finding last = c.closing(inc);
        if (last != null) {
            out.add(last);
        }
        return out;
    }

    static Finding sampleFinding() {
        Signal dry =
                Signal.of(
                        DryRunProbe.DETECTION,
                        TestEvents.dryRun(T0, "e1", "Client.DryRunOperation"),
                        TestEvents.ATTACKER,
                        "RunInstances DryRun allowed p3.2xlarge");
        dry.errorMessage = "Request would have succeeded, but DryRun flag is set.";
        return play(
                        dry,
                        typed(GpuCompute.DETECTION, T0 + 5_000, "e2", ResourceType.INSTANCE, "i-2"),
                        typed(
                                TerminationProtection.DETECTION,
                                T0 + 6_000,
                                "e3",
                                ResourceType.INSTANCE,
                                "i-1"))
                .get(0);
    }

    static JsonNode json(Finding f) throws Exception {
        return JSON.readTree(new OcsfWriter("1.2.3").toJson(f));
    }

    @Test
    void everyRequiredFieldIsPresent() throws Exception {
        Finding f = sampleFinding();
        JsonNode json = json(f);
        for (String pointer : OcsfWriter.REQUIRED_FIELDS) {
            assertThat(json.at(pointer).isMissingNode()).as(pointer).isFalse();
        }
        assertThat(json.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(json.get("category_uid").asInt()).isEqualTo(2);
        assertThat(json.get("type_uid").asInt()).isEqualTo(200401);
        assertThat(json.get("type_name").asText()).isEqualTo("Detection Finding: Create");
        assertThat(json.get("activity_id").asInt()).isEqualTo(1);
        assertThat(json.at("/metadata/version").asText()).isEqualTo("1.6.0");
        assertThat(json.at("/metadata/profiles").toString()).isEqualTo("[\"cloud\",\"host\"]");
        assertThat(json.has("attacks")).as("top-level attacks is the security_control's").isFalse();
        assertThat(json.at("/finding_info/uid").asText()).isEqualTo(f.uid);
        assertThat(json.at("/unmapped/trailsentry/finding_version").asInt()).isEqualTo(1);
        assertThat(json.at("/actor/user/programmatic_credentials/0/uid").asText())
                .isEqualTo("AKIASTOLEN");
        assertThat(json.at("/actor/user/programmatic_credentials/0/last_used_time").asLong())
                .isEqualTo(T0 + 5_000);
        assertThat(json.at("/actor/user").has("credential_uid")).as("deprecated in 1.6").isFalse();
        assertThat(json.at("/actor/user/type").asText()).isEqualTo("IAMUser");
        assertThat(json.at("/actor/user/type_id").asInt()).isEqualTo(99);
        assertThat(json.at("/cloud/account/type_id").asInt()).isEqualTo(10);
        assertThat(json.at("/resources/0/type").asText()).isEqualTo("AWS::EC2::Instance");
        assertThat(json.get("is_alert").asBoolean()).isTrue();
    }

    @Test
    void attacksNameTechniqueSubTechniqueAndTacticWithTheirIds() throws Exception {
        JsonNode attacks = json(sampleFinding()).at("/finding_info/attacks");
        JsonNode hijack = null;
        for (JsonNode a : attacks) {
            assertThat(a.at("/tactic/uid").asText()).matches("TA\\d{4}");
            assertThat(a.at("/technique/uid").asText()).matches("T\\d{4}");
            if (a.has("sub_technique")) {
                hijack = a;
            }
        }
        assertThat(hijack).isNotNull();
        assertThat(hijack.at("/technique/uid").asText()).isEqualTo("T1496");
        assertThat(hijack.at("/technique/name").asText()).isEqualTo("Resource Hijacking");
        assertThat(hijack.at("/sub_technique/uid").asText()).isEqualTo("T1496.001");
        assertThat(hijack.at("/sub_technique/name").asText()).isEqualTo("Compute Hijacking");
        assertThat(hijack.at("/tactic/uid").asText()).isEqualTo("TA0040");
        for (JsonNode a : json(sampleFinding()).at("/finding_info/related_analytics")) {
            assertThat(a.get("type_id").asInt()).as(a.toString()).isEqualTo(1);
            assertThat(a.get("type").asText()).isEqualTo("Rule");
        }
    }

    @Test
    void evidenceKeepsErrorsUserAgentAndKeyInTheirStandardHomes() throws Exception {
        JsonNode ev = json(sampleFinding()).at("/evidences/0");
        assertThat(ev.at("/api/operation").asText()).isEqualTo("RunInstances");
        assertThat(ev.at("/api/response/error").asText()).isEqualTo("Client.DryRunOperation");
        assertThat(ev.at("/api/response/error_message").asText()).contains("DryRun flag is set");
        assertThat(ev.at("/http_request/user_agent").asText()).isEqualTo("Boto3/1.28.62");
        assertThat(ev.at("/actor/user/programmatic_credentials/0/uid").asText())
                .isEqualTo("AKIASTOLEN");
        assertThat(ev.at("/actor/user/programmatic_credentials/0/type").asText())
                .isEqualTo("AWS access key");
        assertThat(ev.at("/src_endpoint/ip").asText()).isEqualTo("203.0.113.77");
        assertThat(ev.at("/data/detection_uid").asText()).isEqualTo("TS-PV-001");
        assertThat(ev.path("data").has("user_agent")).isFalse();
        assertThat(ev.path("data").has("access_key_id")).isFalse();
        assertThat(OcsfEvidence.isIpLiteral("2001:db8::7")).isTrue();
        assertThat(OcsfEvidence.isIpLiteral("ec2.amazonaws.com")).isFalse();
        assertThat(OcsfEvidence.isIpLiteral("AWS Internal")).isFalse();
    }

    @Test
    void seenTimesBoundTheEvidenceAndVersionsKeepTheirCreationTime() throws Exception {
        List<Finding> all =
                play(
                        typed(
                                MinerMarkers.DETECTION,
                                T0,
                                "e1",
                                ResourceType.TASK_DEFINITION,
                                "td:1"),
                        typed(
                                TerminationProtection.DETECTION,
                                T0 + 2_000,
                                "e2",
                                ResourceType.INSTANCE,
                                "i"),
                        // a creating call after the last evidence: not evidence, not last seen
                        created(T0 + 90_000, "e3", ResourceType.ECS_CLUSTER, "c1"));
        assertThat(all).hasSizeGreaterThanOrEqualTo(2);
        for (Finding f : all) {
            JsonNode json = json(f);
            long newest = 0;
            for (JsonNode e : json.get("evidences")) {
                newest = Math.max(newest, e.at("/data/time").asLong());
            }
            assertThat(json.at("/finding_info/first_seen_time").asLong()).isEqualTo(T0);
            assertThat(json.at("/finding_info/last_seen_time").asLong()).isEqualTo(newest);
            assertThat(json.get("end_time").asLong()).isEqualTo(newest);
            assertThat(json.at("/finding_info/created_time").asLong()).isEqualTo(T0);
            assertThat(json.at("/finding_info/modified_time").asLong()).isEqualTo(f.time);
        }
        JsonNode close = json(all.get(all.size() - 1));
        assertThat(close.at("/finding_info/last_seen_time").asLong()).isEqualTo(T0 + 2_000);
        assertThat(close.at("/resources").findValuesAsText("uid")).contains("c1");
    }

    @Test
    void theLastFindingClosesTheIncidentAsResolved() throws Exception {
        List<Finding> all =
                play(typed(MinerMarkers.DETECTION, T0, "e1", ResourceType.TASK_DEFINITION, "td:1"));
        JsonNode close = json(all.get(all.size() - 1));
        assertThat(close.get("activity_id").asInt()).isEqualTo(3);
        assertThat(close.get("activity_name").asText()).isEqualTo("Close");
        assertThat(close.get("type_uid").asInt()).isEqualTo(200403);
        assertThat(close.get("status_id").asInt()).isEqualTo(4);
        assertThat(close.get("status").asText()).isEqualTo("Resolved");
        assertThat(close.get("status_detail").asText())
                .isEqualTo("Incident closed: no new evidence for 120 min");
        assertThat(close.get("is_alert").asBoolean()).isFalse();
        assertThat(close.at("/unmapped/trailsentry/response_plan").size()).isPositive();
    }

    @Test
    void roleSessionsLiveInActorSession() throws Exception {
        Principal role =
                new Principal(
                        "111122223333",
                        "arn:aws:iam::111122223333:role/ci/platform-ci",
                        "AssumedRole",
                        "gitlab-7");
        role.userId = "AROAEXAMPLEID:gitlab-7";
        Signal s = typed(MinerMarkers.DETECTION, T0, "e1", ResourceType.TASK_DEFINITION, "td:1");
        s.principal = role;
        s.accessKeyId = "ASIASESSION";
        JsonNode json = json(play(s).get(0));
        assertThat(json.at("/actor/user/uid").asText()).isEqualTo(role.arn);
        assertThat(json.at("/actor/user/uid_alt").asText()).isEqualTo("AROAEXAMPLEID");
        assertThat(json.at("/actor/session/uid").asText()).isEqualTo("AROAEXAMPLEID:gitlab-7");
        assertThat(json.at("/actor/session/uid_alt").asText())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/platform-ci/gitlab-7");
        assertThat(json.at("/actor/session/issuer").asText()).isEqualTo(role.arn);
        assertThat(json.at("/actor/session/credential_uid").asText()).isEqualTo("ASIASESSION");
        assertThat(json.at("/unmapped/trailsentry/sessions/0/user_id").asText())
                .isEqualTo(role.userId);
        assertThat(json.at("/unmapped/trailsentry").has("session_name")).isFalse();
    }

    @Test
    void suppressionSaysWhyInStatusDetail() throws Exception {
        Finding f = sampleFinding();
        f.suppressed = true;
        f.suppressionReason = "allowlisted automation principal";
        JsonNode json = json(f);
        assertThat(json.get("status_id").asInt()).isEqualTo(3);
        assertThat(json.get("status_detail").asText())
                .isEqualTo("Suppressed by policy: allowlisted automation principal");
        assertThat(json.at("/unmapped/trailsentry/suppressed").asBoolean()).isTrue();
        assertThat(json.at("/unmapped/trailsentry").has("suppression_reason")).isFalse();
        assertThat(json.at("/remediation/desc").asText()).startsWith("Suppressed by policy");
    }

    @Test
    void eachResourceIsListedOnceWithTheTimeOfItsCall() throws Exception {
        Finding f = sampleFinding();
        f.targets =
                new ResourceRef[] {
                    new ResourceRef(
                            ResourceType.LAUNCH_TEMPLATE,
                            "web-lt",
                            "us-east-1",
                            "modified",
                            "X",
                            7),
                    new ResourceRef(
                            ResourceType.OTHER,
                            "web-lt",
                            "us-east-1",
                            "modified",
                            "CreateFleet",
                            8),
                    new ResourceRef(
                            ResourceType.LAUNCH_TEMPLATE_VERSION,
                            "web-lt:3",
                            "us-east-1",
                            "modified",
                            "Y",
                            9),
                    new ResourceRef(
                            ResourceType.INSTANCE,
                            "i-1",
                            "us-east-1",
                            "created",
                            "RunInstances",
                            5),
                    new ResourceRef(
                            ResourceType.OTHER,
                            "fleet-1",
                            "us-east-1",
                            "modified",
                            "CreateFleet",
                            6)
                };
        JsonNode res = json(f).get("resources");
        assertThat(res.findValuesAsText("uid"))
                .containsExactly("web-lt", "web-lt:3", "i-1", "fleet-1");
        assertThat(res.get(0).get("modified_time").asLong()).isEqualTo(7);
        assertThat(res.get(1).get("name").asText()).isEqualTo("web-lt");
        assertThat(res.get(1).get("version").asText()).isEqualTo("3");
        assertThat(res.get(2).get("created_time").asLong()).isEqualTo(5);
        assertThat(res.get(2).at("/data/provenance").asText()).isEqualTo("created");
        assertThat(res.get(3).get("type").asText()).isEqualTo("Other");
    }

    @Test
    void remediationSummarisesThePlanPhaseByPhase() throws Exception {
        String desc = json(sampleFinding()).at("/remediation/desc").asText();
        assertThat(desc)
                .contains("steps, in order (unmapped.trailsentry.response_plan)")
                .contains("Contain: Deactivate access key AKIASTOLEN")
                .contains("Eradicate: ");
        assertThat(desc.length()).isLessThanOrEqualTo(Remediation.MAX);
    }

    @Test
    void markupInAttackerTextNeverAppearsRawInTheJson() throws Exception {
        Finding f = sampleFinding();
        f.evidence[0].userAgent = "<script>alert(1)</script>\u2028";
        f.evidence[0].summary = "<img src=x onerror=alert(1)> \"</style>'&";
        String text = new OcsfWriter("t").toJson(f);
        assertThat(text).doesNotContain("<", ">", "&", "'", "\u2028");
        JsonNode back = JSON.readTree(text);
        assertThat(back.at("/evidences/0/http_request/user_agent").asText())
                .isEqualTo("<script>alert(1)</script>?");
        assertThat(back.at("/evidences/0/data/summary").asText())
                .isEqualTo("<img src=x onerror=alert(1)> \"</style>'&");
    }
}
