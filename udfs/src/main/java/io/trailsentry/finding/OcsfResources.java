package io.trailsentry.finding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.detect.Provenance;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code resources[]}: what the evidence ties to the principal, typed as CloudFormation types, each
 * once. The time of the call that tied it is {@code created_time} for a resource the principal
 * created and {@code modified_time} for one it changed; {@code data} keeps the provenance, the
 * call's name and the ECS cluster, which OCSF has no attribute for.
 */
final class OcsfResources {
    private OcsfResources() {}

    static void write(ArrayNode out, Finding f) {
        for (ResourceRef r : distinct(f.targets)) {
            ObjectNode res = out.addObject();
            res.put("uid", r.id);
            res.put("type", cloudFormationType(r.type));
            OcsfWriter.putIfSet(res, "name", name(r));
            if ("launch-template-version".equals(r.type)) {
                int colon = r.id.lastIndexOf(':');
                OcsfWriter.putIfSet(res, "version", colon < 0 ? null : r.id.substring(colon + 1));
            }
            OcsfWriter.putIfSet(res, "region", r.region);
            if (r.time > 0) {
                res.put(r.created() ? "created_time" : "modified_time", r.time);
            }
            ObjectNode data = res.putObject("data");
            data.put("provenance", r.created() ? Provenance.CREATED : Provenance.MODIFIED);
            OcsfWriter.putIfSet(data, "event", r.event);
            OcsfWriter.putIfSet(data, "cluster", r.parent);
        }
    }

    /**
     * Each resource once per CloudFormation type, id and region; a resource a detection could not
     * type ("other") is left out when a typed one has the same id and region.
     */
    static List<ResourceRef> distinct(ResourceRef[] targets) {
        Map<String, ResourceRef> typed = new LinkedHashMap<>();
        for (ResourceRef r : targets) {
            if (r.type() != ResourceType.OTHER) {
                typed.putIfAbsent(cloudFormationType(r.type) + "|" + r.id + "|" + r.region, r);
            }
        }
        List<ResourceRef> out = new ArrayList<>(typed.values());
        Map<String, ResourceRef> untyped = new LinkedHashMap<>();
        for (ResourceRef r : targets) {
            if (r.type() == ResourceType.OTHER && !namedByTyped(out, r)) {
                untyped.putIfAbsent(r.id + "|" + r.region, r);
            }
        }
        out.addAll(untyped.values());
        return out;
    }

    private static boolean namedByTyped(List<ResourceRef> typed, ResourceRef r) {
        for (ResourceRef t : typed) {
            if (t.id.equals(r.id) && java.util.Objects.equals(t.region, r.region)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The resource's name: its id where it is addressed by name, the name within the id of a
     * template version or an ECS service, else null (instance ids, task ARNs, key ids).
     */
    private static String name(ResourceRef r) {
        int cut;
        switch (r.type()) {
            case LAUNCH_TEMPLATE_VERSION:
                cut = r.id.lastIndexOf(':');
                return cut < 0 ? null : r.id.substring(0, cut);
            case ECS_SERVICE:
                cut = r.id.lastIndexOf('/');
                return cut < 0 ? null : r.id.substring(cut + 1);
            case AUTOSCALING_GROUP:
            case ECS_CLUSTER:
            case LAUNCH_TEMPLATE:
            case IAM_ROLE:
            case IAM_USER:
            case LAMBDA_FUNCTION:
                return r.id; // these are addressed by name
            default:
                return null;
        }
    }

    static String cloudFormationType(String type) {
        return ResourceType.ofKey(type).cloudFormationType;
    }
}
