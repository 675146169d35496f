package io.trailsentry.cloudtrail;

import java.util.Arrays;
import java.util.Objects;

/**
 * The request parameters and response elements that detections read, extracted once at decode time
 * so that no detector parses JSON again. Every string is length-capped and every array is
 * count-capped by {@link FactsExtractor}; absent numbers are {@code -1}, absent flags {@code null}.
 */
public class RequestFacts {
    // EC2
    public String[] instanceTypes;
    public String[] instanceIds;
    public int instanceCount = -1;
    public Boolean disableApiTermination;
    public String launchTemplateName;

    /** The version a CreateLaunchTemplateVersion response names, or -1. */
    public int launchTemplateVersion = -1;

    // Auto Scaling
    public String autoScalingGroupName;
    public int minSize = -1;
    public int maxSize = -1;
    public int desiredCapacity = -1;
    public Boolean protectedFromScaleIn;
    // ECS
    public String clusterName;
    public String serviceName;
    public String taskDefinition;
    public String[] images;

    /** Task ARNs a RunTask response names (the tasks this call started), capped. */
    public String[] taskArns;

    /**
     * Services, tasks and container instances an ECS cluster in a response already holds, or -1: a
     * CreateCluster answered with a cluster that has them named an existing cluster (ECS returns
     * the existing one with 200), which the call did not create.
     */
    public int ecsWorkload = -1;

    /** Entry points and commands of the container definitions, joined, capped. */
    public String containerCommands;

    public int cpu = -1;
    public int memory = -1;
    // IAM / Lambda / STS
    public String roleName;
    public String userName;
    public String policyArn;

    /** An inline policy's name (PutRolePolicy, PutUserPolicy). */
    public String policyName;

    public String createdAccessKeyId;

    /** The role an STS AssumeRole asks for (request), with the session name it asks for. */
    public String roleArn;

    public String roleSessionName;

    /**
     * The new session's {@code aws:userid} ({@code AROA…:session}) from an AssumeRole response, or
     * the ARN a CreateUser response names: who the caller just handed credentials to.
     */
    public String assumedRoleId;

    public String createdUserArn;

    public String functionName;
    public String functionUrlAuthType;

    /** The {@code principal} a resource permission is granted to (Lambda AddPermission). */
    public String permissionPrincipal;

    // Service Quotas
    public String quotaCode;

    // capacity by attributes (instanceRequirements), Batch and ECS sizes

    /** Minimum accelerators per instance an attribute-based request asks for (-1: none). */
    public int acceleratorCount = -1;

    /** Minimum vCPUs per instance an attribute-based request asks for (-1: none). */
    public int vcpuCount = -1;

    /** An attribute-based request for accelerators by manufacturer or type (nvidia, gpu...). */
    public Boolean acceleratorsByAttribute;

    /**
     * Lambda: the memory a request gives a function, in MB ({@code memorySize} of CreateFunction or
     * UpdateFunctionConfiguration; -1: not set).
     */
    public int memorySize = -1;

    /**
     * Lambda: the concurrent executions a request reserves or provisions ({@code
     * reservedConcurrentExecutions}, {@code provisionedConcurrentExecutions}; -1: none).
     */
    public int concurrentExecutions = -1;

    /** A Batch compute environment's maximum vCPUs (-1: none). */
    public int maxVcpus = -1;

    // credential access, exposure, tampering, sign-in (detect.rules reads them by meaning)

    /**
     * What a request names by name: secrets, parameters, trails (secretId, secretIdList, names,
     * name, trailName).
     */
    public String[] names;

    /** SSM {@code withDecryption}. */
    public Boolean withDecryption;

    /** The attribute a Describe/Modify*Attribute call reads or changes (userData, restore...). */
    public String attribute;

    /** Accounts or groups ("all") a share adds (AMI launch, snapshot volume, RDS restore). */
    public String[] sharedWith;

    /** The principals an Allow statement of a trust or resource policy in the request names. */
    public String[] policyPrincipals;

    /** An ACL grant or canned ACL to everyone (AllUsers, AuthenticatedUsers, public-*). */
    public Boolean publicGrant;

    /** A public-access-block setting switched off. */
    public Boolean publicAccessBlockOff;

    /** An ingress rule from any address (a /0 range). */
    public Boolean openToWorld;

    public int fromPort = -1;
    public int toPort = -1;

    /** Lambda layers a configuration names. */
    public String[] layers;

    /** A request that replaces an instance's user data. */
    public Boolean userDataChanged;

    /**
     * Logging narrowed: management events excluded, read/write only, event sources excluded, a
     * detector disabled, a trail made single-region or without global events.
     */
    public Boolean loggingReduced;

    /** Console sign-in: whether MFA was used ({@code additionalEventData.MFAUsed}). */
    public Boolean mfaUsed;

    /** Console sign-in outcome ({@code responseElements.ConsoleLogin}: Success, Failure). */
    public String loginResult;

    public RequestFacts() {}

    /**
     * The name of the ECS cluster the request acts in: ECS's own "default" when it names none, the
     * name when it names the cluster by ARN ({@code arn:aws:ecs:REGION:ACCOUNT:cluster/NAME}), or
     * the cluster a service ARN ({@code ...:service/CLUSTER/NAME}) names.
     */
    public String ecsCluster() {
        if (clusterName != null) {
            return EcsNames.cluster(clusterName);
        }
        String fromService = serviceName == null ? null : EcsNames.clusterOfService(serviceName);
        return fromService == null ? "default" : fromService;
    }

    /** The ECS service name the request names (a service ARN reduced to its name), or null. */
    public String ecsServiceName() {
        return serviceName == null ? null : EcsNames.service(serviceName);
    }

    /**
     * The ECS service as responders address it, {@code cluster/service} with both as names (a
     * service name alone is ambiguous across clusters), or null when the request names no service.
     */
    public String ecsServiceId() {
        return serviceName == null ? null : ecsCluster() + "/" + ecsServiceName();
    }

    /** Largest capacity this request asks for, across counts and autoscaling sizes, or -1. */
    public int requestedCapacity() {
        return Math.max(Math.max(instanceCount, desiredCapacity), Math.max(minSize, maxSize));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RequestFacts)) {
            return false;
        }
        RequestFacts f = (RequestFacts) o;
        return instanceCount == f.instanceCount
                && minSize == f.minSize
                && maxSize == f.maxSize
                && desiredCapacity == f.desiredCapacity
                && cpu == f.cpu
                && launchTemplateVersion == f.launchTemplateVersion
                && ecsWorkload == f.ecsWorkload
                && Arrays.equals(taskArns, f.taskArns)
                && memory == f.memory
                && Arrays.equals(instanceTypes, f.instanceTypes)
                && Arrays.equals(instanceIds, f.instanceIds)
                && Arrays.equals(images, f.images)
                && Objects.equals(disableApiTermination, f.disableApiTermination)
                && Objects.equals(launchTemplateName, f.launchTemplateName)
                && Objects.equals(autoScalingGroupName, f.autoScalingGroupName)
                && Objects.equals(protectedFromScaleIn, f.protectedFromScaleIn)
                && Objects.equals(clusterName, f.clusterName)
                && Objects.equals(serviceName, f.serviceName)
                && Objects.equals(taskDefinition, f.taskDefinition)
                && Objects.equals(containerCommands, f.containerCommands)
                && Objects.equals(roleName, f.roleName)
                && Objects.equals(userName, f.userName)
                && Objects.equals(policyArn, f.policyArn)
                && Objects.equals(policyName, f.policyName)
                && Objects.equals(createdAccessKeyId, f.createdAccessKeyId)
                && Objects.equals(roleArn, f.roleArn)
                && Objects.equals(roleSessionName, f.roleSessionName)
                && Objects.equals(assumedRoleId, f.assumedRoleId)
                && Objects.equals(createdUserArn, f.createdUserArn)
                && Objects.equals(functionName, f.functionName)
                && Objects.equals(functionUrlAuthType, f.functionUrlAuthType)
                && Objects.equals(permissionPrincipal, f.permissionPrincipal)
                && Objects.equals(quotaCode, f.quotaCode)
                && Arrays.equals(names, f.names)
                && Objects.equals(withDecryption, f.withDecryption)
                && Objects.equals(attribute, f.attribute)
                && Arrays.equals(sharedWith, f.sharedWith)
                && Arrays.equals(policyPrincipals, f.policyPrincipals)
                && Objects.equals(publicGrant, f.publicGrant)
                && Objects.equals(publicAccessBlockOff, f.publicAccessBlockOff)
                && Objects.equals(openToWorld, f.openToWorld)
                && fromPort == f.fromPort
                && toPort == f.toPort
                && Arrays.equals(layers, f.layers)
                && Objects.equals(userDataChanged, f.userDataChanged)
                && Objects.equals(loggingReduced, f.loggingReduced)
                && Objects.equals(mfaUsed, f.mfaUsed)
                && Objects.equals(loginResult, f.loginResult)
                && acceleratorCount == f.acceleratorCount
                && vcpuCount == f.vcpuCount
                && Objects.equals(acceleratorsByAttribute, f.acceleratorsByAttribute)
                && maxVcpus == f.maxVcpus
                && memorySize == f.memorySize
                && concurrentExecutions == f.concurrentExecutions;
    }

    @Override
    public int hashCode() {
        return Objects.hash(autoScalingGroupName, clusterName, roleName, instanceCount);
    }
}
