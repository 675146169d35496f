package io.trailsentry.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.Provenance;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.principal.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a plan may touch: provenance decides eradication, a role is contained per session. */
class ResponsePlannerTest {
    static final String USER = "arn:aws:iam::111122223333:user/svc-ledger";
    static final String ROLE = "arn:aws:iam::111122223333:role/platform-ci";
    static final long T = 1_773_151_392_000L;

    static Incident incident(Principal p, ResourceRef... targets) {
        Incident inc = new Incident();
        inc.principal = p;
        inc.accessKeyIds = new String[] {"AKIASTOLEN"};
        inc.targets = targets;
        return inc;
    }

    static Principal user() {
        return new Principal("111122223333", USER, "IAMUser", null);
    }

    static ResourceRef created(ResourceType type, String id) {
        return new ResourceRef(type, id, "us-east-1", Provenance.CREATED, "Create", T);
    }

    static ResourceRef modified(ResourceType type, String id) {
        return new ResourceRef(type, id, "us-east-1", Provenance.MODIFIED, "Modify", T);
    }

    static List<String> steps(Incident inc) {
        List<String> out = new ArrayList<>();
        for (ResponseStep s : ResponsePlanner.plan(inc)) {
            out.add(s.action + " " + s.target);
        }
        return out;
    }

    @Test
    void onlyWhatThePrincipalCreatedIsEradicated() {
        Incident inc =
                incident(
                        user(),
                        created(ResourceType.AUTOSCALING_GROUP, "asg-miner"),
                        modified(ResourceType.AUTOSCALING_GROUP, "web-prod-asg"),
                        created(ResourceType.ECS_CLUSTER, "miner-1"),
                        modified(ResourceType.ECS_CLUSTER, "payments-prod"),
                        modified(ResourceType.ECS_SERVICE, "payments-prod/api"),
                        modified(ResourceType.INSTANCE, "i-prod"),
                        modified(ResourceType.LAUNCH_TEMPLATE, "web-prod-lt"));
        List<String> plan = steps(inc);
        assertThat(plan)
                .contains(
                        "delete-autoscaling-group asg-miner",
                        "delete-ecs-cluster miner-1",
                        "review-modified-autoscaling-group web-prod-asg",
                        "review-modified-ecs-cluster payments-prod",
                        "review-modified-ecs-service payments-prod/api",
                        "review-modified-instance i-prod",
                        "review-modified-launch-template web-prod-lt")
                .noneMatch(s -> s.endsWith(" web-prod-asg") && !s.startsWith("review-"))
                .noneMatch(s -> s.endsWith(" payments-prod") && !s.startsWith("review-"))
                .noneMatch(s -> s.endsWith(" i-prod") && !s.startsWith("review-"))
                .noneMatch(s -> s.endsWith(" web-prod-lt") && !s.startsWith("review-"));
        for (ResponseStep s : ResponsePlanner.plan(inc)) {
            if (ResponseStep.ERADICATE.equals(s.phase) && !"rotate-credentials".equals(s.action)) {
                assertThat(s.provenance).as(s.toString()).isEqualTo(Provenance.CREATED);
                assertThat(s.createdAt).isEqualTo(T);
            }
        }
    }

    @Test
    void everyInstanceItTerminatesHasItsProtectionLiftedFirst() {
        ResourceRef[] many = new ResourceRef[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = created(ResourceType.INSTANCE, "i-" + i);
        }
        List<String> plan = steps(incident(user(), many));
        for (int i = 0; i < many.length; i++) {
            int lift = plan.indexOf("enable-instance-termination i-" + i);
            int terminate = plan.indexOf("terminate-instance i-" + i);
            assertThat(lift).as("i-" + i).isNotNegative().isLessThan(terminate);
        }
    }

    @Test
    void aUserIsQuarantinedAndDeniedCompute() {
        assertThat(steps(incident(user())))
                .containsExactly(
                        "deactivate-access-key AKIASTOLEN",
                        "quarantine-principal " + USER,
                        "deny-compute-creation " + USER,
                        "rotate-credentials " + USER);
    }

    @Test
    void aRoleIsContainedPerSessionNeverByARoleWideDeny() {
        Principal thief = new Principal("111122223333", ROLE, "AssumedRole", "gitlab-ci-e2ca77");
        thief.userId = "AROA7IWFNLGKR2TIBB642:gitlab-ci-e2ca77";
        Incident inc = incident(thief);
        inc.accessKeyIds = new String[] {"ASIASESSION"};
        ResponseStep[] plan = ResponsePlanner.plan(inc);
        assertThat(plan)
                .extracting(s -> s.action)
                .containsExactly("revoke-role-sessions", "deny-session", "rotate-credentials");
        assertThat(plan[1].userIds).containsExactly("AROA7IWFNLGKR2TIBB642:gitlab-ci-e2ca77");
        assertThat(plan[1].target).isEqualTo(ROLE);
    }

    @Test
    void linkedIdentitiesAreContainedInTheAccountUnlessNeverAct() {
        Incident inc = incident(user());
        Principal created =
                new Principal(
                        "111122223333",
                        "arn:aws:iam::111122223333:user/new-admin",
                        "IAMUser",
                        null);
        Principal session =
                new Principal(
                        "111122223333",
                        "arn:aws:iam::111122223333:role/ops-admin",
                        "AssumedRole",
                        "s1");
        session.userId = "AROAEXAMPLEADMIN0001:s1";
        Principal elsewhere =
                new Principal(
                        "999988887777",
                        "arn:aws:iam::999988887777:user/elsewhere",
                        "IAMUser",
                        null);
        Principal breakGlass =
                new Principal(
                        "111122223333",
                        "arn:aws:iam::111122223333:role/BreakGlass",
                        "AssumedRole",
                        "x");
        inc.linked = new Principal[] {created, session, elsewhere, breakGlass};
        List<String> plan =
                java.util.Arrays.stream(
                                ResponsePlanner.plan(inc, p -> !p.arn.endsWith("/BreakGlass")))
                        .map(s -> s.action + " " + s.target)
                        .collect(java.util.stream.Collectors.toList());
        assertThat(plan)
                .contains(
                        "quarantine-principal " + created.arn,
                        "deny-compute-creation " + created.arn,
                        "revoke-role-sessions " + session.arn,
                        "deny-session " + session.arn)
                .noneMatch(s -> s.contains("elsewhere") || s.contains("BreakGlass"));
    }

    @Test
    void anIdentityThatIsNeitherUserNorRoleGetsNoIdentitySteps() {
        Principal anonymous =
                new Principal("111122223333", "unknown:AWSAccount", "AWSAccount", null);
        Incident inc = incident(anonymous, created(ResourceType.ECS_CLUSTER, "c"));
        inc.accessKeyIds = new String[0];
        assertThat(steps(inc)).containsExactly("delete-ecs-cluster c");
    }

    @Test
    void theTemplateVersionAddedIsDeletedUnlessTheTemplateIsTheAttackers() {
        ResourceRef prodVersion = modified(ResourceType.LAUNCH_TEMPLATE_VERSION, "web-prod-lt:7");
        ResourceRef ownVersion = modified(ResourceType.LAUNCH_TEMPLATE_VERSION, "lt-miner:2");
        List<ResponseStep> plan =
                List.of(
                        ResponsePlanner.plan(
                                incident(
                                        user(),
                                        prodVersion,
                                        created(ResourceType.LAUNCH_TEMPLATE, "lt-miner"),
                                        ownVersion)));
        List<ResponseStep> versions =
                plan.stream()
                        .filter(s -> s.action.equals("delete-launch-template-version"))
                        .collect(Collectors.toList());
        assertThat(versions)
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.target).isEqualTo("web-prod-lt:7");
                            assertThat(s.template).isEqualTo("web-prod-lt");
                            assertThat(s.version).isEqualTo("7");
                            assertThat(s.provenance).isEqualTo(Provenance.MODIFIED);
                        });
        assertThat(plan)
                .extracting(s -> s.action + " " + s.target)
                .contains("delete-launch-template lt-miner");
    }

    @Test
    void tasksAreStoppedOneByOneOnlyWhereTheirClusterIsNotTheAttackers() {
        ResourceRef inProd =
                created(ResourceType.ECS_TASK, "arn:aws:ecs:us-east-1:1:task/payments-prod/a");
        inProd.parent = "payments-prod";
        ResourceRef inOwn =
                created(ResourceType.ECS_TASK, "arn:aws:ecs:us-east-1:1:task/miner-1/b");
        inOwn.parent = "miner-1";
        ResourceRef service = created(ResourceType.ECS_SERVICE, "miner-1/svc");
        service.parent = "miner-1";
        List<ResponseStep> plan =
                List.of(
                        ResponsePlanner.plan(
                                incident(
                                        user(),
                                        inProd,
                                        inOwn,
                                        service,
                                        created(ResourceType.ECS_CLUSTER, "miner-1"))));
        assertThat(plan)
                .filteredOn(s -> s.action.equals("stop-ecs-task"))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.target).isEqualTo(inProd.id);
                            assertThat(s.cluster).isEqualTo("payments-prod");
                        });
        assertThat(plan)
                .filteredOn(s -> s.action.equals("delete-ecs-service"))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.cluster).isEqualTo("miner-1");
                            assertThat(s.service).isEqualTo("svc");
                        });
        assertThat(plan)
                .filteredOn(s -> s.action.equals("delete-ecs-cluster"))
                .singleElement()
                .satisfies(s -> assertThat(s.cluster).isEqualTo("miner-1"));
    }
}
