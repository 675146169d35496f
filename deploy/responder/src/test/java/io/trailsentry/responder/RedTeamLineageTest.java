package io.trailsentry.responder;

import static io.trailsentry.responder.Fixtures.described;
import static io.trailsentry.responder.Fixtures.live;
import static io.trailsentry.responder.Fixtures.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Red team, live mode: identity lineage. The stolen key created a user and assumed an admin role;
 * the finding lists both as linked identities, so their containment runs with the principal's.
 * Identities the finding does not link, linked identities in another account and never-act
 * identities are left alone.
 */
class RedTeamLineageTest {
    static final String CREATED = "arn:aws:iam::111122223333:user/svc-backup-admin";
    static final String ADMIN = "arn:aws:iam::111122223333:role/ops-admin";
    static final String ADMIN_SESSION = "AROAEXAMPLEADMIN0001:aws-cli-1f2e3d4c";

    final AwsStandIn aws = ExampleWorlds.campaign();
    final List<String> audit = new ArrayList<>();

    @AfterEach
    void stop() {
        aws.close();
    }

    void run(ObjectNode f, Map<String, String> env) {
        Fixtures.handleCleanly(aws, env, audit, f);
    }

    static ObjectNode linkedFinding() {
        ObjectNode f = Fixtures.bare("campaign-finding.json");
        ArrayNode linked =
                ((ObjectNode) f.at("/unmapped/trailsentry")).putArray("linked_identities");
        linked.addObject().put("arn", CREATED).put("type", "IAMUser");
        linked.addObject()
                .put("arn", ADMIN)
                .put("type", "AssumedRole")
                .put("session_name", "aws-cli-1f2e3d4c")
                .put("user_id", ADMIN_SESSION);
        linked.addObject()
                .put("arn", "arn:aws:iam::999988887777:user/elsewhere")
                .put("type", "IAMUser");
        linked.addObject()
                .put("arn", "arn:aws:iam::111122223333:role/BreakGlassAdmin")
                .put("type", "AssumedRole")
                .put("user_id", "AROAEXAMPLEBREAK0001:x");
        return f;
    }

    @Test
    void linkedIdentitiesAreContainedWithThePrincipal() {
        ObjectNode f = linkedFinding();
        Fixtures.step(f, "quarantine-principal", CREATED, null, null);
        ((ArrayNode) Fixtures.step(f, "deny-session", ADMIN, null, null).putArray("user_ids"))
                .add(ADMIN_SESSION);
        Map<String, String> env = live();
        run(f, env);

        assertThat(described(aws.mutations()))
                .anyMatch(
                        m ->
                                m.startsWith("iam PutUserPolicy")
                                        && m.contains("UserName=svc-backup-admin"))
                .anyMatch(
                        m -> m.startsWith("iam PutRolePolicy") && m.contains("RoleName=ops-admin"));
        assertThat(outcomes(audit))
                .containsExactly("quarantine-principal=done", "deny-session=done");
    }

    @Test
    void whatTheFindingDoesNotLinkOrMayNotTouchIsLeftAlone() {
        ObjectNode f = linkedFinding();
        // not linked at all
        Fixtures.step(
                f, "quarantine-principal", "arn:aws:iam::111122223333:user/bystander", null, null);
        // linked, but in another account
        Fixtures.step(
                f, "quarantine-principal", "arn:aws:iam::999988887777:user/elsewhere", null, null);
        // linked, but on the never-act list
        ((ArrayNode)
                        Fixtures.step(
                                        f,
                                        "deny-session",
                                        "arn:aws:iam::111122223333:role/BreakGlassAdmin",
                                        null,
                                        null)
                                .putArray("user_ids"))
                .add("AROAEXAMPLEBREAK0001:x");
        // a linked session's role, with a session id the finding does not give it
        ((ArrayNode) Fixtures.step(f, "deny-session", ADMIN, null, null).putArray("user_ids"))
                .add("AROAEXAMPLEADMIN0001:someone-else");
        Map<String, String> env = live();
        env.put(ResponderConfig.NEVER_ACT, "arn:aws:iam::*:role/BreakGlass*");
        run(f, env);

        assertThat(aws.mutations()).isEmpty();
        assertThat(outcomes(audit))
                .containsExactly(
                        "quarantine-principal=not-in-evidence",
                        "quarantine-principal=other-account",
                        "deny-session=never-act",
                        "deny-session=refused");
    }
}
