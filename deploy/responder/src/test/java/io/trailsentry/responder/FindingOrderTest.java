package io.trailsentry.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FindingOrderTest {
    @Test
    void readsWhoWhatAndThePlanInOrder() throws Exception {
        FindingOrder f = FindingOrder.parse(KinesisEvents.resource("campaign-finding.json"));
        assertThat(f.uid).isEqualTo("ts-campaign0000000000000001");
        assertThat(f.version).isEqualTo(3);
        assertThat(f.severityId).isEqualTo(5);
        assertThat(f.accountId).isEqualTo("111122223333");
        assertThat(f.principalArn).isEqualTo("arn:aws:iam::111122223333:user/svc-reporting");
        assertThat(f.evidence.accessKeyIds)
                .containsExactly("AKIAATTACKERKEY00001", "AKIACREATEDKEY000002");
        assertThat(f.plan).extracting(s -> s.order).isSorted().hasSize(19);
        Evidence.Resource gpu =
                f.evidence.resource("AWS::EC2::Instance", "i-0gpu0000000000002", "us-east-2");
        assertThat(gpu.created()).isTrue();
        assertThat(gpu.event).isEqualTo("RunInstances");
        assertThat(gpu.time).isEqualTo(1773151261000L);
        assertThat(f.evidence.resource("AWS::EC2::Instance", "i-0gpu0000000000002", "us-east-1"))
                .isNull();
        assertThat(
                        f.evidence.resource("AWS::EC2::Instance", "i-0prod00000000003", "us-east-2")
                                .provenance)
                .isEqualTo("modified");
        assertThat(f.evidence.hasResourceId("AWS::IAM::User", "support-ses")).isTrue();
        assertThat(f.evidence.hasResourceId("AWS::IAM::User", "support")).isFalse();
        // a service named by ARN in the plan is the service the finding lists as cluster/name
        assertThat(
                        f.evidence.resource(
                                "AWS::ECS::Service",
                                "arn:aws:ecs:ap-southeast-1:111122223333:service/ecs-miner/svc-miner",
                                "ap-southeast-1"))
                .isNotNull();
    }

    @Test
    void readsTheNewStepFields() throws Exception {
        FindingOrder f = FindingOrder.parse(KinesisEvents.resource("campaign-finding.json"));
        Step version = f.plan.get(7);
        assertThat(version.action).isEqualTo("delete-launch-template-version");
        assertThat(version.provenance).isEqualTo("modified");
        assertThat(version.template).isEqualTo("lt-prod");
        assertThat(version.version).isEqualTo("7");
        assertThat(version.createdAt).isEqualTo(1773151240000L);
        Step service = f.plan.get(11);
        assertThat(service.cluster).isEqualTo("ecs-miner");
        assertThat(service.service).isEqualTo("svc-miner");

        FindingOrder role = FindingOrder.parse(KinesisEvents.resource("shared-role-finding.json"));
        assertThat(role.evidence.sessionUserIds()).containsExactly(Fixtures.THIEF);
        Step deny = role.plan.get(1);
        assertThat(deny.action).isEqualTo("deny-session");
        assertThat(deny.userIds).containsExactly(Fixtures.THIEF);
        assertThat(deny.key()).isNotEqualTo(role.plan.get(0).key()).contains("deny-session|");
    }

    @Test
    void eachMalformedShapeHasItsReason() {
        String[][] cases = {
            {"", "not a JSON object"},
            {"[1]", "not a JSON object"},
            {"{\"class_uid\":2004,", "not JSON"},
            {"{\"class_uid\":2003}", "class_uid != 2004"},
            {"{\"class_uid\":2004}", "/finding_info/uid missing"},
            {"{\"class_uid\":2004,\"finding_info\":{\"uid\":\"u\"}}", "no unmapped.trailsentry"},
            {
                "{\"class_uid\":2004,\"finding_info\":{\"uid\":\"u\"},\"unmapped\":{\"trailsentry\":{}}}",
                "finding_version"
            },
            {
                "{\"class_uid\":2004,\"severity_id\":9,\"finding_info\":{\"uid\":\"u\"},"
                        + "\"unmapped\":{\"trailsentry\":{\"finding_version\":1}}}",
                "severity_id"
            },
            {
                "{\"class_uid\":2004,\"severity_id\":5,\"finding_info\":{\"uid\":\"u\"},"
                        + "\"cloud\":{\"account\":{\"uid\":\"1\"}},\"actor\":{\"user\":{\"uid\":\"a\"}},"
                        + "\"unmapped\":{\"trailsentry\":{\"finding_version\":1}}}",
                "response_plan missing"
            },
            {
                "{\"class_uid\":2004,\"severity_id\":5,\"finding_info\":{\"uid\":\"u\"},"
                        + "\"cloud\":{\"account\":{\"uid\":\"1\"}},\"actor\":{\"user\":{\"uid\":\"a\"}},"
                        + "\"unmapped\":{\"trailsentry\":{\"finding_version\":1,\"response_plan\":[{\"order\":1}]}}}",
                "lacks action or target"
            },
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> FindingOrder.parse(c[0].getBytes(StandardCharsets.UTF_8)))
                    .as(c[0])
                    .isInstanceOf(FindingOrder.MalformedFindingException.class)
                    .hasMessageContaining(c[1]);
        }
    }
}
