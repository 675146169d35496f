package io.trailsentry.responder;

import java.time.Instant;
import java.util.Map;

/** The stand-in's EC2 answers (EC2's own XML): instances and launch templates from the world. */
final class Ec2Answers {
    private final StandInWorld w;

    Ec2Answers(StandInWorld w) {
        this.w = w;
    }

    String[] answer(AwsStandIn.Call c) {
        Map<String, String> p = c.params;
        String op = c.operation;
        StringBuilder b = new StringBuilder();
        switch (op) {
            case "DescribeInstances":
                String id = p.get("InstanceId.1");
                StandInWorld.Instance i = w.instance(id);
                b.append(
                                "<reservationSet><item><reservationId>r-1</reservationId><instancesSet><item>")
                        .append("<instanceId>")
                        .append(id)
                        .append("</instanceId>")
                        .append("<instanceState><code>16</code><name>")
                        .append(i.state)
                        .append("</name></instanceState><launchTime>")
                        .append(i.launchTime)
                        .append("</launchTime><rootDeviceName>/dev/xvda</rootDeviceName>")
                        .append("<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs>")
                        .append("<volumeId>vol-1</volumeId><status>attached</status><attachTime>")
                        .append(i.firstRan)
                        .append("</attachTime></ebs></item></blockDeviceMapping>")
                        .append(
                                "<networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId>")
                        .append(
                                "<attachment><attachmentId>a-1</attachmentId><deviceIndex>0</deviceIndex>")
                        .append("<attachTime>")
                        .append(i.firstRan)
                        .append("</attachTime></attachment>")
                        .append(
                                "</item></networkInterfaceSet></item></instancesSet></item></reservationSet>");
                break;
            case "DescribeInstanceAttribute":
                b.append("<instanceId>")
                        .append(p.get("InstanceId"))
                        .append("</instanceId>")
                        .append("<disableApiTermination><value>")
                        .append(w.instance(p.get("InstanceId")).protectedFromTermination)
                        .append("</value></disableApiTermination>");
                break;
            case "ModifyInstanceAttribute":
                w.instance(p.get("InstanceId")).protectedFromTermination =
                        "true".equals(p.get("DisableApiTermination.Value"));
                b.append("<return>true</return>");
                break;
            case "TerminateInstances":
                StandInWorld.Instance t = w.instance(p.get("InstanceId.1"));
                if (t.protectedFromTermination) {
                    return QueryAnswers.ec2Error(
                            400, "OperationNotPermitted", "termination protection is on");
                }
                t.state = "terminated";
                b.append("<instancesSet/>");
                break;
            case "DescribeLaunchTemplates":
                String name = p.get("LaunchTemplateName.1");
                StandInWorld.Template lt = w.template(name);
                b.append("<launchTemplates><item><launchTemplateName>")
                        .append(name)
                        .append("</launchTemplateName><launchTemplateId>lt-1</launchTemplateId>")
                        .append("<createTime>")
                        .append(lt.created)
                        .append("</createTime>")
                        .append(
                                lt.createdBy == null
                                        ? ""
                                        : "<createdBy>" + lt.createdBy + "</createdBy>")
                        .append("</item></launchTemplates>");
                break;
            case "DescribeLaunchTemplateVersions":
                StandInWorld.Template v = w.template(p.get("LaunchTemplateName"));
                String version = p.get("LaunchTemplateVersion.1");
                Instant created = v.versions.get(version);
                if (created == null) {
                    return QueryAnswers.ec2Error(
                            400,
                            "InvalidLaunchTemplateId.VersionNotFound",
                            "no version " + version);
                }
                b.append("<launchTemplateVersionSet><item><launchTemplateName>")
                        .append(p.get("LaunchTemplateName"))
                        .append("</launchTemplateName><versionNumber>")
                        .append(version)
                        .append("</versionNumber><createTime>")
                        .append(created)
                        .append("</createTime><defaultVersion>")
                        .append(version.equals(v.defaultVersion))
                        .append("</defaultVersion></item></launchTemplateVersionSet>");
                break;
            case "DeleteLaunchTemplateVersions":
                w.template(p.get("LaunchTemplateName"))
                        .versions
                        .remove(p.get("LaunchTemplateVersion.1"));
                b.append("<successfullyDeletedLaunchTemplateVersionSet><item><launchTemplateName>")
                        .append(p.get("LaunchTemplateName"))
                        .append("</launchTemplateName><versionNumber>")
                        .append(p.get("LaunchTemplateVersion.1"))
                        .append(
                                "</versionNumber></item></successfullyDeletedLaunchTemplateVersionSet>");
                break;
            default:
                b.append("<return>true</return>");
        }
        return new String[] {
            "200",
            "<"
                    + op
                    + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                    + "<requestId>standin</requestId>"
                    + b
                    + "</"
                    + op
                    + "Response>"
        };
    }
}
