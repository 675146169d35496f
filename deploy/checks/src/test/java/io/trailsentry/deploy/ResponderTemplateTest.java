package io.trailsentry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.responder.AwsStandIn;
import io.trailsentry.responder.ExampleWorlds;
import io.trailsentry.responder.KinesisEvents;
import io.trailsentry.responder.ResponderConfig;
import io.trailsentry.responder.ResponderHandler;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The responder's part of deploy/managed-flink/trailsentry.yaml: its role grants exactly the calls
 * the responder makes (learned by running the example findings against the stand-in, with member
 * accounts and notifications on), its deny protects the responder, the detector and break-glass
 * roles and users with actions that apply to those resources, and its function's settings are ones
 * the responder knows and starts with.
 */
class ResponderTemplateTest {
    static final String MEMBER = "444455556666";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T14:10:00Z"), ZoneOffset.UTC);
    static Template t;

    @BeforeAll
    static void read() throws Exception {
        t = new Template(Yaml.read("deploy/managed-flink/trailsentry.yaml"));
    }

    /** Every service:operation the responder sends for the example findings. */
    static Set<String> responderCalls() throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] user = KinesisEvents.resource("campaign-finding.json");
        byte[] role = KinesisEvents.resource("shared-role-finding.json");
        ObjectNode member = (ObjectNode) json.readTree(user);
        ((ObjectNode) member.at("/cloud/account")).put("uid", MEMBER);
        ((ObjectNode) member.at("/actor/user"))
                .put("uid", "arn:aws:iam::" + MEMBER + ":user/svc-reporting");
        ((ObjectNode) member.at("/finding_info")).put("uid", "ts-member");
        member.at("/unmapped/trailsentry/response_plan")
                .forEach(
                        s -> {
                            if (s.path("target").asText().contains(":111122223333:")) {
                                ((ObjectNode) s)
                                        .put(
                                                "target",
                                                s.path("target")
                                                        .asText()
                                                        .replace("111122223333", MEMBER));
                            }
                        });
        Set<String> called = new TreeSet<>();
        try (AwsStandIn aws = ExampleWorlds.sharedRole(ExampleWorlds.campaign())) {
            Map<String, String> env = new HashMap<>();
            env.put(ResponderConfig.DRY_RUN, "false");
            env.put(ResponderConfig.LEDGER_TABLE, "ledger");
            env.put(
                    ResponderConfig.OWN_ROLE,
                    "arn:aws:iam::111122223333:role/trailsentry-responder");
            env.put(ResponderConfig.ACCOUNTS, "111122223333," + MEMBER);
            env.put(ResponderConfig.MEMBER_ROLE_NAME, "trailsentry-member-responder");
            env.put(
                    ResponderConfig.NOTIFY_TOPIC_ARN,
                    "arn:aws:sns:us-east-1:111122223333:trailsentry");
            ResponderHandler h =
                    new ResponderHandler(
                            ResponderConfig.fromEnv(env), aws.clients("us-east-1"), l -> {}, CLOCK);
            assertThat(
                            h.handleRequest(
                                            KinesisEvents.of(
                                                    user, role, json.writeValueAsBytes(member)),
                                            null)
                                    .getBatchItemFailures())
                    .isEmpty();
            for (AwsStandIn.Call c : aws.calls()) {
                called.add(c.service + ":" + c.operation);
            }
        }
        return called;
    }

    @Test
    void responderPolicyGrantsExactlyTheCallsTheResponderMakes() throws Exception {
        Set<String> called = responderCalls();
        assertThat(called)
                .contains(
                        "sts:AssumeRole",
                        "sns:Publish",
                        "ec2:DeleteLaunchTemplateVersions",
                        "iam:GetRolePolicy");
        List<String> granted = new ArrayList<>(t.allowed("ResponderRole"));
        // what the event source mapping and logging need, which the handler itself never calls
        granted.removeAll(
                List.of(
                        "kinesis:DescribeStream",
                        "kinesis:DescribeStreamSummary",
                        "kinesis:GetRecords",
                        "kinesis:GetShardIterator",
                        "kinesis:ListShards",
                        "kinesis:ListStreams",
                        "sqs:SendMessage",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents"));
        assertThat(new TreeSet<>(granted)).isEqualTo(called);
    }

    @Test
    void responderDeniesItselfTheDetectorAndBreakGlassRolesAndUsers() {
        List<String> denied = new ArrayList<>();
        for (JsonNode st : denyStatements(t, "ResponderRole")) {
            st.path("Resource").forEach(r -> denied.add(t.resolve(r)));
            assertThat(Yaml.strings(st.path("Action")))
                    .contains(
                            "iam:PutRolePolicy",
                            "iam:PutUserPolicy",
                            "iam:UpdateAccessKey",
                            "iam:DeleteUserPolicy");
        }
        assertThat(denied)
                .contains(
                        "arn:aws:iam::111122223333:role/trailsentry-responder",
                        "arn:aws:iam::111122223333:role/trailsentry-detector",
                        "arn:aws:iam::111122223333:role/BreakGlass*",
                        "arn:aws:iam::111122223333:user/BreakGlass*");
        assertThat(t.resolve(t.resource("ResponderRole").at("/Properties/RoleName")))
                .isEqualTo("trailsentry-responder");
        assertThat(t.resolve(t.resource("FlinkRole").at("/Properties/RoleName")))
                .isEqualTo("trailsentry-detector");
    }

    @Test
    void everyDeniedActionMatchesAtLeastOneOfItsResources() {
        assertEveryDenyMatches(t, "ResponderRole");
    }

    /** A Deny action that applies to none of the statement's resource types protects nothing. */
    static void assertEveryDenyMatches(Template template, String role) {
        List<JsonNode> denies = denyStatements(template, role);
        assertThat(denies).isNotEmpty();
        for (JsonNode st : denies) {
            Set<String> types = new TreeSet<>();
            st.path("Resource").forEach(r -> types.add(IamResourceTypes.of(template.resolve(r))));
            for (String action : Yaml.strings(st.path("Action"))) {
                assertThat(types)
                        .as("%s %s on %s", role, action, types)
                        .contains(IamResourceTypes.ofAction(action));
            }
        }
    }

    static List<JsonNode> denyStatements(Template template, String role) {
        List<JsonNode> out = new ArrayList<>();
        for (Object[] rs : template.statements()) {
            JsonNode st = (JsonNode) rs[1];
            if (rs[0].equals(role) && "Deny".equals(st.path("Effect").asText())) {
                out.add(st);
            }
        }
        return out;
    }

    @Test
    void theResourceTypeTableCatchesADenyThatMatchesNothing() {
        assertThat(IamResourceTypes.of("arn:aws:iam::111122223333:role/BreakGlass*"))
                .isEqualTo("role");
        assertThat(IamResourceTypes.of("arn:aws:iam::111122223333:user/ops/BreakGlass"))
                .isEqualTo("user");
        // the old template: PutUserPolicy only on role ARNs, so break-glass users were unprotected
        assertThat(IamResourceTypes.ofAction("iam:PutUserPolicy"))
                .isNotEqualTo(IamResourceTypes.of("arn:aws:iam::1:role/x"));
        assertThat(IamResourceTypes.ofAction("iam:UpdateAccessKey")).isEqualTo("user");
    }

    @Test
    void responderFunctionIsWiredToTheHandlerAndKnownSettings() throws Exception {
        JsonNode fn = t.resource("Responder").path("Properties");
        assertThat(fn.path("Handler").asText())
                .isEqualTo(ResponderHandler.class.getName() + "::handleRequest");
        ResponderHandler.class.getMethod(
                "handleRequest",
                com.amazonaws.services.lambda.runtime.events.KinesisEvent.class,
                com.amazonaws.services.lambda.runtime.Context.class);
        Set<String> known = new TreeSet<>();
        for (Field f : ResponderConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                known.add((String) f.get(null));
            }
        }
        Map<String, String> env = new HashMap<>();
        fn.at("/Environment/Variables")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), t.resolve(e.getValue())));
        assertThat(known).containsAll(env.keySet());
        assertThat(env)
                .containsEntry(ResponderConfig.DRY_RUN, "true")
                .containsKeys(
                        ResponderConfig.MEMBER_ROLE_NAME,
                        ResponderConfig.MEMBER_EXTERNAL_ID,
                        ResponderConfig.NOTIFY_TOPIC_ARN,
                        ResponderConfig.MAX_CALLS_PER_STEP,
                        ResponderConfig.MAX_CALLS_PER_FINDING,
                        ResponderConfig.MAX_CALLS_PER_INVOCATION,
                        ResponderConfig.SESSION_DENY_HOURS);
        // the stack's defaults start the responder cleanly, with the documented caps
        ResponderConfig c = ResponderConfig.fromEnv(env);
        assertThat(c.dryRun).isTrue();
        assertThat(c.ownAccount).isEqualTo(Template.ACCOUNT);
        assertThat(c.accounts).containsExactly(Template.ACCOUNT);
        assertThat(c.limits.perStep).isEqualTo(300);
        assertThat(c.limits.perFinding).isEqualTo(1_500);
        assertThat(c.limits.perInvocation).isEqualTo(2_500);
        assertThat(c.isNeverAct("arn:aws:iam::111122223333:role/trailsentry-responder"))
                .as("the responder never acts on itself")
                .isTrue();
        assertThat(c.isNeverAct("att-FlinkRole-Arn")).as("nor on the detector").isTrue();
        assertThat(c.isNeverAct("arn:aws:iam::444455556666:user/BreakGlassOps"))
                .as("nor on break-glass users")
                .isTrue();
        assertThat(c.isNeverAct("arn:aws:iam::444455556666:user/svc-reporting")).isFalse();
        assertThat(env.get(ResponderConfig.LEDGER_TABLE)).isEqualTo("ref-ResponderLedger");
        JsonNode ledger = t.resource("ResponderLedger").path("Properties");
        assertThat(ledger.at("/KeySchema/0/AttributeName").asText()).isEqualTo("pk");
        assertThat(ledger.at("/TimeToLiveSpecification/AttributeName").asText())
                .isEqualTo("expires");
    }
}
