package io.trailsentry.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.ResourceDetails;

/**
 * ASFF {@code Resources}: the principal first, then what it created, then what it changed, each
 * with its ASFF type, an ARN where one can be built from the finding, and its provenance in {@code
 * Details.Other}; at most 32 (ASFF's limit), the count of the others in {@link #omitted}.
 */
final class AsffResources {
    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("AWS::EC2::Instance", "AwsEc2Instance");
        TYPES.put("AWS::AutoScaling::AutoScalingGroup", "AwsAutoScalingAutoScalingGroup");
        TYPES.put("AWS::ECS::Cluster", "AwsEcsCluster");
        TYPES.put("AWS::ECS::Service", "AwsEcsService");
        TYPES.put("AWS::ECS::Task", "AwsEcsTask");
        TYPES.put("AWS::ECS::TaskDefinition", "AwsEcsTaskDefinition");
        TYPES.put("AWS::EC2::LaunchTemplate", "AwsEc2LaunchTemplate");
        TYPES.put("AWS::IAM::Role", "AwsIamRole");
        TYPES.put("AWS::IAM::User", "AwsIamUser");
        TYPES.put("AWS::IAM::AccessKey", "AwsIamAccessKey");
        TYPES.put("AWS::Lambda::Function", "AwsLambdaFunction");
    }

    final List<Resource> resources = new ArrayList<>();
    int omitted;

    private final ForwarderConfig config;
    private final String account;

    private AsffResources(ForwarderConfig config, String account) {
        this.config = config;
        this.account = account;
    }

    static AsffResources of(JsonNode finding, ForwarderConfig config) {
        AsffResources out = new AsffResources(config, finding.at("/cloud/account/uid").asText());
        out.principal(finding.at("/actor"), finding.at("/cloud/region").asText(null));
        List<JsonNode> created = new ArrayList<>();
        List<JsonNode> modified = new ArrayList<>();
        for (JsonNode r : finding.path("resources")) {
            ("created".equals(r.at("/data/provenance").asText()) ? created : modified).add(r);
        }
        for (List<JsonNode> group : List.of(created, modified)) {
            for (JsonNode r : group) {
                if (out.resources.size() < Asff.MAX_RESOURCES) {
                    out.resources.add(out.resource(r));
                } else {
                    out.omitted++;
                }
            }
        }
        return out;
    }

    private void principal(JsonNode actor, String region) {
        String type = actor.at("/user/type").asText();
        Map<String, String> other = new LinkedHashMap<>();
        other.put("role", "principal");
        put(other, "identityType", type);
        put(other, "session", actor.at("/session/uid_alt").asText(null));
        resources.add(
                Resource.builder()
                        .type(
                                "IAMUser".equals(type)
                                        ? "AwsIamUser"
                                        : "AssumedRole".equals(type) ? "AwsIamRole" : "Other")
                        .id(Asff.text(actor.at("/user/uid").asText(), Asff.MAX_RESOURCE_ID, "?"))
                        .partition(config.partition)
                        .region(region == null ? config.region : region)
                        .details(ResourceDetails.builder().other(other).build())
                        .build());
    }

    private Resource resource(JsonNode r) {
        String type = TYPES.getOrDefault(r.path("type").asText(), "Other");
        String region = r.path("region").asText(config.region);
        Map<String, String> other = new LinkedHashMap<>();
        put(other, "provenance", r.at("/data/provenance").asText(null));
        put(other, "event", r.at("/data/event").asText(null));
        put(other, "cluster", r.at("/data/cluster").asText(null));
        put(other, "createdAt", iso(r.path("created_time")));
        put(other, "modifiedAt", iso(r.path("modified_time")));
        return Resource.builder()
                .type(type)
                .id(Asff.text(arn(type, r.path("uid").asText(), region), Asff.MAX_RESOURCE_ID, "?"))
                .partition(config.partition)
                .region(region)
                .details(ResourceDetails.builder().other(other).build())
                .build();
    }

    /** The resource's ARN where the finding names enough of it, else its id as given. */
    private String arn(String type, String id, String region) {
        if (id.startsWith("arn:")) {
            return id;
        }
        String p = "arn:" + config.partition + ":";
        switch (type) {
            case "AwsEc2Instance":
                return p + "ec2:" + region + ":" + account + ":instance/" + id;
            case "AwsIamRole":
                return p + "iam::" + account + ":role/" + id;
            case "AwsIamUser":
                return p + "iam::" + account + ":user/" + id;
            case "AwsLambdaFunction":
                return p + "lambda:" + region + ":" + account + ":function:" + id;
            case "AwsEcsCluster":
                return p + "ecs:" + region + ":" + account + ":cluster/" + id;
            case "AwsEcsService":
                return p + "ecs:" + region + ":" + account + ":service/" + id;
            default:
                return id;
        }
    }

    private static String iso(JsonNode millis) {
        return millis.isIntegralNumber() ? Instant.ofEpochMilli(millis.asLong()).toString() : null;
    }

    private static void put(Map<String, String> other, String key, String value) {
        if (value != null && !value.isBlank()) {
            other.put(key, Asff.text(value, Asff.MAX_DETAIL_VALUE, "?"));
        }
    }
}
