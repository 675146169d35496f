package io.trailsentry.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailsentry.util.Text;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Walks {@code requestParameters} and {@code responseElements} once, collecting the values
 * detections read by field name wherever they sit: API shapes differ (RunInstances, CreateFleet,
 * mixed-instance autoscaling groups, ECS container definitions) but the field names are stable. The
 * walk visits a bounded number of nodes, so a hostile request costs a bounded amount of work.
 */
public final class FactsExtractor {
    static final int MAX_NODES = 4_000;
    static final int MAX_ITEMS = 32;
    static final int MAX_STRING = 256;
    static final int MAX_COMMANDS = 1_024;

    /** Longest policy document (as text) whose principals are read. */
    static final int MAX_POLICY = 16_384;

    /** Condition keys that confine a statement's principals (lower case). */
    static final java.util.Set<String> CONFINING =
            java.util.Set.of(
                    "aws:principalorgid",
                    "aws:principalorgpaths",
                    "aws:principalaccount",
                    "aws:principalarn",
                    "aws:sourceaccount",
                    "aws:sourceorgid",
                    "aws:sourcevpc",
                    "aws:sourcevpce",
                    "aws:sourceip");

    private static final com.fasterxml.jackson.databind.ObjectMapper POLICY_READER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private FactsExtractor() {}

    public static RequestFacts extract(JsonNode request, JsonNode response) {
        return extract(request, response, null);
    }

    /** Also reads {@code additionalEventData} (console sign-in MFA). */
    public static RequestFacts extract(JsonNode request, JsonNode response, JsonNode additional) {
        Collector c = new Collector();
        c.walk(request, null, 0, false);
        c.walk(response, null, 0, true);
        if (additional != null && additional.isObject()) {
            String mfa = text(additional.get("MFAUsed"));
            if (mfa != null) {
                c.f.mfaUsed = "Yes".equalsIgnoreCase(mfa);
            }
        }
        if (response != null && response.isObject()) {
            c.f.loginResult = text(response.get("ConsoleLogin"));
        }
        if (request != null && request.isObject()) {
            c.shares(request);
        }
        return c.finish();
    }

    private static final class Collector {
        final RequestFacts f = new RequestFacts();
        final List<String> instanceTypes = new ArrayList<>();
        final List<String> instanceIds = new ArrayList<>();
        final List<String> images = new ArrayList<>();
        final List<String> taskArns = new ArrayList<>();
        final StringBuilder commands = new StringBuilder();
        final List<String> names = new ArrayList<>();
        final List<String> sharedWith = new ArrayList<>();
        final List<String> policyPrincipals = new ArrayList<>();
        final List<String> layers = new ArrayList<>();
        int visited;

        /** What an AMI, EBS snapshot or RDS snapshot share adds (not what it removes). */
        void shares(JsonNode request) {
            for (String path :
                    new String[] {
                        "/launchPermission/add/items", "/createVolumePermission/add/items"
                    }) {
                for (JsonNode item : request.at(path)) {
                    addText(sharedWith, item.has("group") ? item.get("group") : item.get("userId"));
                }
            }
            for (JsonNode v : request.path("valuesToAdd")) {
                addText(sharedWith, v);
            }
        }

        /**
         * Whether a statement's condition confines who may act to the organisation, an account, a
         * network or named principals (then "*" is not everyone).
         */
        private boolean restricted(JsonNode condition) {
            if (condition == null || !condition.isObject()) {
                return false;
            }
            for (JsonNode operator : condition) {
                Iterator<String> keys = operator.fieldNames();
                while (keys.hasNext()) {
                    if (CONFINING.contains(keys.next().toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The principals of a policy's Allow statements: "*" and AWS account or ARN values. */
        void policy(JsonNode v) {
            JsonNode doc = v;
            if (v.isTextual()) {
                String text = v.asText();
                if (text.length() > MAX_POLICY) {
                    return;
                }
                try {
                    doc = POLICY_READER.readTree(text);
                } catch (java.io.IOException e) {
                    return; // not a policy we can read: no principals from it
                }
            }
            JsonNode statements = doc == null ? null : doc.get("Statement");
            if (statements == null) {
                return;
            }
            for (JsonNode st :
                    statements.isArray()
                            ? statements
                            : POLICY_READER.createArrayNode().add(statements)) {
                if (!"Allow".equals(text(st.get("Effect"))) || restricted(st.get("Condition"))) {
                    continue;
                }
                JsonNode p = st.get("Principal");
                if (p == null) {
                    continue;
                }
                if (p.isTextual()) {
                    addText(policyPrincipals, p);
                    continue;
                }
                JsonNode aws = p.get("AWS");
                if (aws != null) {
                    if (aws.isArray()) {
                        aws.forEach(a -> addText(policyPrincipals, a));
                    } else {
                        addText(policyPrincipals, aws);
                    }
                }
            }
        }

        void walk(JsonNode node, String key, int depth, boolean response) {
            if (node == null || node.isNull() || ++visited > MAX_NODES || depth > 32) {
                return;
            }
            if (key != null) {
                take(key.toLowerCase(Locale.ROOT), node, response);
            }
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext() && visited <= MAX_NODES) {
                    Map.Entry<String, JsonNode> e = it.next();
                    walk(e.getValue(), e.getKey(), depth + 1, response);
                }
            } else if (node.isArray()) {
                for (JsonNode item : node) {
                    if (visited > MAX_NODES) {
                        break;
                    }
                    walk(item, key, depth + 1, response);
                }
            }
        }

        private void take(String k, JsonNode v, boolean response) {
            if (v.isArray()) {
                return; // array elements are visited with the same key
            }
            switch (k) {
                case "instancetype":
                case "instancetypes":
                    addText(instanceTypes, v);
                    break;
                case "acceleratorcount":
                    if (!response && v.isObject()) {
                        f.acceleratorCount =
                                Math.max(f.acceleratorCount, Math.max(1, number(v.get("min"))));
                    } else if (!response) {
                        f.acceleratorCount = Math.max(f.acceleratorCount, number(v));
                    }
                    break;
                case "vcpucount":
                    if (!response && v.isObject()) {
                        f.vcpuCount = Math.max(f.vcpuCount, number(v.get("min")));
                    }
                    break;
                case "acceleratormanufacturers":
                case "acceleratortypes":
                case "acceleratornames":
                    if (!response && text(v) != null) {
                        f.acceleratorsByAttribute = true;
                    }
                    break;
                case "maxvcpus":
                case "desiredvcpus":
                    if (!response) {
                        f.maxVcpus = Math.max(f.maxVcpus, number(v));
                    }
                    break;
                case "memorysize":
                    if (!response) {
                        f.memorySize = Math.max(f.memorySize, number(v));
                    }
                    break;
                case "reservedconcurrentexecutions":
                case "provisionedconcurrentexecutions":
                    if (!response) {
                        f.concurrentExecutions = Math.max(f.concurrentExecutions, number(v));
                    }
                    break;
                case "desiredsize":
                    if (!response) {
                        f.desiredCapacity = Math.max(f.desiredCapacity, number(v));
                    }
                    break;
                case "instanceid":
                case "instanceids":
                    addText(instanceIds, v);
                    break;
                case "mincount":
                case "maxcount":
                case "count":
                case "desiredcount":
                case "totaltargetcapacity":
                case "targetcapacity":
                case "instancecount":
                    if (!response) {
                        f.instanceCount = Math.max(f.instanceCount, number(v));
                    }
                    break;
                case "disableapitermination":
                    Boolean b = bool(v.isObject() ? v.get("value") : v);
                    if (b != null && !response) {
                        f.disableApiTermination = Boolean.TRUE.equals(f.disableApiTermination) || b;
                    }
                    break;
                case "launchtemplatename":
                    f.launchTemplateName = first(f.launchTemplateName, v);
                    break;
                case "autoscalinggroupname":
                    f.autoScalingGroupName = first(f.autoScalingGroupName, v);
                    break;
                case "minsize":
                    f.minSize = Math.max(f.minSize, number(v));
                    break;
                case "maxsize":
                    f.maxSize = Math.max(f.maxSize, number(v));
                    break;
                case "desiredcapacity":
                    f.desiredCapacity = Math.max(f.desiredCapacity, number(v));
                    break;
                case "protectedfromscalein":
                case "newinstancesprotectedfromscalein":
                    Boolean p = bool(v);
                    if (p != null && !response) {
                        f.protectedFromScaleIn = Boolean.TRUE.equals(f.protectedFromScaleIn) || p;
                    }
                    break;
                case "clustername":
                case "cluster":
                    f.clusterName = first(f.clusterName, v);
                    break;
                case "servicename":
                case "service":
                    // CreateService names it serviceName; UpdateService and DeleteService name
                    // it service, by name or ARN. A service object in a response is not text.
                    f.serviceName = first(f.serviceName, v);
                    break;
                case "taskarn":
                    if (response) {
                        addText(taskArns, v);
                    }
                    break;
                case "versionnumber":
                    if (response) {
                        f.launchTemplateVersion = Math.max(f.launchTemplateVersion, number(v));
                    }
                    break;
                case "activeservicescount":
                case "runningtaskscount":
                case "pendingtaskscount":
                case "registeredcontainerinstancescount":
                    if (response) {
                        f.ecsWorkload = Math.max(f.ecsWorkload, 0) + Math.max(0, number(v));
                    }
                    break;
                case "taskdefinitionarn":
                    f.taskDefinition = text(v) != null ? text(v) : f.taskDefinition;
                    break;
                case "taskdefinition":
                case "family":
                    f.taskDefinition = first(f.taskDefinition, v);
                    break;
                case "image":
                case "trainingimage":
                    addText(images, v);
                    break;
                case "entrypoint":
                case "command":
                case "containerentrypoint":
                case "containerarguments":
                    appendCommand(v);
                    break;
                case "value":
                    // environment variables and parameters of container definitions: pool
                    // addresses and wallets hide there when the command names neither
                    if (!response) {
                        appendCommand(v);
                    }
                    break;
                case "cpu":
                    f.cpu = Math.max(f.cpu, number(v));
                    break;
                case "memory":
                    f.memory = Math.max(f.memory, number(v));
                    break;
                case "rolename":
                    f.roleName = first(f.roleName, v);
                    break;
                case "username":
                    f.userName = first(f.userName, v);
                    break;
                case "policyarn":
                    f.policyArn = first(f.policyArn, v);
                    break;
                case "policyname":
                    if (!response) {
                        f.policyName = first(f.policyName, v);
                    }
                    break;
                case "accesskeyid":
                    if (response) {
                        f.createdAccessKeyId = first(f.createdAccessKeyId, v);
                    }
                    break;
                case "rolearn":
                    if (!response) {
                        f.roleArn = first(f.roleArn, v);
                    }
                    break;
                case "rolesessionname":
                    if (!response) {
                        f.roleSessionName = first(f.roleSessionName, v);
                    }
                    break;
                case "assumedroleid":
                    if (response) {
                        f.assumedRoleId = first(f.assumedRoleId, v);
                    }
                    break;
                case "arn":
                    if (response
                            && v.isTextual()
                            && (v.asText().contains(":user/")
                                    || v.asText().contains(":federated-user/"))) {
                        f.createdUserArn = first(f.createdUserArn, v);
                    }
                    break;
                case "functionname":
                    f.functionName = first(f.functionName, v);
                    break;
                case "authtype":
                    f.functionUrlAuthType = first(f.functionUrlAuthType, v);
                    break;
                case "principal":
                    if (!response) {
                        f.permissionPrincipal = first(f.permissionPrincipal, v);
                    }
                    break;
                case "quotacode":
                    f.quotaCode = first(f.quotaCode, v);
                    break;
                case "secretid":
                case "secretidlist":
                case "names":
                    if (!response) {
                        addText(names, v);
                    }
                    break;
                case "name":
                case "trailname":
                    if (!response && names.isEmpty()) {
                        addText(names, v);
                    }
                    break;
                case "withdecryption":
                    if (!response) {
                        f.withDecryption = bool(v);
                    }
                    break;
                case "attribute":
                case "attributename":
                case "attributetype":
                    if (!response) {
                        f.attribute = first(f.attribute, v);
                    }
                    break;
                case "policydocument":
                case "assumerolepolicydocument":
                case "bucketpolicy":
                    if (!response) {
                        policy(v);
                    }
                    break;
                case "uri":
                case "x-amz-acl":
                case "x-amz-grant-read":
                case "x-amz-grant-write":
                case "x-amz-grant-read-acp":
                case "x-amz-grant-write-acp":
                case "x-amz-grant-full-control":
                    String grant = text(v);
                    if (!response
                            && grant != null
                            && (grant.contains("AllUsers")
                                    || grant.contains("AuthenticatedUsers")
                                    || grant.startsWith("public-")
                                    || "authenticated-read".equals(grant))) {
                        f.publicGrant = true;
                    }
                    break;
                case "blockpublicacls":
                case "ignorepublicacls":
                case "blockpublicpolicy":
                case "restrictpublicbuckets":
                    if (!response && Boolean.FALSE.equals(bool(v))) {
                        f.publicAccessBlockOff = true;
                    }
                    break;
                case "cidrip":
                case "cidripv4":
                case "cidripv6":
                    String cidr = text(v);
                    if (!response && cidr != null && cidr.endsWith("/0")) {
                        f.openToWorld = true;
                    }
                    break;
                case "fromport":
                    if (!response) {
                        f.fromPort = f.fromPort < 0 ? number(v) : Math.min(f.fromPort, number(v));
                    }
                    break;
                case "toport":
                    if (!response) {
                        f.toPort = Math.max(f.toPort, number(v));
                    }
                    break;
                case "layers":
                    if (!response) {
                        addText(layers, v);
                    }
                    break;
                case "userdata":
                    if (!response) {
                        f.userDataChanged = true;
                    }
                    break;
                case "includemanagementevents":
                case "enable":
                case "ismultiregiontrail":
                case "includeglobalserviceevents":
                    if (!response && Boolean.FALSE.equals(bool(v))) {
                        f.loggingReduced = true;
                    }
                    break;
                case "readwritetype":
                    String rw = text(v);
                    if (!response && rw != null && !"All".equalsIgnoreCase(rw)) {
                        f.loggingReduced = true;
                    }
                    break;
                case "excludemanagementeventsources":
                    if (!response && text(v) != null) {
                        f.loggingReduced = true;
                    }
                    break;
                default:
                    break;
            }
        }

        private void appendCommand(JsonNode v) {
            String s = text(v);
            if (s != null && commands.length() < MAX_COMMANDS) {
                if (commands.length() > 0) {
                    commands.append(' ');
                }
                commands.append(s, 0, Math.min(s.length(), MAX_COMMANDS - commands.length()));
            }
        }

        RequestFacts finish() {
            f.instanceTypes = array(instanceTypes);
            f.instanceIds = array(instanceIds);
            f.images = array(images);
            f.taskArns = array(taskArns);
            f.containerCommands = commands.length() == 0 ? null : commands.toString();
            f.names = array(names);
            f.sharedWith = array(sharedWith);
            f.policyPrincipals = array(policyPrincipals);
            f.layers = array(layers);
            return f;
        }

        private static String[] array(List<String> list) {
            return list.isEmpty() ? null : list.toArray(new String[0]);
        }

        private static void addText(List<String> into, JsonNode v) {
            String s = text(v);
            if (s != null && into.size() < MAX_ITEMS && !into.contains(s)) {
                into.add(s);
            }
        }

        private static String first(String current, JsonNode v) {
            return current != null ? current : text(v);
        }
    }

    static String text(JsonNode v) {
        if (v == null || !(v.isTextual() || v.isNumber() || v.isBoolean())) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : Text.cap(s, MAX_STRING);
    }

    static int number(JsonNode v) {
        if (v == null) {
            return -1;
        }
        if (v.isNumber()) {
            long l = v.asLong();
            return (int) Math.max(-1, Math.min(Integer.MAX_VALUE, l));
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (!s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit)) {
                return Integer.parseInt(s);
            }
        }
        return -1;
    }

    static Boolean bool(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            String s = v.asText();
            if ("true".equalsIgnoreCase(s)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(s)) {
                return Boolean.FALSE;
            }
        }
        return null;
    }
}
