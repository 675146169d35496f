package io.trailsentry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/managed-flink/member-account-role.yaml: trusts the central responder role alone (with the
 * external id when one is given), grants exactly what the central role's "respond" policy grants in
 * its own account, and carries a deny that protects itself and break-glass roles and users.
 */
class MemberRoleTemplateTest {
    static Template member;
    static Template central;

    @BeforeAll
    static void read() throws Exception {
        member = new Template(Yaml.read("deploy/managed-flink/member-account-role.yaml"));
        central = new Template(Yaml.read("deploy/managed-flink/trailsentry.yaml"));
    }

    @Test
    void trustsOnlyTheCentralResponderRoleWithTheExternalId() {
        JsonNode trust =
                member.resource("MemberResponderRole")
                        .at("/Properties/AssumeRolePolicyDocument/Statement");
        assertThat(trust).hasSize(1);
        JsonNode st = trust.get(0);
        assertThat(st.path("Effect").asText()).isEqualTo("Allow");
        assertThat(st.path("Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(member.resolve(st.at("/Principal/AWS")))
                .isEqualTo("param-CentralResponderRoleArn");
        assertThat(st.at("/Principal").size()).isEqualTo(1);
        JsonNode condition = st.at("/Condition/Fn::If/1/StringEquals/sts:ExternalId");
        assertThat(member.resolve(condition)).isEqualTo("");
        assertThat(st.at("/Condition/Fn::If/0").asText()).isEqualTo("HasExternalId");
    }

    @Test
    void grantsExactlyWhatTheCentralRoleGrantsInItsAccount() {
        assertThat(allowed(member, "MemberResponderRole"))
                .isEqualTo(allowed(central, "ResponderRole"));
        assertThat(denied(member, "MemberResponderRole"))
                .isEqualTo(denied(central, "ResponderRole"));
        for (Object[] rs : member.statements()) {
            for (String a : Yaml.strings(((JsonNode) rs[1]).path("Action"))) {
                assertThat(a).doesNotContain("*").doesNotStartWith("sts:").doesNotStartWith("sns:");
            }
        }
    }

    @Test
    void deniesItselfAndBreakGlassWithActionsThatMatch() {
        List<String> resources = new ArrayList<>();
        for (JsonNode st : ResponderTemplateTest.denyStatements(member, "MemberResponderRole")) {
            st.path("Resource").forEach(r -> resources.add(member.resolve(r)));
        }
        assertThat(resources)
                .contains(
                        "arn:aws:iam::111122223333:role/trailsentry-member-responder",
                        "arn:aws:iam::111122223333:role/BreakGlass*",
                        "arn:aws:iam::111122223333:user/BreakGlass*");
        ResponderTemplateTest.assertEveryDenyMatches(member, "MemberResponderRole");
    }

    /** Allowed actions of the role's "respond" policy. */
    static Set<String> allowed(Template t, String role) {
        Set<String> out = new TreeSet<>();
        for (JsonNode st : t.policy(role, "respond")) {
            if ("Allow".equals(st.path("Effect").asText())) {
                out.addAll(Yaml.strings(st.path("Action")));
            }
        }
        return out;
    }

    static Set<String> denied(Template t, String role) {
        Set<String> out = new TreeSet<>();
        for (JsonNode st : t.policy(role, "respond")) {
            if ("Deny".equals(st.path("Effect").asText())) {
                out.addAll(Yaml.strings(st.path("Action")));
            }
        }
        return out;
    }
}
