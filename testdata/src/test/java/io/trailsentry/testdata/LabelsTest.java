package io.trailsentry.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsTest {
    @Test
    void roundTripsThroughItsFile(@TempDir Path dir) throws Exception {
        Labels written = Generator.generate(Generator.suiteSpec()).labels();
        written.write(dir.resolve("labels.json"));
        Labels read = Labels.read(dir.resolve("labels.json"));
        assertThat(read.attacks())
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(written.attacks());
        assertThat(read.benign())
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(written.benign());
    }

    @Test
    void theAdversarialVariantsAreLabelledAsSuchAndTheCampaignIsNot() {
        Labels l = Generator.generate(Generator.suiteSpec()).labels();
        assertThat(l.attacks())
                .filteredOn(a -> a.variant)
                .extracting(a -> a.id)
                .containsExactly(
                        "variant-impact-only",
                        "variant-cloudformation",
                        "variant-asg-update-999",
                        "variant-attribute-based",
                        "variant-eks-nodegroup",
                        "variant-sagemaker",
                        "variant-batch",
                        "variant-created-user",
                        "enumeration-storm",
                        "variant-prewarmed-key",
                        "variant-lambda-only",
                        "variant-role-chain");
        assertThat(l.attacks())
                .filteredOn(a -> !a.variant)
                .extracting(a -> a.id)
                .doesNotContain("variant-impact-only")
                .hasSize(9);
        for (Labels.Attack a : l.attacks()) {
            assertThat(a.firstProvisioningEvent)
                    .as(a.id)
                    .isGreaterThanOrEqualTo(a.firstAttackEvent);
            assertThat(a.stages).as(a.id).containsKey("provisioning_complete");
        }
        assertThat(l.benign())
                .filteredOn(b -> b.lookAlike != null && LookAlikes.VARIANTS.contains(b.lookAlike))
                .extracting(b -> b.lookAlike)
                .containsExactlyInAnyOrderElementsOf(LookAlikes.VARIANTS);
        // every look-alike is held to LOW or below since the cold start (issue #16)
        assertThat(LookAlikes.NOT_YET_QUIET).isEmpty();
        assertThat(l.benign()).filteredOn(b -> b.variant).isEmpty();
        // the created user runs the campaign; the stolen key that made it is not benign
        Labels.Attack created =
                l.attacks().stream()
                        .filter(a -> a.id.equals("variant-created-user"))
                        .findFirst()
                        .orElseThrow();
        assertThat(created.principalKey).endsWith(":user/svc-backup-admin");
        assertThat(created.otherPrincipals)
                .containsExactly("111122223333|arn:aws:iam::111122223333:user/svc-audit");
        assertThat(l.benign())
                .extracting(b -> b.principalKey)
                .doesNotContainAnyElementsOf(created.otherPrincipals);
        // the impact-only key is first used the evening before
        Labels.Attack impact =
                l.attacks().stream()
                        .filter(a -> a.id.equals("variant-impact-only"))
                        .findFirst()
                        .orElseThrow();
        assertThat(impact.firstProvisioningEvent - impact.firstAttackEvent)
                .isGreaterThan(12 * 60 * 60_000L);
        // so is the pre-warmed key, from the address it then works from
        Labels.Attack prewarmed =
                l.attacks().stream()
                        .filter(a -> a.id.equals("variant-prewarmed-key"))
                        .findFirst()
                        .orElseThrow();
        assertThat(prewarmed.firstProvisioningEvent - prewarmed.firstAttackEvent)
                .isGreaterThan(12 * 60 * 60_000L);
    }

    @Test
    void theSlowVariantTakesAboutTwoHoursAndTheCampaignAboutTen() {
        Labels l = Generator.generate(Generator.suiteSpec()).labels();
        for (Labels.Attack a : l.attacks()) {
            if (a.variant) {
                continue;
            }
            long span = a.stages.get("persistence") - a.firstAttackEvent;
            if (a.id.equals("slow-two-hours")) {
                assertThat(span).isBetween(90 * 60_000L, 180 * 60_000L);
            } else {
                assertThat(span).as(a.id).isBetween(60_000L, 15 * 60_000L);
            }
        }
    }
}
