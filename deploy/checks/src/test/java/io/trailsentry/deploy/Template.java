package io.trailsentry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The CloudFormation template with the few intrinsic functions it uses resolved the way
 * CloudFormation would for a stack created with default parameters: Ref to a parameter gives its
 * default, Ref/GetAtt to a resource a recognisable stand-in value, Fn::If its "true" branch.
 */
final class Template {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "111122223333";
    final JsonNode root;

    Template(JsonNode root) {
        this.root = root;
    }

    JsonNode resource(String name) {
        JsonNode r = root.path("Resources").path(name);
        if (r.isMissingNode()) {
            throw new AssertionError("template has no resource " + name);
        }
        return r;
    }

    List<String> resourcesOfType(String type) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (type.equals(e.getValue().path("Type").asText())) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** The value as CloudFormation would compute it. */
    String resolve(JsonNode v) {
        if (v.isValueNode()) {
            return v.asText();
        }
        if (v.has("Ref")) {
            return ref(v.get("Ref").asText());
        }
        if (v.has("Fn::GetAtt")) {
            String name = v.get("Fn::GetAtt").get(0).asText();
            String attr = v.get("Fn::GetAtt").get(1).asText();
            return attribute(name, attr);
        }
        if (v.has("Fn::If")) {
            return resolve(v.get("Fn::If").get(1));
        }
        if (v.has("Fn::Sub")) {
            String s = v.get("Fn::Sub").asText();
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < s.length()) {
                int start = s.indexOf("${", i);
                if (start < 0) {
                    out.append(s.substring(i));
                    break;
                }
                out.append(s, i, start);
                int end = s.indexOf('}', start);
                String var = s.substring(start + 2, end);
                int dot = var.indexOf('.');
                out.append(
                        dot < 0
                                ? ref(var)
                                : attribute(var.substring(0, dot), var.substring(dot + 1)));
                i = end + 1;
            }
            return out.toString();
        }
        throw new AssertionError("intrinsic not understood by the check: " + v);
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Partition":
                return "aws";
            case "AWS::StackName":
                return "trailsentry";
            default:
                break;
        }
        JsonNode p = root.path("Parameters").path(name);
        if (!p.isMissingNode()) {
            return p.has("Default") ? p.get("Default").asText() : "param-" + name;
        }
        resource(name);
        return "ref-" + name;
    }

    private String attribute(String name, String attr) {
        JsonNode r = resource(name);
        if (attr.equals("Arn") && r.path("Type").asText().equals("AWS::Kinesis::Stream")) {
            return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + name;
        }
        return "att-" + name + "-" + attr;
    }

    /**
     * Every IAM statement of every role: [role, statement]. A statement under Fn::If is taken as
     * its condition's "true" branch (every optional feature on), AWS::NoValue left out.
     */
    List<Object[]> statements() {
        List<Object[]> out = new ArrayList<>();
        for (String role : resourcesOfType("AWS::IAM::Role")) {
            for (JsonNode policy : resource(role).path("Properties").path("Policies")) {
                for (JsonNode st : policy.path("PolicyDocument").path("Statement")) {
                    JsonNode chosen = st.has("Fn::If") ? st.get("Fn::If").get(1) : st;
                    if (!chosen.has("Ref")) {
                        out.add(new Object[] {role, chosen});
                    }
                }
            }
        }
        return out;
    }

    /** The statements of one named inline policy of a role. */
    List<JsonNode> policy(String role, String name) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode policy : resource(role).path("Properties").path("Policies")) {
            if (name.equals(policy.path("PolicyName").asText())) {
                policy.path("PolicyDocument").path("Statement").forEach(out::add);
            }
        }
        return out;
    }

    /** Actions a role's Allow statements grant. */
    List<String> allowed(String role) {
        List<String> out = new ArrayList<>();
        for (Object[] rs : statements()) {
            JsonNode st = (JsonNode) rs[1];
            if (rs[0].equals(role) && "Allow".equals(st.path("Effect").asText())) {
                out.addAll(Yaml.strings(st.path("Action")));
            }
        }
        return out;
    }
}
