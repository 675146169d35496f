package io.trailsentry.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/** The catalogue of detections, by id. Ids are stable: they appear in findings. */
public final class Detections {
    public static final Detection DRYRUN_PROBE =
            new Detection(
                    "TS-PV-001",
                    "EC2 DryRun permission probing",
                    Category.PERMISSION_VALIDATION,
                    Severity.LOW,
                    "T1580",
                    "Cloud Infrastructure Discovery",
                    "Discovery",
                    "Check whether the principal normally validates permissions with DryRun; if"
                            + " not, review what it did next and the source of its credentials.");

    public static final Detection TERMINATION_PROTECTION =
            new Detection(
                    "TS-FR-001",
                    "Termination protection enabled on instances",
                    Category.FRICTION_PERSISTENCE,
                    Severity.MEDIUM,
                    "T1578",
                    "Modify Cloud Compute Infrastructure",
                    "Defense Evasion",
                    "Confirm the instances belong to a known deployment; if not, set"
                            + " DisableApiTermination=false on them before terminating.");

    public static final Detection LARGE_AUTOSCALING_GROUP =
            new Detection(
                    "TS-CP-001",
                    "Auto Scaling group with large capacity",
                    Category.COMPUTE_PROVISIONING,
                    Severity.MEDIUM,
                    "T1496.001",
                    "Resource Hijacking: Compute Hijacking",
                    "Impact",
                    "Check the group's launch template, instance types and region; scale it to zero"
                            + " if it is not a planned capacity change.");

    public static final Detection ECS_CLUSTER_BURST =
            new Detection(
                    "TS-CP-002",
                    "Burst of ECS cluster creation",
                    Category.COMPUTE_PROVISIONING,
                    Severity.MEDIUM,
                    "T1496.001",
                    "Resource Hijacking: Compute Hijacking",
                    "Impact",
                    "List the clusters the principal created, their services and task definitions;"
                            + " scale services to zero and delete the clusters if unplanned.");

    private static final Map<String, Detection> BY_ID = new LinkedHashMap<>();

    static {
        for (Detection d :
                new Detection[] {
                    DRYRUN_PROBE, TERMINATION_PROTECTION, LARGE_AUTOSCALING_GROUP, ECS_CLUSTER_BURST
                }) {
            BY_ID.put(d.id, d);
        }
    }

    private Detections() {}

    public static Detection byId(String id) {
        Detection d = BY_ID.get(id);
        if (d == null) {
            throw new IllegalArgumentException("unknown detection " + id);
        }
        return d;
    }

    public static Iterable<Detection> all() {
        return BY_ID.values();
    }
}
