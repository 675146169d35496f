package io.trailsentry.testdata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Real-shape request and response bodies of the APIs the threat model names, and of the everyday
 * calls around them. Shapes follow CloudTrail's own (RunInstances' instancesSet, autoscaling's
 * camelCase, ECS containerDefinitions, IAM and Lambda names).
 */
public final class Calls {
    private Calls() {}

    // ---- STS / IAM reads
    public static ApiCall getCallerIdentity() {
        return ApiCall.read("sts", "GetCallerIdentity");
    }

    public static ApiCall iamRead(String name) {
        return ApiCall.read("iam", name).in("us-east-1");
    }

    public static ApiCall simulatePrincipalPolicy(String arn) {
        ApiCall c = ApiCall.read("iam", "SimulatePrincipalPolicy").in("us-east-1");
        c.request().put("policySourceArn", arn);
        c.request().putArray("actionNames").add("ec2:RunInstances").add("ecs:CreateCluster");
        return c;
    }

    // ---- EC2
    public static ApiCall ec2Read(String name) {
        ApiCall c = ApiCall.read("ec2", name);
        if (name.equals("DescribeInstances")) {
            c.request().putObject("instancesSet");
            c.request().putObject("filterSet");
        }
        return c;
    }

    public static ApiCall runInstances(
            String type, int count, boolean protect, Rng rng, String... instanceIds) {
        ApiCall c = ApiCall.write("ec2", "RunInstances");
        ObjectNode r = c.request();
        ArrayNode items = r.putObject("instancesSet").putArray("items");
        ObjectNode item = items.addObject();
        item.put("imageId", "ami-" + rng.hex(17));
        item.put("minCount", count);
        item.put("maxCount", count);
        r.put("instanceType", type);
        r.putObject("blockDeviceMapping");
        r.putObject("monitoring").put("enabled", false);
        r.put("disableApiTermination", protect);
        r.put("disableApiStop", false);
        r.put("clientToken", rng.uuid());
        ObjectNode resp = c.response();
        resp.put("requestId", rng.uuid());
        resp.put("reservationId", "r-" + rng.hex(17));
        ArrayNode out = resp.putObject("instancesSet").putArray("items");
        for (String id : instanceIds) {
            ObjectNode i = out.addObject();
            i.put("instanceId", id);
            i.put("instanceType", type);
            i.putObject("instanceState").put("code", 0).put("name", "pending");
        }
        return c;
    }

    public static ApiCall dryRunInstances(String type, boolean allowed, Rng rng) {
        ApiCall c = runInstances(type, 1, false, rng);
        return allowed
                ? c.error(
                        "Client.DryRunOperation",
                        "Request would have succeeded, but DryRun flag is set.")
                : c.error(
                        "Client.UnauthorizedOperation",
                        "You are not authorized to perform this operation.");
    }

    public static ApiCall protectInstance(String instanceId) {
        ApiCall c = ApiCall.write("ec2", "ModifyInstanceAttribute");
        c.request().put("instanceId", instanceId);
        c.request().putObject("disableApiTermination").put("value", true);
        c.response().put("_return", true);
        return c;
    }

    public static ApiCall createLaunchTemplate(String name, String type, Rng rng) {
        ApiCall c = ApiCall.write("ec2", "CreateLaunchTemplate");
        ObjectNode req = c.request().putObject("CreateLaunchTemplateRequest");
        req.put("LaunchTemplateName", name);
        ObjectNode data = req.putObject("LaunchTemplateData");
        data.put("ImageId", "ami-" + rng.hex(17));
        if (type != null) {
            data.put("InstanceType", type);
        }
        data.put("UserData", "<sensitiveDataRemoved>");
        ObjectNode lt =
                c.response().putObject("CreateLaunchTemplateResponse").putObject("launchTemplate");
        lt.put("launchTemplateId", "lt-" + rng.hex(17));
        lt.put("launchTemplateName", name);
        return c;
    }

    /** A new version of an existing launch template; the response names the version. */
    public static ApiCall createLaunchTemplateVersion(String name, int version, String type) {
        ApiCall c = ApiCall.write("ec2", "CreateLaunchTemplateVersion");
        ObjectNode req = c.request().putObject("CreateLaunchTemplateVersionRequest");
        req.put("LaunchTemplateName", name);
        req.putObject("LaunchTemplateData").put("InstanceType", type);
        ObjectNode v =
                c.response()
                        .putObject("CreateLaunchTemplateVersionResponse")
                        .putObject("launchTemplateVersion");
        v.put("launchTemplateName", name);
        v.put("versionNumber", version);
        v.put("defaultVersion", false);
        return c;
    }

    public static ApiCall createFleet(String type, int capacity, Rng rng) {
        ApiCall c = ApiCall.write("ec2", "CreateFleet");
        ObjectNode req = c.request().putObject("CreateFleetRequest");
        req.put("Type", "instant");
        ObjectNode tcs = req.putObject("TargetCapacitySpecification");
        tcs.put("TotalTargetCapacity", capacity);
        tcs.put("DefaultTargetCapacityType", "spot");
        ObjectNode ltc = req.putObject("LaunchTemplateConfigs");
        ltc.putObject("LaunchTemplateSpecification").put("LaunchTemplateName", "lt-" + rng.hex(8));
        ltc.putObject("Overrides").put("InstanceType", type);
        c.response().put("fleetId", "fleet-" + rng.uuid());
        return c;
    }

    public static ApiCall requestSpotInstances(String type, int count, Rng rng) {
        ApiCall c = ApiCall.write("ec2", "RequestSpotInstances");
        c.request().put("instanceCount", count);
        c.request()
                .putObject("launchSpecification")
                .put("instanceType", type)
                .put("imageId", "ami-" + rng.hex(17));
        return c;
    }

    // ---- Auto Scaling
    public static ApiCall createAutoScalingGroup(
            String name, String launchTemplate, int min, int desired, int max, boolean protect) {
        ApiCall c = ApiCall.write("autoscaling", "CreateAutoScalingGroup");
        ObjectNode r = c.request();
        r.put("autoScalingGroupName", name);
        r.putObject("launchTemplate")
                .put("launchTemplateName", launchTemplate)
                .put("version", "$Latest");
        r.put("minSize", min);
        r.put("maxSize", max);
        r.put("desiredCapacity", desired);
        r.put("vPCZoneIdentifier", "subnet-0a1b2c3d,subnet-4e5f6a7b");
        r.put("newInstancesProtectedFromScaleIn", protect);
        return c;
    }

    /** UpdateAutoScalingGroup raising a group's maximum (CloudTrail records no response). */
    public static ApiCall updateAutoScalingGroup(String name, int max) {
        ApiCall c = ApiCall.write("autoscaling", "UpdateAutoScalingGroup");
        c.request().put("autoScalingGroupName", name);
        c.request().put("maxSize", max);
        return c;
    }

    public static ApiCall setInstanceProtection(String group, String... instanceIds) {
        ApiCall c = ApiCall.write("autoscaling", "SetInstanceProtection");
        ArrayNode ids = c.request().putArray("instanceIds");
        for (String id : instanceIds) {
            ids.add(id);
        }
        c.request().put("autoScalingGroupName", group);
        c.request().put("protectedFromScaleIn", true);
        return c;
    }

    // ---- ECS
    public static ApiCall ecsRead(String name) {
        return ApiCall.read("ecs", name);
    }

    public static ApiCall createCluster(String account, String region, String name) {
        ApiCall c = ApiCall.write("ecs", "CreateCluster").in(region);
        c.request().put("clusterName", name);
        ObjectNode cl = c.response().putObject("cluster");
        cl.put("clusterArn", "arn:aws:ecs:" + region + ":" + account + ":cluster/" + name);
        cl.put("clusterName", name);
        cl.put("status", "ACTIVE");
        cl.put("registeredContainerInstancesCount", 0);
        cl.put("runningTasksCount", 0);
        cl.put("pendingTasksCount", 0);
        cl.put("activeServicesCount", 0);
        return c;
    }

    /**
     * CreateCluster naming a cluster that already exists: ECS answers 200 with the existing
     * cluster, its services and tasks counted in the response.
     */
    public static ApiCall createClusterExisting(
            String account, String region, String name, int services, int tasks) {
        ApiCall c = createCluster(account, region, name);
        ObjectNode cl = (ObjectNode) c.response().get("cluster");
        cl.put("runningTasksCount", tasks);
        cl.put("activeServicesCount", services);
        return c;
    }

    public static ApiCall registerTaskDefinition(
            String account,
            String region,
            String family,
            String image,
            int cpu,
            int memory,
            String... command) {
        ApiCall c = ApiCall.write("ecs", "RegisterTaskDefinition").in(region);
        ObjectNode r = c.request();
        r.put("family", family);
        r.putArray("requiresCompatibilities").add("FARGATE");
        r.put("networkMode", "awsvpc");
        r.put("cpu", String.valueOf(cpu));
        r.put("memory", String.valueOf(memory));
        ObjectNode cd = r.putArray("containerDefinitions").addObject();
        cd.put("name", family);
        cd.put("image", image);
        cd.put("essential", true);
        if (command.length > 0) {
            ArrayNode cmd = cd.putArray("command");
            for (String part : command) {
                cmd.add(part);
            }
        }
        c.response()
                .putObject("taskDefinition")
                .put(
                        "taskDefinitionArn",
                        "arn:aws:ecs:"
                                + region
                                + ":"
                                + account
                                + ":task-definition/"
                                + family
                                + ":1")
                .put("family", family)
                .put("revision", 1);
        return c;
    }

    public static ApiCall createService(
            String account,
            String region,
            String cluster,
            String service,
            String taskDef,
            int count) {
        ApiCall c = ApiCall.write("ecs", "CreateService").in(region);
        c.request().put("cluster", cluster);
        c.request().put("serviceName", service);
        c.request().put("taskDefinition", taskDef);
        c.request().put("desiredCount", count);
        c.request().put("launchType", "FARGATE");
        serviceResponse(c, account, region, cluster, service, count);
        return c;
    }

    /** UpdateService, naming the service in the {@code service} field, as the API does. */
    public static ApiCall updateService(
            String account, String region, String cluster, String service, int count) {
        ApiCall c = ApiCall.write("ecs", "UpdateService").in(region);
        c.request().put("cluster", cluster);
        c.request().put("service", service);
        c.request().put("desiredCount", count);
        serviceResponse(c, account, region, cluster, service, count);
        return c;
    }

    private static void serviceResponse(
            ApiCall c, String account, String region, String cluster, String service, int count) {
        String prefix = "arn:aws:ecs:" + region + ":" + account + ":";
        ObjectNode s = c.response().putObject("service");
        s.put("serviceArn", prefix + "service/" + cluster + "/" + service);
        s.put("serviceName", service);
        s.put("clusterArn", prefix + "cluster/" + cluster);
        s.put("desiredCount", count);
        s.put("status", "ACTIVE");
    }

    /**
     * RunTask; the response names each task started, by an id derived from {@code salt} (no
     * randomness consumed, so adding a task id leaves the rest of a corpus unchanged).
     */
    public static ApiCall runTask(
            String account, String region, String cluster, String taskDef, int count, String salt) {
        ApiCall c = ApiCall.write("ecs", "RunTask").in(region);
        c.request().put("cluster", cluster);
        c.request().put("taskDefinition", taskDef);
        c.request().put("count", count);
        c.request().put("launchType", "FARGATE");
        ArrayNode tasks = c.response().putArray("tasks");
        for (int i = 0; i < count; i++) {
            String id = hex32(salt + "|" + cluster + "|" + taskDef + "|" + i);
            tasks.addObject()
                    .put(
                            "taskArn",
                            "arn:aws:ecs:" + region + ":" + account + ":task/" + cluster + "/" + id)
                    .put("lastStatus", "PROVISIONING");
        }
        c.response().putArray("failures");
        return c;
    }

    private static String hex32(String seed) {
        try {
            byte[] h =
                    java.security.MessageDigest.getInstance("SHA-256")
                            .digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                sb.append(String.format("%02x", h[i]));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- IAM writes
    public static ApiCall createRole(String account, String role, Rng rng) {
        ApiCall c = ApiCall.write("iam", "CreateRole").in("us-east-1");
        c.request().put("roleName", role);
        c.request()
                .put(
                        "assumeRolePolicyDocument",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                                + "\"Action\":\"sts:AssumeRole\"}]}");
        ObjectNode r = c.response().putObject("role");
        r.put("roleName", role);
        r.put("roleId", "AROA" + rng.upperAlnum(17));
        r.put("arn", "arn:aws:iam::" + account + ":role/" + role);
        return c;
    }

    public static ApiCall attachRolePolicy(String role, String policyArn) {
        ApiCall c = ApiCall.write("iam", "AttachRolePolicy").in("us-east-1");
        c.request().put("roleName", role);
        c.request().put("policyArn", policyArn);
        return c;
    }

    public static ApiCall createServiceLinkedRole(String service) {
        ApiCall c = ApiCall.write("iam", "CreateServiceLinkedRole").in("us-east-1");
        c.request().put("aWSServiceName", service);
        return c;
    }

    public static ApiCall createUser(String account, String user, Rng rng) {
        ApiCall c = ApiCall.write("iam", "CreateUser").in("us-east-1");
        c.request().put("userName", user);
        ObjectNode u = c.response().putObject("user");
        u.put("userName", user);
        u.put("userId", "AIDA" + rng.upperAlnum(17));
        u.put("arn", "arn:aws:iam::" + account + ":user/" + user);
        return c;
    }

    public static ApiCall createAccessKey(String user, String newKey) {
        ApiCall c = ApiCall.write("iam", "CreateAccessKey").in("us-east-1");
        c.request().put("userName", user);
        ObjectNode k = c.response().putObject("accessKey");
        k.put("userName", user);
        k.put("accessKeyId", newKey);
        k.put("status", "Active");
        return c;
    }

    public static ApiCall createLoginProfile(String user) {
        ApiCall c = ApiCall.write("iam", "CreateLoginProfile").in("us-east-1");
        c.request().put("userName", user);
        c.request().put("passwordResetRequired", false);
        return c;
    }

    // ---- Lambda
    public static ApiCall createFunction(String account, String region, String name, String role) {
        ApiCall c = ApiCall.write("lambda", "CreateFunction20150331").in(region);
        c.request().put("functionName", name);
        c.request().put("runtime", "python3.12");
        c.request().put("role", "arn:aws:iam::" + account + ":role/" + role);
        c.request().put("handler", "index.handler");
        c.response()
                .put("functionName", name)
                .put(
                        "functionArn",
                        "arn:aws:lambda:" + region + ":" + account + ":function:" + name);
        return c;
    }

    /**
     * CreateFunction with its size as CloudTrail records it: {@code memorySize} (128..10,240 MB),
     * {@code timeout}, {@code ephemeralStorage}; the response repeats the configuration.
     */
    public static ApiCall createFunction(
            String account, String region, String name, String role, int memoryMb, int timeout) {
        ApiCall c = createFunction(account, region, name, role);
        c.request().put("memorySize", memoryMb);
        c.request().put("timeout", timeout);
        c.request().put("packageType", "Zip");
        c.request().put("publish", false);
        c.request().putArray("architectures").add("x86_64");
        c.request().putObject("code");
        c.response()
                .put("runtime", "python3.12")
                .put("memorySize", memoryMb)
                .put("timeout", timeout)
                .put("state", "Pending")
                .put("packageType", "Zip")
                .put("version", "$LATEST");
        return c;
    }

    /** PutFunctionConcurrency: reserves {@code executions} concurrent executions for a function. */
    public static ApiCall putFunctionConcurrency(String name, int executions) {
        ApiCall c = ApiCall.write("lambda", "PutFunctionConcurrency20171031");
        c.request().put("functionName", name);
        c.request().put("reservedConcurrentExecutions", executions);
        c.response().put("reservedConcurrentExecutions", executions);
        return c;
    }

    /** PublishVersion: the version that provisioned concurrency needs. */
    public static ApiCall publishVersion(String account, String region, String name, int version) {
        ApiCall c = ApiCall.write("lambda", "PublishVersion20150331").in(region);
        c.request().put("functionName", name);
        c.response()
                .put("functionName", name)
                .put(
                        "functionArn",
                        "arn:aws:lambda:"
                                + region
                                + ":"
                                + account
                                + ":function:"
                                + name
                                + ":"
                                + version)
                .put("version", String.valueOf(version));
        return c;
    }

    /**
     * PutProvisionedConcurrencyConfig: keeps {@code executions} environments of a version
     * initialised.
     */
    public static ApiCall putProvisionedConcurrency(String name, String qualifier, int executions) {
        ApiCall c = ApiCall.write("lambda", "PutProvisionedConcurrencyConfig");
        c.request().put("functionName", name);
        c.request().put("qualifier", qualifier);
        c.request().put("provisionedConcurrentExecutions", executions);
        c.response()
                .put("requestedProvisionedConcurrentExecutions", executions)
                .put("allocatedProvisionedConcurrentExecutions", 0)
                .put("availableProvisionedConcurrentExecutions", 0)
                .put("status", "IN_PROGRESS");
        return c;
    }

    /** DeleteFunction. */
    public static ApiCall deleteFunction(String name) {
        ApiCall c = ApiCall.write("lambda", "DeleteFunction20150331");
        c.request().put("functionName", name);
        return c;
    }

    public static ApiCall createFunctionUrl(String region, String name) {
        ApiCall c = ApiCall.write("lambda", "CreateFunctionUrlConfig").in(region);
        c.request().put("functionName", name);
        c.request().put("authType", "NONE");
        return c;
    }

    // ---- Service Quotas
    public static ApiCall getServiceQuota(String quotaCode) {
        ApiCall c = ApiCall.read("servicequotas", "GetServiceQuota");
        c.request().put("serviceCode", "ec2");
        c.request().put("quotaCode", quotaCode);
        return c;
    }

    // ---- everyday reads of other services
    public static ApiCall s3Read(String name, String bucket) {
        ApiCall c = ApiCall.read("s3", name);
        if (bucket != null) {
            c.request().put("bucketName", bucket);
            c.request().put("Host", bucket + ".s3.amazonaws.com");
        }
        return c;
    }

    public static ApiCall read(String service, String name) {
        return ApiCall.read(service, name);
    }

    public static ApiCall consoleLogin() {
        ApiCall c = ApiCall.write("signin", "ConsoleLogin");
        c.response().put("ConsoleLogin", "Success");
        return c;
    }

    // ---- adversarial variants (issue #15) and their look-alikes

    /**
     * CreateAutoScalingGroup choosing instances by attributes only ({@code mixedInstancesPolicy}
     * with {@code instanceRequirements}: accelerators, vCPUs, memory), no instance type named.
     */
    public static ApiCall createAutoScalingGroupByAttributes(
            String name, String launchTemplate, int min, int desired, int max) {
        ApiCall c = ApiCall.write("autoscaling", "CreateAutoScalingGroup");
        ObjectNode r = c.request();
        r.put("autoScalingGroupName", name);
        ObjectNode mip = r.putObject("mixedInstancesPolicy");
        ObjectNode lt = mip.putObject("launchTemplate");
        lt.putObject("launchTemplateSpecification")
                .put("launchTemplateName", launchTemplate)
                .put("version", "$Latest");
        ObjectNode req = lt.putArray("overrides").addObject().putObject("instanceRequirements");
        req.putObject("vCpuCount").put("min", 8).put("max", 96);
        req.putObject("memoryMiB").put("min", 32768);
        req.putObject("acceleratorCount").put("min", 1);
        req.putArray("acceleratorManufacturers").add("nvidia");
        req.putArray("acceleratorTypes").add("gpu");
        mip.putObject("instancesDistribution")
                .put("onDemandPercentageAboveBaseCapacity", 0)
                .put("spotAllocationStrategy", "price-capacity-optimized");
        r.put("minSize", min);
        r.put("maxSize", max);
        r.put("desiredCapacity", desired);
        r.put("vPCZoneIdentifier", "subnet-0a1b2c3d,subnet-4e5f6a7b");
        return c;
    }

    /** UpdateAutoScalingGroup setting minimum, maximum and desired capacity. */
    public static ApiCall updateAutoScalingGroupSize(String name, int min, int max, int desired) {
        ApiCall c = ApiCall.write("autoscaling", "UpdateAutoScalingGroup");
        c.request().put("autoScalingGroupName", name);
        c.request().put("minSize", min);
        c.request().put("maxSize", max);
        c.request().put("desiredCapacity", desired);
        return c;
    }

    public static ApiCall setDesiredCapacity(String name, int desired) {
        ApiCall c = ApiCall.write("autoscaling", "SetDesiredCapacity");
        c.request().put("autoScalingGroupName", name);
        c.request().put("desiredCapacity", desired);
        c.request().put("honorCooldown", false);
        return c;
    }

    /** CreateFleet of spot capacity chosen by {@code InstanceRequirements}, no type named. */
    public static ApiCall createFleetByAttributes(int capacity, Rng rng) {
        ApiCall c = ApiCall.write("ec2", "CreateFleet");
        ObjectNode req = c.request().putObject("CreateFleetRequest");
        req.put("Type", "maintain");
        ObjectNode tcs = req.putObject("TargetCapacitySpecification");
        tcs.put("TotalTargetCapacity", capacity);
        tcs.put("SpotTargetCapacity", capacity);
        tcs.put("DefaultTargetCapacityType", "spot");
        req.putObject("SpotOptions").put("AllocationStrategy", "price-capacity-optimized");
        ObjectNode ltc = req.putObject("LaunchTemplateConfigs");
        ltc.putObject("LaunchTemplateSpecification")
                .put("LaunchTemplateId", "lt-" + rng.hex(17))
                .put("Version", "$Latest");
        ObjectNode ir = ltc.putObject("Overrides").putObject("InstanceRequirements");
        ir.putObject("VCpuCount").put("Min", 8);
        ir.putObject("MemoryMiB").put("Min", 32768);
        ir.putObject("AcceleratorCount").put("Min", 1);
        ir.putObject("AcceleratorManufacturers").put("Item", "nvidia");
        ir.putObject("AcceleratorTypes").put("Item", "gpu");
        c.response().put("fleetId", "fleet-" + rng.uuid());
        return c;
    }

    // CloudFormation
    public static ApiCall createStack(
            String account, String region, String stack, String templateUrl, Rng rng) {
        ApiCall c = ApiCall.write("cloudformation", "CreateStack").in(region);
        c.request().put("stackName", stack);
        c.request().put("templateURL", templateUrl);
        c.request().putArray("capabilities").add("CAPABILITY_IAM");
        c.request().put("enableTerminationProtection", true);
        c.response()
                .put(
                        "stackId",
                        "arn:aws:cloudformation:"
                                + region
                                + ":"
                                + account
                                + ":stack/"
                                + stack
                                + "/"
                                + rng.uuid());
        return c;
    }

    // EKS
    public static ApiCall createEksCluster(String account, String region, String name, Rng rng) {
        ApiCall c = ApiCall.write("eks", "CreateCluster").in(region);
        c.request().put("name", name);
        c.request().put("version", "1.30");
        c.request().put("roleArn", "arn:aws:iam::" + account + ":role/eks-cluster-role");
        c.request()
                .putObject("resourcesVpcConfig")
                .putArray("subnetIds")
                .add("subnet-0a1b2c3d")
                .add("subnet-4e5f6a7b");
        ObjectNode cl = c.response().putObject("cluster");
        cl.put("name", name);
        cl.put("arn", "arn:aws:eks:" + region + ":" + account + ":cluster/" + name);
        cl.put("status", "CREATING");
        cl.put("version", "1.30");
        return c;
    }

    public static ApiCall createNodegroup(
            String account,
            String region,
            String cluster,
            String nodegroup,
            int min,
            int max,
            int desired,
            String capacityType,
            String... instanceTypes) {
        ApiCall c = ApiCall.write("eks", "CreateNodegroup").in(region);
        ObjectNode r = c.request();
        r.put("name", cluster);
        r.put("nodegroupName", nodegroup);
        r.putObject("scalingConfig")
                .put("minSize", min)
                .put("maxSize", max)
                .put("desiredSize", desired);
        ArrayNode types = r.putArray("instanceTypes");
        for (String t : instanceTypes) {
            types.add(t);
        }
        r.put("amiType", "AL2_x86_64_GPU");
        r.put("capacityType", capacityType);
        r.putArray("subnets").add("subnet-0a1b2c3d").add("subnet-4e5f6a7b");
        r.put("nodeRole", "arn:aws:iam::" + account + ":role/eks-node-role");
        ObjectNode ng = c.response().putObject("nodegroup");
        ng.put("nodegroupName", nodegroup);
        ng.put(
                "nodegroupArn",
                "arn:aws:eks:"
                        + region
                        + ":"
                        + account
                        + ":nodegroup/"
                        + cluster
                        + "/"
                        + nodegroup);
        ng.put("clusterName", cluster);
        ng.put("status", "CREATING");
        ng.set("scalingConfig", r.get("scalingConfig").deepCopy());
        ng.set("instanceTypes", types.deepCopy());
        return c;
    }

    public static ApiCall updateNodegroupConfig(
            String cluster, String nodegroup, int min, int max, int desired, Rng rng) {
        ApiCall c = ApiCall.write("eks", "UpdateNodegroupConfig");
        c.request().put("name", cluster);
        c.request().put("nodegroupName", nodegroup);
        c.request()
                .putObject("scalingConfig")
                .put("minSize", min)
                .put("maxSize", max)
                .put("desiredSize", desired);
        c.response()
                .putObject("update")
                .put("id", rng.uuid())
                .put("status", "InProgress")
                .put("type", "ConfigUpdate");
        return c;
    }

    // SageMaker
    public static ApiCall createTrainingJob(
            String account, String region, String job, String image, String type, int count) {
        ApiCall c = ApiCall.write("sagemaker", "CreateTrainingJob").in(region);
        ObjectNode r = c.request();
        r.put("trainingJobName", job);
        r.putObject("algorithmSpecification")
                .put("trainingImage", image)
                .put("trainingInputMode", "File");
        r.put("roleArn", "arn:aws:iam::" + account + ":role/sagemaker-execution");
        r.putObject("outputDataConfig").put("s3OutputPath", "s3://ml-artifacts-" + account + "/");
        r.putObject("resourceConfig")
                .put("instanceType", type)
                .put("instanceCount", count)
                .put("volumeSizeInGB", 100);
        r.putObject("stoppingCondition").put("maxRuntimeInSeconds", 86400);
        c.response()
                .put(
                        "trainingJobArn",
                        "arn:aws:sagemaker:" + region + ":" + account + ":training-job/" + job);
        return c;
    }

    // Batch
    public static ApiCall createComputeEnvironment(
            String account, String region, String name, String type, int maxvCpus, String... it) {
        ApiCall c = ApiCall.write("batch", "CreateComputeEnvironment").in(region);
        ObjectNode r = c.request();
        r.put("computeEnvironmentName", name);
        r.put("type", "MANAGED");
        r.put("state", "ENABLED");
        ObjectNode cr = r.putObject("computeResources");
        cr.put("type", type);
        cr.put("minvCpus", 0);
        cr.put("maxvCpus", maxvCpus);
        ArrayNode types = cr.putArray("instanceTypes");
        for (String t : it) {
            types.add(t);
        }
        cr.putArray("subnets").add("subnet-0a1b2c3d");
        cr.putArray("securityGroupIds").add("sg-0a1b2c3d4e5f6a7b8");
        cr.put("instanceRole", "arn:aws:iam::" + account + ":instance-profile/ecsInstanceRole");
        c.response()
                .put("computeEnvironmentName", name)
                .put(
                        "computeEnvironmentArn",
                        "arn:aws:batch:" + region + ":" + account + ":compute-environment/" + name);
        return c;
    }

    public static ApiCall createJobQueue(
            String account, String region, String queue, String computeEnvironment) {
        ApiCall c = ApiCall.write("batch", "CreateJobQueue").in(region);
        c.request().put("jobQueueName", queue);
        c.request().put("state", "ENABLED");
        c.request().put("priority", 1);
        c.request()
                .putArray("computeEnvironmentOrder")
                .addObject()
                .put("order", 1)
                .put("computeEnvironment", computeEnvironment);
        c.response()
                .put("jobQueueName", queue)
                .put(
                        "jobQueueArn",
                        "arn:aws:batch:" + region + ":" + account + ":job-queue/" + queue);
        return c;
    }

    public static ApiCall registerJobDefinition(
            String account, String region, String name, String image, String... command) {
        ApiCall c = ApiCall.write("batch", "RegisterJobDefinition").in(region);
        c.request().put("jobDefinitionName", name);
        c.request().put("type", "container");
        ObjectNode cp = c.request().putObject("containerProperties");
        cp.put("image", image);
        ArrayNode cmd = cp.putArray("command");
        for (String part : command) {
            cmd.add(part);
        }
        ArrayNode rr = cp.putArray("resourceRequirements");
        rr.addObject().put("type", "VCPU").put("value", "8");
        rr.addObject().put("type", "MEMORY").put("value", "30000");
        rr.addObject().put("type", "GPU").put("value", "1");
        c.response()
                .put("jobDefinitionName", name)
                .put(
                        "jobDefinitionArn",
                        "arn:aws:batch:"
                                + region
                                + ":"
                                + account
                                + ":job-definition/"
                                + name
                                + ":1")
                .put("revision", 1);
        return c;
    }

    public static ApiCall submitJob(
            String account,
            String region,
            String job,
            String queue,
            String def,
            int array,
            Rng rng) {
        ApiCall c = ApiCall.write("batch", "SubmitJob").in(region);
        c.request().put("jobName", job);
        c.request().put("jobQueue", queue);
        c.request().put("jobDefinition", def);
        if (array > 1) {
            c.request().putObject("arrayProperties").put("size", array);
        }
        String id = rng.uuid();
        c.response()
                .put("jobName", job)
                .put("jobId", id)
                .put("jobArn", "arn:aws:batch:" + region + ":" + account + ":job/" + id);
        return c;
    }

    // IAM
    public static ApiCall attachUserPolicy(String user, String policyArn) {
        ApiCall c = ApiCall.write("iam", "AttachUserPolicy").in("us-east-1");
        c.request().put("userName", user);
        c.request().put("policyArn", policyArn);
        return c;
    }

    // ---- look-alike personas and the enumeration storm (issue #16)

    /**
     * A console sign-in with MFA: {@code additionalEventData} names the console page and says MFA
     * was used.
     */
    public static ApiCall consoleLoginWithMfa(String account, String user) {
        ApiCall c = consoleLogin().in("us-east-1");
        c.additionalEventData =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        c.additionalEventData.put(
                "LoginTo",
                "https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1");
        c.additionalEventData.put("MobileVersion", "No");
        c.additionalEventData.put("MFAIdentifier", "arn:aws:iam::" + account + ":mfa/" + user);
        c.additionalEventData.put("MFAUsed", "Yes");
        return c;
    }

    public static ApiCall createLoginProfile(String user, boolean passwordResetRequired) {
        ApiCall c = ApiCall.write("iam", "CreateLoginProfile").in("us-east-1");
        c.request().put("userName", user);
        c.request().put("passwordResetRequired", passwordResetRequired);
        ObjectNode p = c.response().putObject("loginProfile");
        p.put("userName", user);
        p.put("passwordResetRequired", passwordResetRequired);
        return c;
    }

    public static ApiCall addUserToGroup(String group, String user) {
        ApiCall c = ApiCall.write("iam", "AddUserToGroup").in("us-east-1");
        c.request().put("groupName", group);
        c.request().put("userName", user);
        return c;
    }

    public static ApiCall createSnapshot(String volumeId, String snapshotId) {
        ApiCall c = ApiCall.write("ec2", "CreateSnapshot");
        c.request().put("volumeId", volumeId);
        c.request().put("description", "nightly backup of " + volumeId);
        c.response().put("snapshotId", snapshotId);
        c.response().put("volumeId", volumeId);
        c.response().put("status", "pending");
        return c;
    }

    /** ModifySnapshotAttribute adding {@code account} to an EBS snapshot's volume permission. */
    public static ApiCall shareSnapshot(String snapshotId, String account, Rng rng) {
        ApiCall c = ApiCall.write("ec2", "ModifySnapshotAttribute");
        c.request().put("snapshotId", snapshotId);
        c.request()
                .putObject("createVolumePermission")
                .putObject("add")
                .putArray("items")
                .addObject()
                .put("userId", account);
        c.request().put("attributeType", "CREATE_VOLUME_PERMISSION");
        c.response().put("requestId", rng.uuid());
        c.response().put("_return", true);
        return c;
    }

    public static ApiCall createDBSnapshot(String instance, String snapshot) {
        ApiCall c = ApiCall.write("rds", "CreateDBSnapshot");
        c.request().put("dBSnapshotIdentifier", snapshot);
        c.request().put("dBInstanceIdentifier", instance);
        c.response().put("dBSnapshotIdentifier", snapshot);
        c.response().put("dBInstanceIdentifier", instance);
        c.response().put("status", "creating");
        return c;
    }

    /** ModifyDBSnapshotAttribute adding {@code account} to an RDS snapshot's restore list. */
    public static ApiCall shareDBSnapshot(String snapshot, String account) {
        ApiCall c = ApiCall.write("rds", "ModifyDBSnapshotAttribute");
        c.request().put("dBSnapshotIdentifier", snapshot);
        c.request().put("attributeName", "restore");
        c.request().putArray("valuesToAdd").add(account);
        c.response().put("dBSnapshotIdentifier", snapshot);
        ObjectNode attr = c.response().putArray("dBSnapshotAttributes").addObject();
        attr.put("attributeName", "restore");
        attr.putArray("attributeValues").add(account);
        return c;
    }

    /** AssumeRole answered with the new session's user and temporary credentials. */
    public static ApiCall assumeRole(Identity session, long expiration, Rng rng) {
        ApiCall c = ApiCall.read("sts", "AssumeRole");
        c.request().put("roleArn", session.principalArn());
        c.request().put("roleSessionName", session.sessionName);
        c.request().put("durationSeconds", 3600);
        ObjectNode r = c.response();
        r.putObject("credentials")
                .put("accessKeyId", session.accessKeyId)
                .put("sessionToken", "IQoJb3JpZ2luX2VjE" + rng.upperAlnum(40))
                .put("expiration", Times.iso(expiration));
        r.putObject("assumedRoleUser")
                .put("assumedRoleId", session.principalId + ":" + session.sessionName)
                .put(
                        "arn",
                        "arn:aws:sts::"
                                + session.accountId
                                + ":assumed-role/"
                                + session.name
                                + "/"
                                + session.sessionName);
        return c;
    }

    public static ApiCall getObject(String bucket, String key) {
        ApiCall c = s3Read("GetObject", bucket);
        c.request().put("key", key);
        return c;
    }
}
