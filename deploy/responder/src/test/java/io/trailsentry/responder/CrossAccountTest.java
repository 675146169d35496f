package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.live;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An organisation trail's finding in a member account: the responder assumes the member role there
 * through STS (query protocol, against the stand-in), signs that account's calls with the returned
 * credentials, keeps its ledger in its own account, and never leaves the allow-list.
 */
class CrossAccountTest {
    static final String MEMBER = "444455556666";
    static final String OWN_ROLE = "arn:aws:iam::111122223333:role/trailsentry-responder";

    final AwsStandIn aws = new AwsStandIn();
    final List<String> audit = new ArrayList<>();

    @AfterEach
    void stop() {
        aws.close();
    }

    static Map<String, String> org() {
        Map<String, String> env = live();
        env.put(ResponderConfig.OWN_ROLE, OWN_ROLE);
        env.put(ResponderConfig.ACCOUNTS, "111122223333," + MEMBER);
        env.put(ResponderConfig.MEMBER_ROLE_NAME, "trailsentry-member-responder");
        env.put(ResponderConfig.MEMBER_EXTERNAL_ID, "org-7f3a");
        return env;
    }

    /** A finding in {@code account} whose plan terminates one instance the principal launched. */
    static byte[] finding(String account, String uid) {
        ObjectNode f = Fixtures.bare("campaign-finding.json");
        ((ObjectNode) f.get("finding_info")).put("uid", uid);
        ((ObjectNode) f.at("/cloud/account")).put("uid", account);
        ((ObjectNode) f.at("/actor/user"))
                .put("uid", "arn:aws:iam::" + account + ":user/svc-reporting");
        Fixtures.resource(
                f, "i-0" + uid, "AWS::EC2::Instance", "eu-west-1", "created", "RunInstances");
        Fixtures.step(
                f, "terminate-instance", "i-0" + uid, "eu-west-1", Fixtures.NOW.minusSeconds(300));
        return Fixtures.bytes(f);
    }

    List<AwsStandIn.Call> of(String service) {
        return aws.calls().stream()
                .filter(c -> c.service.equals(service))
                .collect(Collectors.toList());
    }

    @Test
    void aMemberAccountIsReachedThroughAssumeRoleAndItsCallsAreSignedWithTheReturnedKeys() {
        ResponderHandler h = Fixtures.handler(aws, org(), audit);
        assertThat(
                        h.handleRequest(
                                        KinesisEvents.of(
                                                finding(MEMBER, "m1"), finding(MEMBER, "m2")),
                                        null)
                                .getBatchItemFailures())
                .isEmpty();

        List<AwsStandIn.Call> sts = of("sts");
        assertThat(sts).as("one AssumeRole per account per invocation").hasSize(1);
        AwsStandIn.Call assume = sts.get(0);
        assertThat(assume.operation).isEqualTo("AssumeRole");
        assertThat(assume.params)
                .containsEntry(
                        "RoleArn", "arn:aws:iam::" + MEMBER + ":role/trailsentry-member-responder")
                .containsEntry("RoleSessionName", "trailsentry-responder")
                .containsEntry("ExternalId", "org-7f3a")
                .containsEntry("DurationSeconds", "900");
        assertThat(assume.accessKeyId).isEqualTo(AwsStandIn.CENTRAL_KEY);
        assertThat(of("ec2"))
                .hasSize(8)
                .allSatisfy(
                        c -> {
                            assertThat(c.accessKeyId).isEqualTo(AwsStandIn.memberKey(MEMBER));
                            assertThat(c.sessionToken).isEqualTo("member-token-" + MEMBER);
                        });
        assertThat(of("dynamodb"))
                .as("the ledger stays in the responder's account")
                .allSatisfy(c -> assertThat(c.accessKeyId).isEqualTo(AwsStandIn.CENTRAL_KEY));

        // the next invocation assumes afresh: credentials are never kept beyond one invocation
        h.handleRequest(KinesisEvents.of(finding(MEMBER, "m3")), null);
        assertThat(of("sts")).hasSize(2);
    }

    @Test
    void theOwnAccountIsActedInDirectly() {
        Fixtures.handler(aws, org(), audit)
                .handleRequest(KinesisEvents.of(finding("111122223333", "o1")), null);

        assertThat(of("sts")).isEmpty();
        assertThat(of("ec2"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.accessKeyId).isEqualTo(AwsStandIn.CENTRAL_KEY));
    }

    @Test
    void anAccountOffTheAllowListGetsNoCallAtAll() {
        Fixtures.handler(aws, org(), audit)
                .handleRequest(KinesisEvents.of(finding("777788889999", "x1")), null);

        assertThat(aws.calls()).isEmpty();
        assertThat(Fixtures.lines(audit))
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.get("outcome").asText()).isEqualTo("declined");
                            assertThat(l.get("account").asText()).isEqualTo("777788889999");
                        });
    }

    @Test
    void withoutAMemberRoleAnotherAccountsFindingIsDeclined() {
        Map<String, String> env = live();
        env.put(ResponderConfig.OWN_ROLE, OWN_ROLE);
        Fixtures.handler(aws, env, audit)
                .handleRequest(KinesisEvents.of(finding(MEMBER, "m1")), null);

        assertThat(aws.calls()).isEmpty();
        assertThat(Fixtures.lines(audit).get(0).get("detail").asText()).contains("no member role");
    }

    @Test
    void aRefusedAssumeRoleFailsTheRecordWithoutTouchingAnything() {
        aws.failing("AssumeRole", "arn:aws:iam::" + MEMBER + ":role/trailsentry-member-responder");
        assertThat(
                        Fixtures.handler(aws, org(), audit)
                                .handleRequest(KinesisEvents.of(finding(MEMBER, "m1")), null)
                                .getBatchItemFailures())
                .hasSize(1);

        assertThat(aws.mutations()).isEmpty();
        assertThat(Fixtures.lines(audit).get(0).get("detail").asText()).contains("AccessDenied");
    }
}
