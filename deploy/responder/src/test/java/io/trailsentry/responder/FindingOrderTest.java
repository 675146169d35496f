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
        assertThat(f.principalArn).isEqualTo("arn:aws:iam::111122223333:user/svc-reporting");
        assertThat(f.accessKeyIds).containsExactly("AKIAATTACKERKEY00001", "AKIACREATEDKEY000002");
        assertThat(f.plan).extracting(s -> s.order).isSorted().hasSize(15);
        assertThat(f.hasResource("AWS::EC2::Instance", "i-0gpu0000000000002", "us-east-2"))
                .isTrue();
        assertThat(f.hasResource("AWS::EC2::Instance", "i-0gpu0000000000002", "us-east-1"))
                .isFalse();
        assertThat(f.hasResourceId("AWS::IAM::User", "support-ses")).isTrue();
        assertThat(f.hasResourceId("AWS::IAM::User", "support")).isFalse();
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
