package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.profile.Sources;
import java.util.Locale;

/**
 * How much compute a request asks for, in vCPUs and accelerators, whatever the path: instances and
 * fleets, Auto Scaling groups (created, updated or resized), EKS node groups, Batch compute
 * environments, SageMaker jobs and endpoints, ECS tasks and services. Instance sizes follow EC2's
 * naming (xlarge = 4 vCPUs, each multiple more); an accelerated family carries about one GPU per 8
 * vCPUs (p3.2xlarge 1, p3.16xlarge 8); an attribute-based request counts its minimums. An estimate
 * for thresholds, not a bill.
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

    static ComputeEstimate of(CloudTrailEvent e) {
        RequestFacts f = e.facts;
        if (f == null || e.failed()) {
            return NONE;
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
