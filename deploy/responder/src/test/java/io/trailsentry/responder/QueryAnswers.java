package io.trailsentry.responder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The stand-in's answers in the query protocol (IAM, Auto Scaling, STS, SNS: XML in an
 * ErrorResponse or {@code <OpResponse><OpResult>}; EC2: its own XML), from the world.
 */
final class QueryAnswers {
    private final StandInWorld w;
    private final Ec2Answers ec2;

    QueryAnswers(StandInWorld w) {
        this.w = w;
        this.ec2 = new Ec2Answers(w);
    }

    /** [status, body] */
    String[] answer(AwsStandIn.Call c) {
        switch (c.service) {
            case "ec2":
                return ec2.answer(c);
            case "sts":
                return sts(c);
            case "sns":
                return ok(
                        c.operation,
                        "https://sns.amazonaws.com/doc/2010-03-31/",
                        "<MessageId>standin-" + c.params.hashCode() + "</MessageId>");
            case "iam":
                return iam(c);
            default:
                return autoscaling(c);
        }
    }

    private String[] iam(AwsStandIn.Call c) {
        String ns = "https://iam.amazonaws.com/doc/2010-05-08/";
        Map<String, String> p = c.params;
        switch (c.operation) {
            case "GetAccessKeyLastUsed":
                String owner = w.keyOwners.get(p.get("AccessKeyId"));
                return owner == null
                        ? error(404, "NoSuchEntity", "no such key")
                        : ok(c.operation, ns, "<UserName>" + owner + "</UserName>");
            case "PutRolePolicy":
                w.rolePolicies.put(
                        p.get("RoleName") + "|" + p.get("PolicyName"), p.get("PolicyDocument"));
                return ok(c.operation, ns, "");
            case "GetRolePolicy":
                String doc = w.rolePolicies.get(p.get("RoleName") + "|" + p.get("PolicyName"));
                return doc == null
                        ? error(404, "NoSuchEntity", "no such policy")
                        : ok(
                                c.operation,
                                ns,
                                "<RoleName>"
                                        + p.get("RoleName")
                                        + "</RoleName><PolicyName>"
                                        + p.get("PolicyName")
                                        + "</PolicyName><PolicyDocument>"
                                        + URLEncoder.encode(doc, StandardCharsets.UTF_8)
                                        + "</PolicyDocument>");
            default:
                return ok(c.operation, ns, "");
        }
    }

    private String[] autoscaling(AwsStandIn.Call c) {
        String ns = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
        String name = c.params.get("AutoScalingGroupName");
        if (c.operation.equals("DeleteAutoScalingGroup") && w.groups.containsKey(name)) {
            w.groups.get(name).deleted = true;
        }
        if (!c.operation.equals("DescribeAutoScalingGroups")) {
            return ok(c.operation, ns, "");
        }
        StringBuilder b = new StringBuilder("<AutoScalingGroups>");
        name = c.params.get("AutoScalingGroupNames.member.1");
        StandInWorld.Group g = w.groups.get(name);
        if (g != null && !g.deleted) {
            b.append("<member><AutoScalingGroupName>")
                    .append(name)
                    .append("</AutoScalingGroupName>")
                    .append("<MinSize>0</MinSize><MaxSize>50</MaxSize><DesiredCapacity>")
                    .append(g.instances.size())
                    .append("</DesiredCapacity><CreatedTime>")
                    .append(g.created)
                    .append("</CreatedTime><Instances>");
            g.instances.forEach(
                    (id, prot) ->
                            b.append("<member><InstanceId>")
                                    .append(id)
                                    .append("</InstanceId><ProtectedFromScaleIn>")
                                    .append(prot)
                                    .append("</ProtectedFromScaleIn></member>"));
            b.append("</Instances></member>");
        }
        return ok(c.operation, ns, b.append("</AutoScalingGroups>").toString());
    }

    private String[] sts(AwsStandIn.Call c) {
        if (!c.operation.equals("AssumeRole")) {
            return error(400, "InvalidAction", c.operation);
        }
        String account = c.params.get("RoleArn").split(":")[4];
        return ok(
                c.operation,
                "https://sts.amazonaws.com/doc/2011-06-15/",
                "<Credentials><AccessKeyId>"
                        + AwsStandIn.memberKey(account)
                        + "</AccessKeyId><SecretAccessKey>member-secret</SecretAccessKey>"
                        + "<SessionToken>member-token-"
                        + account
                        + "</SessionToken>"
                        + "<Expiration>2100-01-01T00:00:00Z</Expiration></Credentials>"
                        + "<AssumedRoleUser><Arn>arn:aws:sts::"
                        + account
                        + ":assumed-role/x/trailsentry-responder</Arn>"
                        + "<AssumedRoleId>AROAMEMBER:trailsentry-responder</AssumedRoleId>"
                        + "</AssumedRoleUser>");
    }

    static String[] ok(String op, String ns, String result) {
        return new String[] {
            "200",
            "<"
                    + op
                    + "Response xmlns=\""
                    + ns
                    + "\"><"
                    + op
                    + "Result>"
                    + result
                    + "</"
                    + op
                    + "Result><ResponseMetadata><RequestId>standin</RequestId></ResponseMetadata></"
                    + op
                    + "Response>"
        };
    }

    static String[] error(int status, String code, String message) {
        return new String[] {
            Integer.toString(status),
            "<ErrorResponse><Error><Type>Sender</Type><Code>"
                    + code
                    + "</Code><Message>"
                    + message
                    + "</Message></Error><RequestId>standin</RequestId></ErrorResponse>"
        };
    }

    static String[] ec2Error(int status, String code, String message) {
        return new String[] {
            Integer.toString(status),
            "<Response><Errors><Error><Code>"
                    + code
                    + "</Code><Message>"
                    + message
                    + "</Message></Error></Errors><RequestID>standin</RequestID></Response>"
        };
    }
}
