package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.profile.Sources;
import java.util.Locale;

/**
 * How much compute a request asks for, in vCPUs and accelerators, whatever the path: instances and
 * fleets, Auto Scaling groups (created, updated or resized), EKS node groups, Batch compute
 * environments, SageMaker jobs and endpoints, ECS tasks and services, Lambda functions and their
 * concurrency. Instance sizes follow EC2's naming (xlarge = 4 vCPUs, each multiple more); an
 * accelerated family carries about one GPU per 8 vCPUs (p3.2xlarge 1, p3.16xlarge 8); an
 * attribute-based request counts its minimums. A Lambda execution gets one vCPU per 1,769 MB of
 * memory (10,240 MB: 6), counted whole: a function created or resized is one execution of its
 * memory, reserved or provisioned concurrency that many executions of the memory the principal last
 * gave a function (one vCPU when it gave none). An estimate for thresholds, not a bill.
 */
final class ComputeEstimate {
    final int instances;
    final long vcpus;
    final long gpus;

    private ComputeEstimate(int instances, long vcpus, long gpus) {
        this.instances = instances;
        this.vcpus = vcpus;
        this.gpus = gpus;
    }

    static final ComputeEstimate NONE = new ComputeEstimate(0, 0, 0);

    /** Lambda's memory per vCPU: a function gets one full vCPU at 1,769 MB. */
    static final int LAMBDA_MB_PER_VCPU = 1_769;

    /** A function created without {@code memorySize} gets 128 MB. */
    static final int LAMBDA_DEFAULT_MB = 128;

    /**
     * The Lambda calls that request compute, without their API version suffix: functions created or
     * resized, concurrency reserved or provisioned.
     */
    static final java.util.Set<String> LAMBDA_APIS =
            java.util.Set.of(
                    "CreateFunction",
                    "UpdateFunctionConfiguration",
                    "PutFunctionConcurrency",
                    "PutProvisionedConcurrencyConfig");

    /**
     * A Lambda call's name without CloudTrail's API version suffix ({@code CreateFunction20150331},
     * {@code UpdateFunctionConfiguration20150331v2}, {@code PutFunctionConcurrency20171031}), or
     * null for another service's call.
     */
    static String lambdaApi(CloudTrailEvent e) {
        if (!"lambda".equals(e.service()) || e.eventName == null) {
            return null;
        }
        String n = e.eventName;
        int end = n.length();
        int v = n.lastIndexOf('v');
        if (v > 8 && v < end - 1 && n.substring(v + 1).chars().allMatch(Character::isDigit)) {
            end = v; // ...20150331v2
        }
        int digits = 0;
        while (digits < end && Character.isDigit(n.charAt(end - 1 - digits))) {
            digits++;
        }
        return digits == 8 ? n.substring(0, end - 8) : n.substring(0, end);
    }

    /** A successful Lambda call that requests compute (a resize only when it names memory). */
    static boolean lambdaCompute(CloudTrailEvent e) {
        String api = lambdaApi(e);
        if (api == null || !LAMBDA_APIS.contains(api)) {
            return false;
        }
        return !"UpdateFunctionConfiguration".equals(api)
                || (e.facts != null && e.facts.memorySize > 0);
    }

    /** Whole vCPUs of one Lambda execution with {@code memoryMb}. */
    static long lambdaVcpus(int memoryMb) {
        return Math.max(1, (memoryMb + LAMBDA_MB_PER_VCPU - 1) / LAMBDA_MB_PER_VCPU);
    }

    static ComputeEstimate of(CloudTrailEvent e) {
        return of(e, 0);
    }

    /**
     * The estimate for {@code e}; {@code lambdaMemoryMb} is the memory the principal last gave a
     * Lambda function (0: none), which sizes the concurrency it reserves or provisions.
     */
    static ComputeEstimate of(CloudTrailEvent e, int lambdaMemoryMb) {
        RequestFacts f = e.facts;
        if (f == null || e.failed()) {
            return NONE;
        }
        String lambda = lambdaApi(e);
        if (lambda != null) {
            return lambda(lambda, f, lambdaMemoryMb);
        }
        switch (e.eventName) {
            case "RegisterTaskDefinition":
            case "CreateLaunchTemplate":
            case "CreateLaunchTemplateVersion":
                return NONE; // a definition, not capacity
            case "CreateComputeEnvironment":
            case "UpdateComputeEnvironment":
                if (f.maxVcpus > 0) {
                    boolean gpu = accelerated(f);
                    return new ComputeEstimate(
                            0, f.maxVcpus, gpu ? Math.max(1, f.maxVcpus / 8) : 0);
                }
                return NONE;
            case "RunTask":
            case "CreateService":
            case "UpdateService":
                int tasks = Math.max(1, f.instanceCount);
                long cpu = f.cpu > 0 ? Math.max(1, f.cpu / 1024) : 1;
                return new ComputeEstimate(tasks, tasks * cpu, 0);
            default:
                break;
        }
        int n = Math.max(0, f.requestedCapacity());
        if (n == 0 && (f.instanceTypes != null || f.acceleratorCount > 0)) {
            n = 1;
        }
        if (n == 0) {
            return NONE;
        }
        long perVcpu = 0;
        long perGpu = 0;
        if (f.instanceTypes != null) {
            for (String t : f.instanceTypes) {
                perVcpu = Math.max(perVcpu, vcpus(t));
                if (Sources.isAccelerated(t)) {
                    perGpu = Math.max(perGpu, Math.min(16, Math.max(1, vcpus(t) / 8)));
                }
            }
        }
        if (f.vcpuCount > 0) {
            perVcpu = Math.max(perVcpu, f.vcpuCount);
        }
        if (f.acceleratorCount > 0 || Boolean.TRUE.equals(f.acceleratorsByAttribute)) {
            perGpu = Math.max(perGpu, Math.max(1, f.acceleratorCount));
        }
        if (perVcpu == 0) {
            perVcpu = 2; // a type we cannot size (from a launch template): count the smallest
        }
        return new ComputeEstimate(n, n * perVcpu, n * perGpu);
    }

    private static ComputeEstimate lambda(String api, RequestFacts f, int lambdaMemoryMb) {
        switch (api) {
            case "CreateFunction":
            case "UpdateFunctionConfiguration":
                if (f.memorySize <= 0 && "UpdateFunctionConfiguration".equals(api)) {
                    return NONE;
                }
                int mb = f.memorySize > 0 ? f.memorySize : LAMBDA_DEFAULT_MB;
                return new ComputeEstimate(1, lambdaVcpus(mb), 0);
            case "PutFunctionConcurrency":
            case "PutProvisionedConcurrencyConfig":
                if (f.concurrentExecutions <= 0) {
                    return NONE;
                }
                long per = lambdaMemoryMb > 0 ? lambdaVcpus(lambdaMemoryMb) : 1;
                return new ComputeEstimate(f.concurrentExecutions, f.concurrentExecutions * per, 0);
            default:
                return NONE;
        }
    }

    static boolean accelerated(RequestFacts f) {
        if (f.instanceTypes != null) {
            for (String t : f.instanceTypes) {
                if (Sources.isAccelerated(t)) {
                    return true;
                }
            }
        }
        return f.acceleratorCount > 0 || Boolean.TRUE.equals(f.acceleratorsByAttribute);
    }

    /** vCPUs of an instance type by its size (ml.* SageMaker types too); 0 when unknown. */
    static long vcpus(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.startsWith("ml.")) {
            t = t.substring(3);
        }
        int dot = t.indexOf('.');
        if (dot < 0) {
            return 0; // a family alone (Batch "p3"): unknown size
        }
        String size = t.substring(dot + 1);
        switch (size) {
            case "nano":
            case "micro":
            case "small":
            case "medium":
                return 1;
            case "large":
                return 2;
            case "xlarge":
                return 4;
            case "metal":
                return 96;
            default:
                if (size.endsWith("xlarge")) {
                    try {
                        return 4L * Integer.parseInt(size.substring(0, size.length() - 6));
                    } catch (NumberFormatException ex) {
                        return 0;
                    }
                }
                return 0;
        }
    }
}
