package io.trailsentry.detect;

import static io.trailsentry.detect.Category.COMPUTE_PROVISIONING;
import static io.trailsentry.detect.Category.CONTAINER_WORKLOAD;
import static io.trailsentry.detect.Category.ENUMERATION;
import static io.trailsentry.detect.Category.FRICTION_PERSISTENCE;
import static io.trailsentry.detect.Category.NEW_OR_RARE;
import static io.trailsentry.detect.Category.PERMISSION_VALIDATION;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalogue of detections, by id. Ids are stable: they appear in findings and runbooks. The
 * severity here is a detection's default; detectors lower it when the principal's baseline makes
 * the behaviour routine and raise it on strong context (GPU families, unseen regions).
 */
public final class Detections {
    private static final Map<String, Detection> BY_ID = new LinkedHashMap<>();

    // ---- 1 new or rare principal / source
    public static final Detection NEW_PRINCIPAL =
            add(
                    "TS-NR-001",
                    "First activity of a principal",
                    NEW_OR_RARE,
                    Severity.INFO,
                    "T1078.004",
                    "Valid Accounts: Cloud Accounts",
                    "Initial Access",
                    "Confirm the identity is expected (new employee, new automation); alone this is informational.");
    public static final Detection NEW_SOURCE =
            add(
                    "TS-NR-002",
                    "Principal active from a source it never used",
                    NEW_OR_RARE,
                    Severity.LOW,
                    "T1078.004",
                    "Valid Accounts: Cloud Accounts",
                    "Initial Access",
                    "Compare the new source IP prefix, user agent and regions with where this principal normally works;"
                            + " an unknown source using long-lived keys suggests stolen credentials.");
    public static final Detection NEW_ACCESS_KEY =
            add(
                    "TS-NR-003",
                    "Long-lived access key not seen before for this principal",
                    NEW_OR_RARE,
                    Severity.LOW,
                    "T1078.004",
                    "Valid Accounts: Cloud Accounts",
                    "Initial Access",
                    "Check when and by whom the key was created (CreateAccessKey) and whether its owner uses it.");
    // ---- 2 enumeration
    public static final Detection ENUMERATION_BURST =
            add(
                    "TS-EN-001",
                    "Rapid enumeration across services",
                    ENUMERATION,
                    Severity.LOW,
                    "T1580",
                    "Cloud Infrastructure Discovery",
                    "Discovery",
                    "Review which services and regions were listed; scripted discovery right after a new source"
                            + " appears is the first stage of credential abuse.");
    public static final Detection QUOTA_RECON =
            add(
                    "TS-EN-002",
                    "Compute quota reconnaissance",
                    ENUMERATION,
                    Severity.MEDIUM,
                    "T1526",
                    "Cloud Service Discovery",
                    "Discovery",
                    "Reading EC2 vCPU and GPU quotas is how miners size their fan-out; check what the principal provisions next.");
    // ---- 3 permission validation
    public static final Detection DRYRUN_PROBE =
            add(
                    "TS-PV-001",
                    "EC2 DryRun permission probing",
                    PERMISSION_VALIDATION,
                    Severity.LOW,
                    "T1580",
                    "Cloud Infrastructure Discovery",
                    "Discovery",
                    "Check whether the principal normally validates permissions with DryRun; if not, review what it did next.");
    public static final Detection ACCESS_DENIED_BURST =
            add(
                    "TS-PV-002",
                    "Burst of AccessDenied errors",
                    PERMISSION_VALIDATION,
                    Severity.LOW,
                    "T1069.003",
                    "Permission Groups Discovery: Cloud Groups",
                    "Discovery",
                    "A misconfigured policy and a permission probe look alike: check the source and what succeeded after.");
    public static final Detection POLICY_SIMULATION =
            add(
                    "TS-PV-003",
                    "IAM policy simulation of own permissions",
                    PERMISSION_VALIDATION,
                    Severity.LOW,
                    "T1069.003",
                    "Permission Groups Discovery: Cloud Groups",
                    "Discovery",
                    "SimulatePrincipalPolicy maps what a credential may do without acting; confirm who ran it.");
    // ---- 4 compute provisioning
    public static final Detection LARGE_AUTOSCALING_GROUP =
            add(
                    "TS-CP-001",
                    "Auto Scaling group with large capacity",
                    COMPUTE_PROVISIONING,
                    Severity.LOW,
                    "T1496.001",
                    "Resource Hijacking: Compute Hijacking",
                    "Impact",
                    "Check the group's launch template, instance types and region; scale it to zero if it is not a planned change.");
    public static final Detection ECS_CLUSTER_BURST =
            add(
                    "TS-CP-002",
                    "ECS cluster fan-out",
                    COMPUTE_PROVISIONING,
                    Severity.MEDIUM,
                    "T1496.001",
                    "Resource Hijacking: Compute Hijacking",
                    "Impact",
                    "List the clusters the principal created, their services and task definitions; scale services to zero and delete.");
    public static final Detection GPU_COMPUTE =
            add(
                    "TS-CP-003",
                    "GPU or ML instances requested",
                    COMPUTE_PROVISIONING,
                    Severity.MEDIUM,
                    "T1496.001",
                    "Resource Hijacking: Compute Hijacking",
                    "Impact",
                    "GPU capacity is what miners want first; confirm a team asked for it or stop it.");
    public static final Detection LARGE_COUNT =
            add(
                    "TS-CP-004",
                    "Large instance or task count requested",
                    COMPUTE_PROVISIONING,
                    Severity.LOW,
                    "T1496.001",
                    "Resource Hijacking: Compute Hijacking",
                    "Impact",
                    "Check whether this count matches a planned workload of the principal.");
    public static final Detection NEW_REGION_COMPUTE =
            add(
                    "TS-CP-005",
                    "Compute provisioned in a region the principal never used",
                    COMPUTE_PROVISIONING,
                    Severity.MEDIUM,
                    "T1535",
                    "Unused/Unsupported Cloud Regions",
                    "Defense Evasion",
                    "Attackers provision where nobody looks; check every resource the principal created in that region.");
    public static final Detection DRYRUN_THEN_PROVISION =
            add(
                    "TS-CP-006",
                    "DryRun probing followed by real provisioning",
                    COMPUTE_PROVISIONING,
                    Severity.MEDIUM,
                    "T1496.001",
                    "Resource Hijacking: Compute Hijacking",
                    "Impact",
                    "The principal validated launch permissions, then launched: treat the launched capacity as hostile until confirmed.");
    // ---- 5 container workload
    public static final Detection UNAPPROVED_IMAGE =
            add(
                    "TS-CW-001",
                    "Container image outside approved registries",
                    CONTAINER_WORKLOAD,
                    Severity.LOW,
                    "T1610",
                    "Deploy Container",
                    "Execution",
                    "Check the image's registry and publisher; the account's own ECR and configured registries are approved.");
    public static final Detection SHELL_BOOTSTRAP =
            add(
                    "TS-CW-002",
                    "Container bootstraps through a shell download",
                    CONTAINER_WORKLOAD,
                    Severity.MEDIUM,
                    "T1059.004",
                    "Command and Scripting Interpreter: Unix Shell",
                    "Execution",
                    "A task that pipes a downloaded script into a shell runs code nobody reviewed; stop its services.");
    public static final Detection MINER_MARKERS =
            add(
                    "TS-CW-003",
                    "Crypto-miner markers in a task definition",
                    CONTAINER_WORKLOAD,
                    Severity.HIGH,
                    "T1496.001",
                    "Resource Hijacking: Compute Hijacking",
                    "Impact",
                    "Miner images and pool addresses in a task definition: scale its services to zero and deregister it now.");
    // ---- 6 friction and persistence
    public static final Detection TERMINATION_PROTECTION =
            add(
                    "TS-FR-001",
                    "Termination protection enabled on instances",
                    FRICTION_PERSISTENCE,
                    Severity.LOW,
                    "T1578",
                    "Modify Cloud Compute Infrastructure",
                    "Defense Evasion",
                    "Confirm the instances belong to a known deployment; if not, set DisableApiTermination=false before terminating.");
    public static final Detection SCALE_IN_PROTECTION =
            add(
                    "TS-FR-002",
                    "Scale-in protection enabled",
                    FRICTION_PERSISTENCE,
                    Severity.LOW,
                    "T1578",
                    "Modify Cloud Compute Infrastructure",
                    "Defense Evasion",
                    "Clear scale-in protection on the group's instances before scaling it down.");
    public static final Detection PROTECT_OWN_LAUNCH =
            add(
                    "TS-FR-003",
                    "Termination protection on instances the principal just launched",
                    FRICTION_PERSISTENCE,
                    Severity.LOW,
                    "T1578",
                    "Modify Cloud Compute Infrastructure",
                    "Defense Evasion",
                    "Launch then protect is how miners slow responders down; reverse the protection and terminate.");
    public static final Detection IAM_ROLE_PERSISTENCE =
            add(
                    "TS-PE-001",
                    "IAM role created or privileged policy attached",
                    FRICTION_PERSISTENCE,
                    Severity.LOW,
                    "T1098.003",
                    "Account Manipulation: Additional Cloud Roles",
                    "Persistence",
                    "Review the role's trust policy and attached policies; delete it if nobody expects it.");
    public static final Detection IAM_USER_PERSISTENCE =
            add(
                    "TS-PE-002",
                    "IAM user, access key or login profile created",
                    FRICTION_PERSISTENCE,
                    Severity.MEDIUM,
                    "T1136.003",
                    "Create Account: Cloud Account",
                    "Persistence",
                    "Deactivate the new keys and delete the new user's login profile unless its creation is expected.");
    public static final Detection PUBLIC_FUNCTION =
            add(
                    "TS-PE-003",
                    "Lambda function exposed to anyone",
                    FRICTION_PERSISTENCE,
                    Severity.MEDIUM,
                    "T1098",
                    "Account Manipulation",
                    "Persistence",
                    "A public function URL or a '*' permission is a backdoor; remove it and review the function's role.");
    public static final Detection LOGGING_TAMPERING =
            add(
                    "TS-PE-004",
                    "CloudTrail or detector tampering",
                    FRICTION_PERSISTENCE,
                    Severity.HIGH,
                    "T1562.008",
                    "Impair Defenses: Disable or Modify Cloud Logs",
                    "Defense Evasion",
                    "Re-enable logging and detectors immediately; everything after this point is less visible.");
    // ---- sequences (CEP)
    public static final Detection CAMPAIGN_SEQUENCE =
            add(
                    "TS-SQ-001",
                    "Enumeration, validation and provisioning in sequence",
                    COMPUTE_PROVISIONING,
                    Severity.HIGH,
                    "T1496.001",
                    "Resource Hijacking: Compute Hijacking",
                    "Impact",
                    "The stolen-credential campaign's sequence by one principal: contain the identity and stop spend first.");
    public static final Detection RECON_ONLY =
            add(
                    "TS-SQ-002",
                    "Reconnaissance and permission probing without follow-through",
                    ENUMERATION,
                    Severity.LOW,
                    "T1580",
                    "Cloud Infrastructure Discovery",
                    "Discovery",
                    "The principal mapped the account and probed permissions, then stopped: watch it and check its source.");
    // ---- anomaly scorer
    public static final Detection ANOMALOUS_WINDOW =
            add(
                    "TS-AN-001",
                    "Activity unlike the organisation's usual windows",
                    NEW_OR_RARE,
                    Severity.LOW,
                    "T1078.004",
                    "Valid Accounts: Cloud Accounts",
                    "Initial Access",
                    "The isolation forest found this principal's recent activity rare; the attribution names the features that made it so.");
    // ---- observations: resources a principal creates, kept as response targets, never counted
    // alone
    public static final Detection CREATED =
            add(
                    "TS-OB-001",
                    "Resource created by the principal",
                    COMPUTE_PROVISIONING,
                    Severity.INFO,
                    "T1578.002",
                    "Modify Cloud Compute Infrastructure: Create Cloud Instance",
                    "Defense Evasion",
                    "Listed so the response plan can reach everything the principal created.");

    private Detections() {}

    private static Detection add(
            String id,
            String title,
            Category c,
            Severity s,
            String technique,
            String techniqueName,
            String tactic,
            String runbook) {
        Detection d = new Detection(id, title, c, s, technique, techniqueName, tactic, runbook);
        BY_ID.put(id, d);
        return d;
    }

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
