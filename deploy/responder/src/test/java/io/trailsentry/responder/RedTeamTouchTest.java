package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.described;
import static io.trailsentry.responder.Fixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Red team, live mode: an attacker who only touches production resources must not get them
 * destroyed. Each case is a few successful calls on existing resources; the finding (even one that
 * wrongly claims creation) reaches the real SDK clients against the stand-in, and WireMock must
 * receive no mutating request at all, or exactly the reversal of the attacker's own change.
 */
class RedTeamTouchTest extends TouchCase {
    @Test
    void terminationProtectionSetOnAProdInstanceIsOnlyReviewed() {
        aws.instance("i-0prod", Fixtures.PROD, Fixtures.PROD, true);
        Fixtures.resource(
                f,
                "i-0prod",
                "AWS::EC2::Instance",
                "eu-west-1",
                "modified",
                "ModifyInstanceAttribute");
        Fixtures.step(f, "review-modified-instance", "i-0prod", "eu-west-1", null)
                .put("provenance", "modified");
        // a plan that (wrongly) asks to eradicate it: the evidence says modified
        Fixtures.step(f, "enable-instance-termination", "i-0prod", "eu-west-1", EVENT);
        Fixtures.step(f, "terminate-instance", "i-0prod", "eu-west-1", EVENT);

        assertThat(run()).isEmpty();
        assertThat(aws.calls()).extracting(c -> c.service).containsOnly("dynamodb");
        assertThat(outcomes(audit))
                .containsExactly(
                        "review-modified-instance=advisory",
                        "enable-instance-termination=not-created",
                        "terminate-instance=not-created");
    }

    @Test
    void aProdInstanceTheFindingCallsCreatedIsRefusedByWhenItFirstRan() {
        aws.instance("i-0prod", Fixtures.PROD, Fixtures.PROD, true);
        // restarted by the attacker: LaunchTime is new, the root volume and primary ENI are old
        aws.instance("i-0restarted", Fixtures.PROD, Fixtures.NOW.minusSeconds(60), false);
        claimCreated("terminate-instance", "i-0prod", "AWS::EC2::Instance", "created");
        claimCreated("terminate-instance", "i-0restarted", "AWS::EC2::Instance", "created");

        assertThat(run()).isEmpty();
        assertThat(outcomes(audit))
                .containsExactly(
                        "terminate-instance=not-created", "terminate-instance=not-created");
        assertThat(Fixtures.line(audit, "terminate-instance").get("detail").asText())
                .contains("existed already");
    }

    @Test
    void scaleInProtectionAndMaxSizeOnAProdGroupNeverDeleteIt() {
        aws.group("asg-prod", Map.of("i-0a", true), Fixtures.PROD);
        Fixtures.step(f, "review-modified-autoscaling-group", "asg-prod", "eu-west-1", null);
        // a finding that (wrongly) calls the group created: AWS's CreatedTime decides
        claimCreated(
                "clear-scale-in-protection",
                "asg-prod",
                "AWS::AutoScaling::AutoScalingGroup",
                "created");
        Fixtures.step(f, "delete-autoscaling-group", "asg-prod", "eu-west-1", EVENT);

        assertThat(run()).isEmpty();
        assertThat(aws.calls()).extracting(c -> c.operation).contains("DescribeAutoScalingGroups");
        assertThat(outcomes(audit))
                .containsExactly(
                        "review-modified-autoscaling-group=advisory",
                        "clear-scale-in-protection=not-created",
                        "delete-autoscaling-group=not-created");
        assertThat(Fixtures.line(audit, "delete-autoscaling-group").get("detail").asText())
                .contains("2025-06-01T09:00:00Z", "existed already");
    }

    @Test
    void aNewVersionOfAnExistingLaunchTemplateIsTheOnlyThingDeleted() {
        aws.template("lt-prod", Fixtures.PROD, null)
                .templateVersion("lt-prod", "1", Fixtures.PROD, true)
                .templateVersion("lt-prod", "7", StandInWorld.LATE, false);
        claimCreated("delete-launch-template", "lt-prod", "AWS::EC2::LaunchTemplate", "created");
        Fixtures.resource(
                f,
                "lt-prod:7",
                "AWS::EC2::LaunchTemplate",
                "eu-west-1",
                "modified",
                "CreateLaunchTemplateVersion");
        Fixtures.step(f, "delete-launch-template-version", "lt-prod:7", "eu-west-1", EVENT)
                .put("provenance", "modified")
                .put("template", "lt-prod")
                .put("version", "7");
        Fixtures.resource(
                f,
                "lt-prod:1",
                "AWS::EC2::LaunchTemplate",
                "eu-west-1",
                "modified",
                "CreateLaunchTemplateVersion");
        Fixtures.step(
                        f,
                        "delete-launch-template-version",
                        "lt-prod:1",
                        "eu-west-1",
                        Fixtures.PROD.plusSeconds(60))
                .put("provenance", "modified")
                .put("template", "lt-prod")
                .put("version", "1");

        assertThat(described(run()))
                .containsExactly(
                        "ec2 DeleteLaunchTemplateVersions eu-west-1 {LaunchTemplateName=lt-prod, LaunchTemplateVersion.1=7}");
        assertThat(outcomes(audit))
                .containsExactly(
                        "delete-launch-template=not-created",
                        "delete-launch-template-version=done",
                        "delete-launch-template-version=refused");
        assertThat(Fixtures.lines(audit).get(2).get("detail").asText()).contains("default version");
    }

    @Test
    void aStepWithoutProvenanceOrCreationTimeIsRefusedBeforeAnyCall() {
        Fixtures.resource(
                f,
                "asg-x",
                "AWS::AutoScaling::AutoScalingGroup",
                "eu-west-1",
                "created",
                "CreateAutoScalingGroup");
        Fixtures.plan(f)
                .addObject()
                .put("order", 1)
                .put("action", "delete-autoscaling-group")
                .put("target", "asg-x")
                .put("region", "eu-west-1");
        Fixtures.plan(f)
                .addObject()
                .put("order", 2)
                .put("action", "delete-autoscaling-group")
                .put("target", "asg-x")
                .put("region", "eu-west-1")
                .put("provenance", "created");

        assertThat(run()).isEmpty();
        assertThat(aws.calls())
                .extracting(c -> c.operation)
                .doesNotContain("DescribeAutoScalingGroups");
        assertThat(outcomes(audit))
                .containsExactly(
                        "delete-autoscaling-group=not-created",
                        "delete-autoscaling-group=not-created");
    }

    @Test
    void keysOfAUserTheAttackerOnlyModifiedStayActiveUnlessItCreatedThem() {
        aws.keyOwner("AKIABOBSOWNKEY000001", "bob").keyOwner("AKIAMADEFORBOB000002", "bob");
        Fixtures.resource(f, "bob", "AWS::IAM::User", "us-east-1", "modified", "AttachUserPolicy");
        Fixtures.resource(
                f,
                "AKIABOBSOWNKEY000001",
                "AWS::IAM::AccessKey",
                "us-east-1",
                "modified",
                "UpdateAccessKey");
        Fixtures.resource(
                f,
                "AKIAMADEFORBOB000002",
                "AWS::IAM::AccessKey",
                "us-east-1",
                "created",
                "CreateAccessKey");
        Fixtures.step(f, "deactivate-access-key", "AKIABOBSOWNKEY000001", null, null);
        Fixtures.step(f, "deactivate-access-key", "AKIAMADEFORBOB000002", null, null);

        assertThat(described(run()))
                .containsExactly(
                        "iam UpdateAccessKey aws-global {UserName=bob, AccessKeyId=AKIAMADEFORBOB000002, Status=Inactive}");
        assertThat(outcomes(audit))
                .containsExactly("deactivate-access-key=refused", "deactivate-access-key=done");
    }
}
