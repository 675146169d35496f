package io.trailsentry.detect;

/**
 * The kinds of resource signals name and plans act on, each with its CloudFormation type (how
 * findings type it). {@link #key} is what state and findings hold: never change one.
 */
public enum ResourceType {
    INSTANCE("instance", "AWS::EC2::Instance"),
    AUTOSCALING_GROUP("autoscaling-group", "AWS::AutoScaling::AutoScalingGroup"),
    ECS_CLUSTER("ecs-cluster", "AWS::ECS::Cluster"),
    ECS_SERVICE("ecs-service", "AWS::ECS::Service"),
    ECS_TASK("ecs-task", "AWS::ECS::Task"),
    TASK_DEFINITION("task-definition", "AWS::ECS::TaskDefinition"),
    LAUNCH_TEMPLATE("launch-template", "AWS::EC2::LaunchTemplate"),
    /** A version one principal added to a template; its id is {@code NAME:VERSION}. */
    LAUNCH_TEMPLATE_VERSION("launch-template-version", "AWS::EC2::LaunchTemplate"),
    IAM_ROLE("iam-role", "AWS::IAM::Role"),
    IAM_USER("iam-user", "AWS::IAM::User"),
    ACCESS_KEY("access-key", "AWS::IAM::AccessKey"),
    LAMBDA_FUNCTION("lambda-function", "AWS::Lambda::Function"),
    /** A source (IP prefix): evidence, never a response target. */
    SOURCE("source", "Other"),
    OTHER("other", "Other");

    public final String key;
    public final String cloudFormationType;

    ResourceType(String key, String cloudFormationType) {
        this.key = key;
        this.cloudFormationType = cloudFormationType;
    }

    /** The type whose {@link #key} is {@code key}; {@link #OTHER} for null or unknown keys. */
    public static ResourceType ofKey(String key) {
        for (ResourceType t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        return OTHER;
    }

    /** Whether a resource of this type can be a response target. */
    public boolean targetable() {
        return this != SOURCE;
    }
}
