package io.trailsentry.responder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every action a finding's response plan may name, what ties its target to the principal, and the
 * code that carries it out. An action the table does not know is logged as unsupported, never
 * guessed at.
 */
public final class Actions {
    /** How a step's target must appear in the finding before the responder touches it. */
    public enum Tie {
        /** An access key the evidence shows the principal using or creating. */
        ACCESS_KEY,
        /** The flagged principal itself. */
        PRINCIPAL,
        /** A resource the finding lists as created by the principal, of {@link Def#cfnType}. */
        RESOURCE,
        /** Advice for people; nothing is called. */
        ADVISORY
    }

    /** Carries out one step; returns the outcome ("done", or "absent" when already gone). */
    @FunctionalInterface
    public interface Action {
        String run(FindingOrder f, FindingOrder.Step s, StepContext c);
    }

    /** One row of the table. */
    public static final class Def {
        public final String name;
        public final Tie tie;
        public final String cfnType;
        final Action action;

        Def(String name, Tie tie, String cfnType, Action action) {
            this.name = name;
            this.tie = tie;
            this.cfnType = cfnType;
            this.action = action;
        }
    }

    private static final Map<String, Def> BY_NAME = new LinkedHashMap<>();

    static {
        def("deactivate-access-key", Tie.ACCESS_KEY, null, IdentityActions::deactivateAccessKey);
        def("quarantine-principal", Tie.PRINCIPAL, null, IdentityActions::quarantine);
        def("revoke-role-sessions", Tie.PRINCIPAL, null, IdentityActions::revokeSessions);
        def("deny-compute-creation", Tie.PRINCIPAL, null, IdentityActions::denyCompute);
        def(
                "enable-instance-termination",
                Tie.RESOURCE,
                "AWS::EC2::Instance",
                ComputeActions::enableTermination);
        def(
                "clear-scale-in-protection",
                Tie.RESOURCE,
                "AWS::AutoScaling::AutoScalingGroup",
                ComputeActions::clearScaleInProtection);
        def("review-created-iam-role", Tie.ADVISORY, null, null);
        def("review-created-iam-user", Tie.ADVISORY, null, null);
        def("review-created-lambda-function", Tie.ADVISORY, null, null);
        def(
                "delete-autoscaling-group",
                Tie.RESOURCE,
                "AWS::AutoScaling::AutoScalingGroup",
                ComputeActions::deleteAutoScalingGroup);
        def(
                "delete-ecs-service",
                Tie.RESOURCE,
                "AWS::ECS::Service",
                ContainerActions::deleteService);
        def(
                "delete-ecs-cluster",
                Tie.RESOURCE,
                "AWS::ECS::Cluster",
                ContainerActions::deleteCluster);
        def(
                "deregister-task-definition",
                Tie.RESOURCE,
                "AWS::ECS::TaskDefinition",
                ContainerActions::deregisterTaskDefinition);
        def("terminate-instance", Tie.RESOURCE, "AWS::EC2::Instance", ComputeActions::terminate);
        def(
                "delete-launch-template",
                Tie.RESOURCE,
                "AWS::EC2::LaunchTemplate",
                ComputeActions::deleteLaunchTemplate);
        def("rotate-credentials", Tie.ADVISORY, null, null);
    }

    public static final Set<String> NAMES = Collections.unmodifiableSet(BY_NAME.keySet());

    private Actions() {}

    private static void def(String name, Tie tie, String cfnType, Action action) {
        BY_NAME.put(name, new Def(name, tie, cfnType, action));
    }

    /** The row for {@code name}, or null. */
    public static Def get(String name) {
        return BY_NAME.get(name);
    }

    /** What a step needs besides the finding: clients, the call recorder, the time. */
    public static final class StepContext {
        public final AwsClients aws;
        public final Calls calls;
        public final long nowMillis;

        StepContext(AwsClients aws, Calls calls, long nowMillis) {
            this.aws = aws;
            this.calls = calls;
            this.nowMillis = nowMillis;
        }

        /**
         * A step that is a single mutating call in the step's region: recorded, sent unless
         * dry-run; {@code call} receives the region to pick its client.
         */
        String single(
                FindingOrder.Step s,
                String service,
                String operation,
                Map<String, Object> params,
                Consumer<String> call) {
            String region = aws.regionOf(s.region);
            calls.mutate(service, operation, region, params, () -> call.accept(region));
            return "done";
        }
    }

    /** The last path segment of an IAM ARN: the user or role name. */
    static String iamName(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** A step that cannot be carried out as asked; the audit line says why. */
    public static final class StepRefused extends RuntimeException {
        public StepRefused(String reason) {
            super(reason);
        }
    }
}
