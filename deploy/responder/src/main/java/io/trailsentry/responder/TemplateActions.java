package io.trailsentry.responder;

import static io.trailsentry.responder.Calls.params;

import io.trailsentry.responder.Actions.StepRefused;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResponseError;

/**
 * Launch templates: one the principal created is deleted; on one it only added a version to, that
 * version alone is deleted (never the template, never the default version).
 */
final class TemplateActions {
    private TemplateActions() {}

    static String deleteTemplate(FindingOrder f, Step s, StepContext c) {
        Ec2Client ec2 = c.aws.ec2(c.region(s));
        LaunchTemplate t;
        try {
            List<LaunchTemplate> found =
                    ec2.describeLaunchTemplates(b -> b.launchTemplateNames(s.target))
                            .launchTemplates();
            t = found.isEmpty() ? null : found.get(0);
        } catch (Ec2Exception e) {
            if (InstanceActions.notFound(e)) {
                return "absent";
            }
            throw e;
        }
        if (t == null) {
            return "absent";
        }
        Provenance.check(s, "launch template " + s.target, t.createTime());
        Provenance.creator("launch template " + s.target, t.createdBy(), f.principalArn);
        return c.single(
                s,
                "ec2",
                "DeleteLaunchTemplate",
                params("LaunchTemplateName", s.target),
                r -> ec2.deleteLaunchTemplate(b -> b.launchTemplateName(s.target)));
    }

    /** Target {@code NAME:VERSION}, with {@code template} and {@code version} saying the same. */
    static String deleteVersion(FindingOrder f, Step s, StepContext c) {
        if (s.template == null
                || s.version == null
                || !s.version.matches("[1-9][0-9]{0,17}")
                || !s.target.equals(s.template + ":" + s.version)) {
            throw new StepRefused(
                    "a launch template version step needs target NAME:VERSION matching its"
                            + " template and numeric version");
        }
        Ec2Client ec2 = c.aws.ec2(c.region(s));
        LaunchTemplateVersion v;
        try {
            List<LaunchTemplateVersion> found =
                    ec2.describeLaunchTemplateVersions(
                                    b -> b.launchTemplateName(s.template).versions(s.version))
                            .launchTemplateVersions();
            v = found.isEmpty() ? null : found.get(0);
        } catch (Ec2Exception e) {
            if (InstanceActions.notFound(e)) {
                return "absent";
            }
            throw e;
        }
        if (v == null) {
            return "absent";
        }
        String what = "launch template version " + s.target;
        Provenance.check(s, what, v.createTime());
        Provenance.creator(what, v.createdBy(), f.principalArn);
        if (Boolean.TRUE.equals(v.defaultVersion())) {
            throw new StepRefused(
                    what + " is the default version: a person must restore the previous default");
        }
        DeleteLaunchTemplateVersionsResponse[] out = new DeleteLaunchTemplateVersionsResponse[1];
        c.single(
                s,
                "ec2",
                "DeleteLaunchTemplateVersions",
                params("LaunchTemplateName", s.template, "LaunchTemplateVersion.1", s.version),
                r ->
                        out[0] =
                                ec2.deleteLaunchTemplateVersions(
                                        b -> b.launchTemplateName(s.template).versions(s.version)));
        if (out[0] != null && !out[0].unsuccessfullyDeletedLaunchTemplateVersions().isEmpty()) {
            ResponseError e =
                    out[0].unsuccessfullyDeletedLaunchTemplateVersions().get(0).responseError();
            String code = e == null ? "unknown" : String.valueOf(e.codeAsString());
            if (code.contains("NotFound")) {
                return "absent";
            }
            throw new IllegalStateException(
                    "ec2 DeleteLaunchTemplateVersions "
                            + code
                            + ": "
                            + (e == null ? "" : e.message()));
        }
        return "done";
    }
}
