package io.trailsentry.detect.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One vocabulary of action classes for the learner and the rules: what the baseline learned of a
 * class on an earlier day makes the rule's signal of that class routine.
 */
class ActionClassTest {
    static final long DAY = 86_400_000L;
    static final long T = 1_773_100_800_000L;

    @Test
    void userPolicyChangesAreOneClassForTheLearnerAndTheRule() {
        assertThat(ActionClass.of(Events.event("iam", "AttachUserPolicy", T).build()))
                .isEqualTo(ActionClass.IAM_USER);
        assertThat(ActionClass.of(Events.event("iam", "PutUserPolicy", T).build()))
                .isEqualTo(ActionClass.IAM_USER);
        assertThat(ActionClass.of(Events.event("iam", "AttachRolePolicy", T).build()))
                .isEqualTo(ActionClass.IAM_ROLE);

        Rules rules = new Rules(RulePolicy.defaults(), BaselinePolicy.defaults());
        Profile p = new Profile();
        // an admin who manages user policies every day (PutUserPolicy: learned, no rule fires)
        for (int d = 0; d < 3; d++) {
            rules.observe(
                    p,
                    Events.event("iam", "PutUserPolicy", T + d * DAY).id("put-" + d).build(),
                    s -> {});
        }
        List<Signal> out = new ArrayList<>();
        Events attach = Events.event("iam", "AttachUserPolicy", T + 3 * DAY).id("attach");
        attach.build().facts.userName = "bob";
        attach.build().facts.policyArn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        rules.observe(p, attach.build(), out::add);
        assertThat(out)
                .filteredOn(s -> s.detectionId.equals(IamRolePersistence.DETECTION.id))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.routine).isTrue();
                            assertThat(s.resourceType).isEqualTo("iam-user");
                        });
    }
}
