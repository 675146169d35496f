package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.EventKeys;
import io.trailsentry.profile.Profile;
import io.trailsentry.profile.ProfileLearner;
import io.trailsentry.profile.Sources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every rule sees for one event: the event, the principal's baseline before it learns the
 * event, the policy, and the facts several rules share (computed once per event, on first use).
 *
 * <p>Rules read the baseline; they write only their own detector state in the profile (the read and
 * denial windows, quiet periods, and the by-day routine marks of {@link #emitFor}), so a later rule
 * on the same event sees an earlier rule's window but never a baseline that has learned the event.
 */
public final class RuleContext {
    /** The calls that request compute capacity (instances, groups, tasks, jobs, endpoints). */
    static final Set<String> COMPUTE_APIS =
            Set.of(
                    "RunInstances",
                    "CreateFleet",
                    "RequestSpotInstances",
                    "RequestSpotFleet",
                    "CreateLaunchTemplate",
                    "CreateLaunchTemplateVersion",
                    "CreateAutoScalingGroup",
                    "UpdateAutoScalingGroup",
                    "CreateService",
                    "UpdateService",
                    "RunTask",
                    "CreateTrainingJob",
                    "CreateNotebookInstance",
                    "CreateEndpointConfig",
                    "CreateComputeEnvironment",
                    "UpdateComputeEnvironment",
                    "CreateProcessingJob",
                    "CreateHyperParameterTuningJob",
                    "CreateTransformJob",
                    "SetDesiredCapacity",
                    "CreateNodegroup",
                    "UpdateNodegroupConfig");

    private static final RequestFacts NO_FACTS = new RequestFacts();

    public final RulePolicy policy;
    public final BaselinePolicy baseline;
    public CloudTrailEvent event;
    public Profile profile;

    /** Keys of the current event, computed once. */
    public final EventKeys keys = new EventKeys();

    /** Signals of the current event; flushed once every rule has finished with them. */
    final List<Signal> pending = new ArrayList<>();

    private List<String> accelerated;
    private ComputeEstimate estimate;
    private boolean knownFamilies;
    private int newRegion;

    public RuleContext(RulePolicy policy, BaselinePolicy baseline) {
        this.policy = policy;
        this.baseline = baseline;
    }

    /** Makes {@code e} of {@code p} the current event and forgets the previous one's facts. */
    void start(Profile p, CloudTrailEvent e) {
        event = e;
        profile = p;
        keys.of(e);
        pending.clear();
        accelerated = null;
        estimate = null;
        newRegion = -1;
    }

    public long day() {
        return Math.floorDiv(event.eventTime, ProfileLearner.DAY_MS);
    }

    /** Enough history that novelty means something. */
    public boolean mature() {
        return baseline.matured(profile);
    }

    /** The request's facts; empty (never null) when the decoder extracted none. */
    public RequestFacts facts() {
        return event.facts == null ? NO_FACTS : event.facts;
    }

    /** " in REGION", for summaries. */
    public String where() {
        return " in " + event.awsRegion;
    }

    // ---- compute requests (shared by the category-4 rules)

    /**
     * A successful call that requests compute capacity (Lambda included: functions created or given
     * memory, concurrency reserved or provisioned).
     */
    public boolean provisioning() {
        return !event.failed()
                && (COMPUTE_APIS.contains(event.eventName) || ComputeEstimate.lambdaCompute(event));
    }

    /** The compute this request asks for (vCPUs, accelerators), whatever its path. */
    ComputeEstimate computeEstimate() {
        if (estimate == null) {
            estimate =
                    provisioning()
                            ? ComputeEstimate.of(event, profile.lambdaMemoryMb)
                            : ComputeEstimate.NONE;
        }
        return estimate;
    }

    /** The requested instance types that are GPU, ML or other accelerated families. */
    public List<String> acceleratedTypes() {
        if (accelerated == null) {
            accelerated = new ArrayList<>();
            knownFamilies = true;
            String[] types = facts().instanceTypes;
            for (String t : types == null ? new String[0] : types) {
                if (Sources.isAccelerated(t)) {
                    accelerated.add(t);
                }
                knownFamilies &= profile.instanceFamilies.contains(Sources.family(t));
            }
        }
        return accelerated;
    }

    /** Whether the principal has requested every family of this request before. */
    public boolean knownInstanceFamilies() {
        acceleratedTypes();
        return knownFamilies;
    }

    /**
     * The event's region is unused by this (mature) principal, or outside the organisation's
     * expected regions when the policy names them.
     */
    public boolean newRegion() {
        if (newRegion < 0) {
            String region = event.awsRegion;
            boolean fresh;
            if (region == null) {
                fresh = false;
            } else if (!policy.expectedRegions.isEmpty()) {
                fresh = !policy.expectedRegions.contains(region);
            } else {
                fresh = mature() && !profile.regions.contains(region);
            }
            newRegion = fresh ? 1 : 0;
        }
        return newRegion == 1;
    }

    /** The regions the principal (or the organisation's policy) uses, for summaries. */
    public List<String> usualRegions() {
        return !policy.expectedRegions.isEmpty()
                ? policy.expectedRegions
                : Arrays.asList(profile.regions.keys);
    }

    /** " t1,t2" for the requested instance types, or "". */
    public String instanceTypes() {
        String[] types = facts().instanceTypes;
        return types == null ? "" : " " + String.join(",", types);
    }

    /** What a compute request names: its instances, service, group, template or cluster. */
    public String[] provisionedResources() {
        RequestFacts f = facts();
        if (ComputeEstimate.lambdaApi(event) != null) {
            return f.functionName == null ? new String[0] : new String[] {f.functionName};
        }
        if (f.instanceIds != null) {
            return f.instanceIds;
        }
        if (f.serviceName != null && f.autoScalingGroupName == null) {
            return new String[] {f.ecsServiceId()};
        }
        String name =
                f.autoScalingGroupName != null
                        ? f.autoScalingGroupName
                        : f.serviceName != null
                                ? f.serviceName
                                : f.launchTemplateName != null
                                        ? f.launchTemplateName
                                        : f.clusterName == null ? null : f.ecsCluster();
        return name == null ? new String[0] : new String[] {name};
    }

    /** An Auto Scaling group created, updated or resized: capacities are the group's. */
    public boolean groupRequest() {
        return event.eventName.endsWith("AutoScalingGroup")
                || "SetDesiredCapacity".equals(event.eventName);
    }

    /** A read of an instance's secrets: its Windows password data or its user data. */
    public boolean instanceSecretRead() {
        return "GetPasswordData".equals(event.eventName)
                || ("DescribeInstanceAttribute".equals(event.eventName)
                        && "userData".equalsIgnoreCase(facts().attribute));
    }

    /**
     * The event's source prefix when it is a network: not a call a service made for the principal,
     * not "AWS Internal" or a service name; else null.
     */
    public String networkSource() {
        return event.viaService() == null && keys.source != null && keys.source.contains("/")
                ? keys.source
                : null;
    }

    /**
     * The event's source prefix is the principal's own: seen on enough earlier days with enough
     * events ({@link BaselinePolicy#established}), not merely seen before; a prefix first used the
     * evening before is still new.
     */
    public boolean knownSource() {
        return baseline.established(profile, profile.sources, keys.source, day());
    }

    /** The event's user-agent family is the principal's own, as {@link #knownSource()}. */
    public boolean knownUserAgent() {
        return baseline.established(profile, profile.userAgents, keys.userAgent, day());
    }

    /** The type of {@link #provisionedResources()}. */
    public ResourceType provisionedType() {
        if (ComputeEstimate.lambdaApi(event) != null) {
            return ResourceType.LAMBDA_FUNCTION;
        }
        switch (event.eventName) {
            case "CreateAutoScalingGroup":
            case "UpdateAutoScalingGroup":
                return ResourceType.AUTOSCALING_GROUP;
            case "CreateService":
            case "UpdateService":
                return ResourceType.ECS_SERVICE;
            case "RunTask":
                return ResourceType.ECS_CLUSTER;
            case "CreateLaunchTemplate":
            case "CreateLaunchTemplateVersion":
                return ResourceType.LAUNCH_TEMPLATE;
            case "RunInstances":
                return ResourceType.INSTANCE;
            default:
                return ResourceType.OTHER;
        }
    }

    // ---- task definitions (shared by the category-5 rules)

    /** A successful RegisterTaskDefinition with its facts. */
    public boolean taskDefinitionRegistered() {
        return !event.failed()
                && "RegisterTaskDefinition".equals(event.eventName)
                && event.facts != null;
    }

    /** The task definition's family, or {@link #UNKNOWN} when the record does not name it. */
    public String taskDefinition() {
        return orUnknown(facts().taskDefinition);
    }

    /** The containers' commands, lower-cased. */
    public String containerCommands() {
        String c = facts().containerCommands;
        return c == null ? "" : c.toLowerCase(Locale.ROOT);
    }

    /** Images and commands together, lower-cased: what marker patterns search. */
    public String containerText() {
        String[] images = facts().images;
        return (String.join(" ", images == null ? new String[0] : images)
                        + " "
                        + containerCommands())
                .toLowerCase(Locale.ROOT);
    }

    /** " (cpu N, memory M)" when the task definition sizes itself, else "". */
    public String taskSize() {
        RequestFacts f = facts();
        return f.cpu > 0 || f.memory > 0 ? " (cpu " + f.cpu + ", memory " + f.memory + ")" : "";
    }

    /**
     * What summaries and resource lists say for a name the record does not hold (a trimmed or
     * denied record): words, not a bare "?", and never a response target.
     */
    public static final String UNKNOWN = "(name not in the record)";

    /** {@code s}, or {@link #UNKNOWN} when the record does not hold it. */
    public static String orUnknown(String s) {
        return s == null ? UNKNOWN : s;
    }

    /** At most 160 characters of attacker-controlled text for a summary. */
    public static String excerpt(String s) {
        return s.length() <= 160 ? s : s.substring(0, 159) + "\u2026";
    }

    // ---- accounts (shared by the exposure and trust rules)

    /** The account the event happened in. */
    public String ownAccount() {
        return event.recipientAccountId != null
                ? event.recipientAccountId
                : event.principal == null ? null : event.principal.accountId;
    }

    /**
     * The principals or accounts among {@code named} outside this account and the policy's {@code
     * trustedAccounts}: "*" and "all" (everyone) included, services excluded.
     */
    public List<String> outsiders(String[] named) {
        List<String> out = new ArrayList<>();
        if (named == null) {
            return out;
        }
        String own = ownAccount();
        for (String n : named) {
            if (n == null || n.endsWith(".amazonaws.com")) {
                continue;
            }
            if ("*".equals(n) || "all".equalsIgnoreCase(n)) {
                out.add(n);
                continue;
            }
            String account = accountOf(n);
            if (account != null
                    && !account.equals(own)
                    && !policy.trustedAccounts.contains(account)) {
                out.add(n);
            }
        }
        return out;
    }

    /** The 12-digit account in an account id or ARN, or null. */
    static String accountOf(String principal) {
        if (principal.matches("\\d{12}")) {
            return principal;
        }
        String[] parts = principal.split(":");
        return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }

    /** Whether everyone ("*", "all") is among {@code outsiders}. */
    public static boolean everyone(List<String> outsiders) {
        return outsiders.contains("*") || outsiders.stream().anyMatch("all"::equalsIgnoreCase);
    }

    /** The 12-digit accounts of {@code outsiders} (principals' ARNs reduced to their account). */
    public List<String> accounts(List<String> outsiders) {
        List<String> out = new ArrayList<>();
        for (String n : outsiders) {
            String a = accountOf(n);
            if (a != null && !out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    // ---- emitting

    /**
     * Leaves {@code s} to the principal's population (cold start): the pipeline sends it to the
     * population operator, which answers {@code question} and releases it (see {@link
     * Signal#population}).
     */
    public void askPopulation(Signal s, String question) {
        s.population = question;
    }

    /** A call a service made with the principal's credentials says so. */
    private String via(String summary) {
        String service = event.viaService();
        return service == null ? summary : summary + " (via " + service + ")";
    }

    /** Whether the principal did this class of action on an earlier day. */
    public boolean routine(ActionClass actionClass) {
        String prefix = actionClass.key + "@";
        long today = day();
        for (String k : profile.routines.keys) {
            if (k.startsWith(prefix) && Long.parseLong(k.substring(prefix.length())) < today) {
                return true;
            }
        }
        return false;
    }

    /**
     * Emits a signal of {@code d} for the current event. Callers may refine it (type, severity,
     * routine) before the rules finish: nothing is handed to Flink until then.
     */
    public Signal emit(Detection d, String summary, String... resources) {
        Signal s = Signal.of(d, event, event.principal, via(summary), resources);
        pending.add(s);
        return s;
    }

    /**
     * Emits a signal that is routine when the principal showed {@code actionClass} on earlier days,
     * and remembers that it showed it today.
     */
    public Signal emitFor(
            ActionClass actionClass, Detection d, String summary, String... resources) {
        Signal s = Signal.of(d, event, event.principal, via(summary), resources);
        if (routine(actionClass)) {
            s.asRoutine();
            s.summary = s.summary + " (routine for this principal)";
        }
        profile.routines.add(
                actionClass.key + "@" + day(),
                event.eventTime,
                baseline.baselineHalfLifeMs,
                ProfileLearner.ROUTINES);
        profile.routines.keepLatestDays(actionClass.key, day());
        pending.add(s);
        return s;
    }
}
