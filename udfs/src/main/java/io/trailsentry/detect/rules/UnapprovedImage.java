package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;
import java.util.ArrayList;
import java.util.List;

/**
 * TS-CW-001: a task definition image outside the account's own ECR and the policy's {@code
 * approvedRegistries}.
 */
public final class UnapprovedImage extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-CW-001")
                    .title("Container image outside approved registries")
                    .category(Category.CONTAINER_WORKLOAD)
                    .severity(Severity.LOW)
                    .technique("T1610", "Deploy Container")
                    .tactic("Execution")
                    .matches("task definition image outside approved registries")
                    .firstCheck(
                            "Check the image's registry and publisher; the account's own ECR and"
                                    + " configured registries are approved.")
                    .build();

    UnapprovedImage() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (!c.taskDefinitionRegistered()) {
            return;
        }
        List<String> unapproved = new ArrayList<>();
        String[] images = c.facts().images;
        for (String image : images == null ? new String[0] : images) {
            if (!approved(c, c.event, image)) {
                unapproved.add(image);
            }
        }
        if (!unapproved.isEmpty()) {
            String td = c.taskDefinition();
            c.emitFor(
                            ActionClass.PUBLIC_IMAGE,
                            DETECTION,
                            "task definition "
                                    + td
                                    + " uses "
                                    + String.join(", ", unapproved)
                                    + c.taskSize(),
                            td)
                    .on(ResourceType.TASK_DEFINITION);
        }
    }

    static boolean approved(RuleContext c, CloudTrailEvent e, String image) {
        String account =
                e.recipientAccountId != null ? e.recipientAccountId : e.principal.accountId;
        if (account != null && image.startsWith(account + ".dkr.ecr.")) {
            return true;
        }
        for (String prefix : c.policy.approvedRegistries) {
            if (image.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
