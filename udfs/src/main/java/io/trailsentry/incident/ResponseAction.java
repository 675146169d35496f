package io.trailsentry.incident;

/**
 * Every action a response plan can hold, with its phase. {@link #key} is what findings carry and
 * the responder executes: a new or renamed action changes the golden findings the responder's tests
 * run ({@code testdata/contract/}).
 */
public enum ResponseAction {
    DEACTIVATE_ACCESS_KEY("deactivate-access-key", ResponseStep.CONTAIN),
    QUARANTINE_PRINCIPAL("quarantine-principal", ResponseStep.CONTAIN),
    DENY_COMPUTE_CREATION("deny-compute-creation", ResponseStep.CONTAIN),
    REVOKE_ROLE_SESSIONS("revoke-role-sessions", ResponseStep.CONTAIN),
    DENY_SESSION("deny-session", ResponseStep.CONTAIN),
    ENABLE_INSTANCE_TERMINATION("enable-instance-termination", ResponseStep.REVERSE),
    CLEAR_SCALE_IN_PROTECTION("clear-scale-in-protection", ResponseStep.REVERSE),
    DELETE_LAUNCH_TEMPLATE_VERSION("delete-launch-template-version", ResponseStep.REVERSE),
    REVIEW_CREATED_IAM_ROLE("review-created-iam-role", ResponseStep.REVERSE),
    REVIEW_CREATED_IAM_USER("review-created-iam-user", ResponseStep.REVERSE),
    REVIEW_CREATED_LAMBDA_FUNCTION("review-created-lambda-function", ResponseStep.REVERSE),
    REVIEW_MODIFIED_AUTOSCALING_GROUP("review-modified-autoscaling-group", ResponseStep.REVERSE),
    REVIEW_MODIFIED_ECS_SERVICE("review-modified-ecs-service", ResponseStep.REVERSE),
    REVIEW_MODIFIED_ECS_CLUSTER("review-modified-ecs-cluster", ResponseStep.REVERSE),
    REVIEW_MODIFIED_INSTANCE("review-modified-instance", ResponseStep.REVERSE),
    REVIEW_MODIFIED_LAUNCH_TEMPLATE("review-modified-launch-template", ResponseStep.REVERSE),
    REVIEW_MODIFIED_IAM_ROLE("review-modified-iam-role", ResponseStep.REVERSE),
    REVIEW_MODIFIED_IAM_USER("review-modified-iam-user", ResponseStep.REVERSE),
    REVIEW_MODIFIED_LAMBDA_FUNCTION("review-modified-lambda-function", ResponseStep.REVERSE),
    DELETE_AUTOSCALING_GROUP("delete-autoscaling-group", ResponseStep.ERADICATE),
    DELETE_ECS_SERVICE("delete-ecs-service", ResponseStep.ERADICATE),
    STOP_ECS_TASK("stop-ecs-task", ResponseStep.ERADICATE),
    DELETE_ECS_CLUSTER("delete-ecs-cluster", ResponseStep.ERADICATE),
    DEREGISTER_TASK_DEFINITION("deregister-task-definition", ResponseStep.ERADICATE),
    TERMINATE_INSTANCE("terminate-instance", ResponseStep.ERADICATE),
    DELETE_LAUNCH_TEMPLATE("delete-launch-template", ResponseStep.ERADICATE),
    ROTATE_CREDENTIALS("rotate-credentials", ResponseStep.ERADICATE);

    public final String key;
    public final String phase;

    ResponseAction(String key, String phase) {
        this.key = key;
        this.phase = phase;
    }
}
