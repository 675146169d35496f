package io.trailsentry.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.principal.Principal;
import org.junit.jupiter.api.Test;

class PrincipalResolverTest {
    private static final String ACCT = "111122223333";

    private static CloudTrailEvent event(UserIdentity u) {
        CloudTrailEvent e = new CloudTrailEvent();
        e.userIdentity = u;
        e.recipientAccountId = ACCT;
        return e;
    }

    private static UserIdentity identity(String type, String arn) {
        UserIdentity u = new UserIdentity();
        u.type = type;
        u.arn = arn;
        u.accountId = ACCT;
        return u;
    }

    @Test
    void iamUserIsKeyedByUserArn() {
        Principal p =
                PrincipalResolver.resolve(
                        event(identity("IAMUser", "arn:aws:iam::" + ACCT + ":user/ops/alice")));
        assertThat(p.key).isEqualTo(ACCT + "|arn:aws:iam::" + ACCT + ":user/ops/alice");
        assertThat(p.shortName()).isEqualTo("alice");
        assertThat(p.sessionName).isNull();
    }

    @Test
    void assumedRoleIsKeyedByRoleArnWithSessionAsAttribute() {
        UserIdentity u =
                identity("AssumedRole", "arn:aws:sts::" + ACCT + ":assumed-role/deployer/ci-42");
        u.sessionIssuerArn = "arn:aws:iam::" + ACCT + ":role/path/deployer";
        Principal p = PrincipalResolver.resolve(event(u));
        assertThat(p.arn).isEqualTo("arn:aws:iam::" + ACCT + ":role/path/deployer");
        assertThat(p.sessionName).isEqualTo("ci-42");

        UserIdentity other =
                identity("AssumedRole", "arn:aws:sts::" + ACCT + ":assumed-role/deployer/ci-43");
        other.sessionIssuerArn = u.sessionIssuerArn;
        assertThat(PrincipalResolver.resolve(event(other)).key).isEqualTo(p.key);
    }

    @Test
    void anIncidentFollowsOneSessionOfARoleWhileTheBaselineFollowsTheRole() {
        UserIdentity thief =
                identity("AssumedRole", "arn:aws:sts::" + ACCT + ":assumed-role/deployer/ci-42");
        thief.principalId = "AROAEXAMPLEID:ci-42";
        UserIdentity ci =
                identity("AssumedRole", "arn:aws:sts::" + ACCT + ":assumed-role/deployer/ci-43");
        ci.principalId = "AROAEXAMPLEID:ci-43";
        Principal a = PrincipalResolver.resolve(event(thief));
        Principal b = PrincipalResolver.resolve(event(ci));
        assertThat(a.key).isEqualTo(b.key);
        assertThat(a.incidentKey()).isNotEqualTo(b.incidentKey()).startsWith(a.key);
        assertThat(a.userId).as("aws:userid of the session").isEqualTo("AROAEXAMPLEID:ci-42");

        UserIdentity user = identity("IAMUser", "arn:aws:iam::" + ACCT + ":user/alice");
        user.principalId = "AIDAEXAMPLE";
        Principal alice = PrincipalResolver.resolve(event(user));
        assertThat(alice.incidentKey()).isEqualTo(alice.key);
        assertThat(alice.userId).isEqualTo("AIDAEXAMPLE");
    }

    @Test
    void assumedRoleWithoutIssuerDerivesTheRoleArn() {
        Principal p =
                PrincipalResolver.resolve(
                        event(
                                identity(
                                        "AssumedRole",
                                        "arn:aws:sts::" + ACCT + ":assumed-role/r1/s1")));
        assertThat(p.arn).isEqualTo("arn:aws:iam::" + ACCT + ":role/r1");
        assertThat(p.sessionName).isEqualTo("s1");
    }

    @Test
    void rootIsOnePrincipalPerAccount() {
        Principal p =
                PrincipalResolver.resolve(
                        event(identity("Root", "arn:aws:iam::" + ACCT + ":root")));
        assertThat(p.arn).isEqualTo("arn:aws:iam::" + ACCT + ":root");
        Principal noArn = PrincipalResolver.resolve(event(identity("Root", null)));
        assertThat(noArn.key).isEqualTo(p.key);
    }

    @Test
    void federatedUserKeepsItsArn() {
        Principal p =
                PrincipalResolver.resolve(
                        event(
                                identity(
                                        "FederatedUser",
                                        "arn:aws:sts::" + ACCT + ":federated-user/bob")));
        assertThat(p.arn).isEqualTo("arn:aws:sts::" + ACCT + ":federated-user/bob");
        assertThat(p.sessionName).isEqualTo("bob");
    }

    @Test
    void awsServicesAreNotProfiledButCallsThroughAServiceAreThePrincipals() {
        UserIdentity svc = identity("AWSService", null);
        assertThat(PrincipalResolver.resolve(event(svc))).isNull();
        UserIdentity onBehalf =
                identity("AssumedRole", "arn:aws:sts::" + ACCT + ":assumed-role/r/s");
        onBehalf.invokedBy = "cloudformation.amazonaws.com";
        Principal p = PrincipalResolver.resolve(event(onBehalf));
        assertThat(p).isNotNull();
        assertThat(p.arn).isEqualTo("arn:aws:iam::" + ACCT + ":role/r");
    }

    @Test
    void otherDocumentedTypesFallBackToArnOrPrincipalId() {
        UserIdentity account = identity("AWSAccount", null);
        account.principalId = "AIDAOTHER";
        account.accountId = "999988887777";
        Principal p = PrincipalResolver.resolve(event(account));
        assertThat(p.key).isEqualTo("999988887777|principal:AIDAOTHER");

        UserIdentity ic = identity("IdentityCenterUser", null);
        ic.userName = "carol";
        ic.principalId = null;
        assertThat(PrincipalResolver.resolve(event(ic)).arn).isEqualTo("identitycenteruser:carol");

        for (String type : new String[] {"SAMLUser", "WebIdentityUser", "Directory", "Role"}) {
            UserIdentity u = identity(type, null);
            u.principalId = "ID-" + type;
            assertThat(PrincipalResolver.resolve(event(u)).arn).isEqualTo("principal:ID-" + type);
        }
    }

    @Test
    void unknownAndMissingTypesStillResolve() {
        UserIdentity unknown = identity("Unknown", null);
        unknown.userName = "someone";
        assertThat(PrincipalResolver.resolve(event(unknown)).arn).isEqualTo("unknown:someone");

        UserIdentity future = identity("BrandNewType", null);
        assertThat(PrincipalResolver.resolve(event(future)).arn).isEqualTo("unknown:BrandNewType");

        UserIdentity noType = identity(null, "arn:aws:iam::" + ACCT + ":user/x");
        assertThat(PrincipalResolver.resolve(event(noType)).type).isEqualTo("Unknown");
    }
}
