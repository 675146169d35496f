package io.trailsentry.responder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
        /**
         * The flagged principal, or an identity the finding links to it (lineage) in the same
         * account and not never-act, which must be an IAM user (never a whole role).
         */
        USER,
        /**
         * The flagged principal or a linked identity (as for USER), which must be a role: only its
         * sessions are denied.
         */
        ROLE,
        /**
         * A resource the finding lists as created by the principal ({@code provenance created}).
         */
        CREATED,
        /** A resource the finding lists as changed by the principal; only the change is undone. */
        MODIFIED,
        /** Advice for people; nothing is called. */
        ADVISORY
    }

    /** Carries out one step; returns the outcome ("done", or "absent" when already gone). */
    @FunctionalInterface
    public interface Action {
        String run(FindingOrder f, Step s, StepContext c);
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

    static final String INSTANCE = "AWS::EC2::Instance";
    static final String GROUP = "AWS::AutoScaling::AutoScalingGroup";
    static final String TEMPLATE = "AWS::EC2::LaunchTemplate";
    static final String CLUSTER = "AWS::ECS::Cluster";
    static final String SERVICE = "AWS::ECS::Service";
    static final String TASK = "AWS::ECS::Task";
    static final String TASK_DEFINITION = "AWS::ECS::TaskDefinition";

    private static final Map<String, Def> BY_NAME = new LinkedHashMap<>();

    static {
        // contain
        def("deactivate-access-key", Tie.ACCESS_KEY, null, IdentityActions::deactivateAccessKey);
        def("quarantine-principal", Tie.USER, null, IdentityActions::quarantine);
        def("deny-compute-creation", Tie.USER, null, IdentityActions::denyCompute);
        def("revoke-role-sessions", Tie.ROLE, null, IdentityActions::revokeSessions);
        def("deny-session", Tie.ROLE, null, IdentityActions::denySession);
        // reverse
        def(
                "enable-instance-termination",
                Tie.CREATED,
                INSTANCE,
                InstanceActions::enableTermination);
        def("clear-scale-in-protection", Tie.CREATED, GROUP, GroupActions::clearScaleInProtection);
        def(
                "delete-launch-template-version",
                Tie.MODIFIED,
                TEMPLATE,
                TemplateActions::deleteVersion);
        for (String advice :
                new String[] {
                    "review-created-iam-role",
                    "review-created-iam-user",
                    "review-created-lambda-function",
                    "review-modified-autoscaling-group",
                    "review-modified-instance",
                    "review-modified-ecs-cluster",
                    "review-modified-ecs-service",
                    "review-modified-launch-template",
                    "review-modified-iam-role",
                    "review-modified-iam-user",
                    "review-modified-lambda-function"
                }) {
            def(advice, Tie.ADVISORY, null, null);
        }
        // eradicate: only what the principal created
        def("delete-autoscaling-group", Tie.CREATED, GROUP, GroupActions::deleteGroup);
        def("delete-ecs-service", Tie.CREATED, SERVICE, ServiceActions::deleteService);
        def("stop-ecs-task", Tie.CREATED, TASK, ServiceActions::stopTask);
        def("delete-ecs-cluster", Tie.CREATED, CLUSTER, ClusterActions::deleteCluster);
        def(
                "deregister-task-definition",
                Tie.CREATED,
                TASK_DEFINITION,
                ServiceActions::deregisterTaskDefinition);
        def("terminate-instance", Tie.CREATED, INSTANCE, InstanceActions::terminate);
        def("delete-launch-template", Tie.CREATED, TEMPLATE, TemplateActions::deleteTemplate);
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

    /** The last path segment of an IAM ARN: the user or role name. */
    static String iamName(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** A step that cannot be carried out as asked; the audit line says why. */
    public static class StepRefused extends RuntimeException {
        final String outcome;

        public StepRefused(String reason) {
            this("refused", reason);
        }

        StepRefused(String outcome, String reason) {
            super(reason);
            this.outcome = outcome;
        }
    }
}
