package io.trailsentry.finding;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.signal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Signal;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.Incident;
import io.trailsentry.incident.IncidentCorrelator;
import io.trailsentry.incident.IncidentPolicy;
import org.junit.jupiter.api.Test;

class OcsfWriterTest {

    static Finding sampleFinding() {
        IncidentCorrelator c = new IncidentCorrelator(IncidentPolicy.defaults());
        Signal dry = signal(Detections.DRYRUN_PROBE, T0, "e1");
        Incident inc = IncidentCorrelator.open(dry);
        c.add(inc, dry);
        return c.add(
                inc,
                signal(Detections.TERMINATION_PROTECTION, T0 + 5_000, "e2", "i-1")
                        .on(ResourceType.INSTANCE));
    }

    @Test
    void everyRequiredFieldIsPresent() throws Exception {
        Finding f = sampleFinding();
        JsonNode json = new ObjectMapper().readTree(new OcsfWriter("1.2.3").toJson(f));
        for (String pointer : OcsfWriter.REQUIRED_FIELDS) {
            assertThat(json.at(pointer).isMissingNode()).as(pointer).isFalse();
        }
        assertThat(json.at("/actor/user/credential_uid").isMissingNode()).isFalse();
        assertThat(json.at("/evidences/0/api/operation").isMissingNode()).isFalse();
        assertThat(json.at("/attacks/0/technique/uid").isMissingNode()).isFalse();
        assertThat(json.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(json.get("category_uid").asInt()).isEqualTo(2);
        assertThat(json.get("type_uid").asInt()).isEqualTo(200401);
        assertThat(json.get("activity_id").asInt()).isEqualTo(1);
        assertThat(json.at("/finding_info/uid").asText()).isEqualTo(f.uid);
        assertThat(json.at("/unmapped/trailsentry/finding_version").asInt()).isEqualTo(1);
        assertThat(json.at("/actor/user/credential_uid").asText()).isEqualTo("AKIASTOLEN");
        assertThat(json.at("/resources/0/type").asText()).isEqualTo("AWS::EC2::Instance");
    }

    @Test
    void updatesAreActivityUpdate() throws Exception {
        Finding f = sampleFinding();
        f.version = 2;
        JsonNode json = new ObjectMapper().readTree(new OcsfWriter("1.2.3").toJson(f));
        assertThat(json.get("activity_id").asInt()).isEqualTo(2);
        assertThat(json.get("type_uid").asInt()).isEqualTo(200402);
        assertThat(json.at("/metadata/uid").asText()).isEqualTo(f.uid + "-v2");
    }
}
