package io.trailsentry.finding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.TestEvents;
import io.trailsentry.detect.rules.CreatedResources;
import io.trailsentry.detect.rules.DryRunProbe;
import io.trailsentry.detect.rules.EnumerationBurst;
import io.trailsentry.detect.rules.GpuCompute;
import io.trailsentry.detect.rules.IamRolePersistence;
import io.trailsentry.detect.rules.IamUserPersistence;
import io.trailsentry.detect.rules.IdentityHandOff;
import io.trailsentry.detect.rules.PublicFunction;
import io.trailsentry.detect.rules.ScaleInProtection;
import io.trailsentry.detect.rules.TerminationProtection;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.Incident;
import io.trailsentry.incident.IncidentCorrelator;
import io.trailsentry.incident.IncidentPolicy;
import io.trailsentry.incident.ResponseAction;
import io.trailsentry.incident.ResponseStep;
import io.trailsentry.principal.Principal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract between planner and responder: golden findings, one for a user and one for a role
 * session, holding every response action the planner can write. The responder's tests read the same
 * files and run every step, so a renamed or new action fails a unit test on one side or the other.
 * Regenerate after an intended change with {@code -Dgolden.update=true}.
 */
class ContractFindingTest {
    static final Path DIR = Path.of("..", "testdata", "contract");
    static final long T = TestEvents.T0;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private int seq;

    private Signal signal(Principal p, Detection d, ResourceType type, String... ids) {
        Signal s =
                Signal.of(
                        d,
                        TestEvents.event("ec2", "Call" + seq, T + seq * 1_000L, "ev-" + seq),
                        p,
                        d.title,
                        ids);
        seq++;
        s.principal = p;
        s.region = "us-east-1";
        s.accessKeyId = p.type.equals("AssumedRole") ? "ASIAGOLDENSESSION" : "AKIAGOLDENUSED";
        return type == null ? s : s.on(type);
    }

    private Signal created(Principal p, ResourceType type, String... ids) {
        return signal(p, CreatedResources.DETECTION, type, ids).asRoutine().created();
    }

    /** An incident touching every kind of resource the planner knows, created and modified. */
    private Finding everything(Principal p) {
        List<Signal> signals = new ArrayList<>();
        signals.add(signal(p, EnumerationBurst.DETECTION, null));
        signals.add(signal(p, DryRunProbe.DETECTION, null));
        signals.add(created(p, ResourceType.INSTANCE, "i-0golden000000001"));
        signals.add(created(p, ResourceType.AUTOSCALING_GROUP, "asg-golden"));
        signals.add(created(p, ResourceType.LAUNCH_TEMPLATE, "lt-golden"));
        signals.add(created(p, ResourceType.ECS_CLUSTER, "miner-golden"));
        Signal service = created(p, ResourceType.ECS_SERVICE, "miner-golden/svc-golden");
        service.parent = "miner-golden";
        signals.add(service);
        Signal task =
                created(
                        p,
                        ResourceType.ECS_TASK,
                        "arn:aws:ecs:us-east-1:111122223333:task/payments-prod/0a1b2c3d");
        task.parent = "payments-prod";
        signals.add(task);
        signals.add(
                created(
                        p,
                        ResourceType.TASK_DEFINITION,
                        "arn:aws:ecs:us-east-1:111122223333:task-definition/worker:1"));
        signals.add(created(p, ResourceType.IAM_ROLE, "lambda-ops-exec"));
        signals.add(created(p, ResourceType.IAM_USER, "support-ses"));
        // the user it created is linked (lineage): contained with the principal
        Signal handOff = signal(p, IdentityHandOff.DETECTION, null, "support-ses");
        handOff.linked =
                new Principal(
                        "111122223333",
                        "arn:aws:iam::111122223333:user/support-ses",
                        "IAMUser",
                        null);
        handOff.routine = true;
        signals.add(handOff);
        signals.add(created(p, ResourceType.ACCESS_KEY, "AKIAGOLDENCREATED"));
        signals.add(created(p, ResourceType.LAMBDA_FUNCTION, "ops-healthcheck"));
        signals.add(
                signal(
                                p,
                                CreatedResources.DETECTION,
                                ResourceType.LAUNCH_TEMPLATE_VERSION,
                                "web-prod-lt:7")
                        .asRoutine());
        signals.add(
                signal(
                        p,
                        TerminationProtection.DETECTION,
                        ResourceType.INSTANCE,
                        "i-0prod00000000001"));
        signals.add(
                signal(
                        p,
                        ScaleInProtection.DETECTION,
                        ResourceType.AUTOSCALING_GROUP,
                        "web-prod-asg"));
        signals.add(
                signal(
                        p,
                        GpuCompute.DETECTION,
                        ResourceType.ECS_SERVICE,
                        "payments-prod/payments-api"));
        signals.add(signal(p, GpuCompute.DETECTION, ResourceType.ECS_CLUSTER, "jobs-prod"));
        signals.add(signal(p, GpuCompute.DETECTION, ResourceType.LAUNCH_TEMPLATE, "web-prod-lt"));
        signals.add(signal(p, IamRolePersistence.DETECTION, ResourceType.IAM_ROLE, "app-role"));
        signals.add(signal(p, IamUserPersistence.DETECTION, ResourceType.IAM_USER, "bob"));
        signals.add(
                signal(p, PublicFunction.DETECTION, ResourceType.LAMBDA_FUNCTION, "orders-api"));
        IncidentCorrelator c = new IncidentCorrelator(IncidentPolicy.defaults());
        Incident inc = IncidentCorrelator.open(signals.get(0));
        Finding last = null;
        for (Signal s : signals) {
            if (s.linked != null) {
                inc.link(s.linked); // as the incident function does for a counted incident
            }
            Finding f = c.add(inc, s);
            last = f != null ? f : last;
        }
        Finding f = c.closing(inc);
        return f != null ? f : last;
    }

    private void check(String file, Finding f) throws Exception {
        String json =
                JSON.writeValueAsString(JSON.readTree(new OcsfWriter("golden").toJson(f))) + "\n";
        Path golden = DIR.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.write(golden, json.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.readString(golden))
                .as("%s is stale: rerun with -Dgolden.update=true and review the diff", golden)
                .isEqualTo(json);
    }

    @Test
    void theGoldenFindingsHoldEveryActionThePlannerWrites() throws Exception {
        Principal user =
                new Principal(
                        "111122223333",
                        "arn:aws:iam::111122223333:user/svc-golden",
                        "IAMUser",
                        null);
        user.userId = "AIDAGOLDENUSER";
        Principal role =
                new Principal(
                        "111122223333",
                        "arn:aws:iam::111122223333:role/platform-ci",
                        "AssumedRole",
                        "gitlab-ci-golden");
        role.userId = "AROAGOLDENROLEID:gitlab-ci-golden";
        Finding ofUser = everything(user);
        seq = 0;
        Finding ofRole = everything(role);
        Set<String> seen = new LinkedHashSet<>();
        for (Finding f : List.of(ofUser, ofRole)) {
            for (ResponseStep s : f.responsePlan) {
                seen.add(s.action);
            }
        }
        assertThat(seen)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(ResponseAction.values())
                                .map(a -> a.key)
                                .collect(Collectors.toList()));
        check("golden-finding-user.json", ofUser);
        check("golden-finding-role.json", ofRole);
    }
}
