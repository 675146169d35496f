package io.trailsentry.securityhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;
import software.amazon.awssdk.services.securityhub.model.WorkflowStatus;

class AsffMapperTest {
    static final ForwarderConfig CONFIG = new ForwarderConfig(Findings.ACCOUNT, "us-east-1", "aws");
    final AsffMapper mapper = new AsffMapper(CONFIG);

    @Test
    void theGoldenCloseFindingMapsToAnArchivedResolvedAsffFinding() throws Exception {
        ObjectNode f = Findings.golden("user");
        AwsSecurityFinding a = mapper.map(f);
        assertThat(a.schemaVersion()).isEqualTo("2018-10-08");
        assertThat(a.id()).isEqualTo(f.at("/finding_info/uid").asText());
        assertThat(a.productArn())
                .isEqualTo(
                        "arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default");
        assertThat(a.generatorId()).isEqualTo("trailsentry/incident-correlation");
        assertThat(a.awsAccountId()).isEqualTo("111122223333");
        assertThat(a.createdAt()).isEqualTo("2026-03-10T14:03:27Z");
        assertThat(a.updatedAt()).isEqualTo("2026-03-10T16:03:34Z");
        assertThat(a.severity().label()).isEqualTo(SeverityLabel.CRITICAL);
        assertThat(a.severity().original()).isEqualTo("Critical");
        assertThat(a.findingProviderFields().severity().label()).isEqualTo(SeverityLabel.CRITICAL);
        assertThat(a.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(a.workflow().status()).isEqualTo(WorkflowStatus.RESOLVED);
        assertThat(a.types())
                .contains(
                        "Unusual Behaviors/User",
                        "TTPs/Discovery/T1580",
                        "TTPs/Persistence/T1098",
                        "Effects/Resource Consumption");
        assertThat(a.resources().get(0).type()).isEqualTo("AwsIamUser");
        assertThat(a.resources().get(0).id())
                .isEqualTo("arn:aws:iam::111122223333:user/svc-golden");
        assertThat(a.resources())
                .extracting(r -> r.id())
                .contains(
                        "arn:aws:ec2:us-east-1:111122223333:instance/i-0golden000000001",
                        "arn:aws:ecs:us-east-1:111122223333:cluster/miner-golden",
                        "arn:aws:ecs:us-east-1:111122223333:task-definition/worker:1");
        assertThat(a.remediation().recommendation().text()).startsWith("28 steps");
        assertThat(a.productFields())
                .containsEntry(
                        "TrailSentry/FindingVersion",
                        f.at("/unmapped/trailsentry/finding_version").asText())
                .containsEntry("TrailSentry/Activity", "Close");
    }

    @Test
    void severitiesMapToLabelsAndSuppressionToTheWorkflow() throws Exception {
        SeverityLabel[] expected = {
            SeverityLabel.INFORMATIONAL,
            SeverityLabel.LOW,
            SeverityLabel.MEDIUM,
            SeverityLabel.HIGH,
            SeverityLabel.CRITICAL
        };
        for (int id = 1; id <= 5; id++) {
            ObjectNode f = Findings.version("ts-x", 1, 1_773_151_413_000L, 1);
            f.put("severity_id", id);
            assertThat(mapper.map(f).severity().label()).isEqualTo(expected[id - 1]);
        }
        ObjectNode suppressed = Findings.version("ts-x", 1, 1_773_151_413_000L, 1);
        suppressed.put("status_id", 3);
        assertThat(mapper.map(suppressed).workflow().status()).isEqualTo(WorkflowStatus.SUPPRESSED);
        assertThat(mapper.map(suppressed).recordState()).isEqualTo(RecordState.ACTIVE);
    }

    @Test
    void everyTextAndListStaysWithinAsffLimits() throws Exception {
        ObjectNode f = Findings.golden("role");
        String markup = "<script>alert(1)</script><img src=x onerror=alert(2)>\"</style>\n";
        ((ObjectNode) f.get("finding_info"))
                .put("title", markup.repeat(20))
                .put("desc", markup.repeat(300));
        ((ObjectNode) f.get("remediation")).put("desc", markup.repeat(50));
        ArrayNode resources = (ArrayNode) f.get("resources");
        for (int i = 0; i < 200; i++) {
            resources
                    .addObject()
                    .put("uid", "i-" + i + "x".repeat(600))
                    .put("type", "AWS::EC2::Instance")
                    .put("region", "us-east-1")
                    .putObject("data")
                    .put("provenance", "modified")
                    .put("event", markup.repeat(40));
        }
        AwsSecurityFinding a = mapper.map(f);
        assertThat(a.title()).hasSize(Asff.MAX_TITLE).endsWith("\u2026").doesNotContain("\n");
        assertThat(a.description()).hasSize(Asff.MAX_DESCRIPTION).endsWith("\u2026");
        assertThat(a.remediation().recommendation().text()).hasSize(Asff.MAX_RECOMMENDATION);
        assertThat(a.resources()).hasSize(Asff.MAX_RESOURCES);
        assertThat(a.resources())
                .allSatisfy(r -> assertThat(r.id().length()).isLessThanOrEqualTo(512));
        assertThat(a.resources())
                .allSatisfy(
                        r ->
                                assertThat(r.details().other().values())
                                        .allSatisfy(
                                                v ->
                                                        assertThat(v.length())
                                                                .isLessThanOrEqualTo(256)));
        assertThat(a.productFields()).containsKey("TrailSentry/ResourcesOmitted");
        assertThat(a.productFields().size()).isLessThanOrEqualTo(Asff.MAX_PRODUCT_FIELDS);
        assertThat(a.productFields())
                .allSatisfy(
                        (k, v) -> {
                            assertThat(k.length()).isLessThanOrEqualTo(Asff.MAX_FIELD_KEY);
                            assertThat(v.length()).isLessThanOrEqualTo(Asff.MAX_FIELD_VALUE);
                        });
        assertThat(a.types().size()).isLessThanOrEqualTo(Asff.MAX_TYPES);
        assertThat(AsffSize.of(a)).isLessThan(Asff.MAX_FINDING_BYTES);
    }

    @Test
    void whatIsNotAFindingIsRefused() {
        ObjectNode other = Findings.golden("user");
        other.put("class_uid", 3001);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mapper.map(other))
                .isInstanceOf(AsffMapper.Unmappable.class);
        ObjectNode noUid = Findings.golden("user");
        ((ObjectNode) noUid.get("finding_info")).remove("uid");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mapper.map(noUid))
                .hasMessageContaining("/finding_info/uid");
    }
}
