package io.trailsentry.testdata.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.detect.Provenance;
import io.trailsentry.detect.Severity;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.ResourceRef;
import io.trailsentry.incident.ResponseStep;
import io.trailsentry.testdata.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What no response plan may do, checked on every finding of a labelled corpus: eradicate what its
 * principal did not create, touch what the labels call untouchable (production the attack only
 * touched, what other sessions of a shared role made), contain a role beyond the thief's session,
 * or terminate an instance without lifting its protection first.
 */
final class PlanSafety {
    private PlanSafety() {}

    static void assertSafe(Labels labels, List<Finding> findings) {
        for (Finding f : findings) {
            Set<String> created = new HashSet<>();
            for (ResourceRef r : f.targets) {
                if (r.created()) {
                    created.add(r.type + "|" + r.id + "|" + r.region);
                }
            }
            Set<String> unprotected = new HashSet<>();
            for (ResponseStep s : f.responsePlan) {
                String where = f.uid + " v" + f.version + " step " + s;
                if ("enable-instance-termination".equals(s.action)) {
                    unprotected.add(s.target);
                }
                if ("terminate-instance".equals(s.action)) {
                    assertThat(unprotected)
                            .as("protection lifted before " + where)
                            .contains(s.target);
                }
                if (ResponseStep.ERADICATE.equals(s.phase)
                        && !"rotate-credentials".equals(s.action)) {
                    assertThat(s.provenance).as(where).isEqualTo(Provenance.CREATED);
                    assertThat(created)
                            .as("eradicated but not created: " + where)
                            .anyMatch(k -> k.contains("|" + s.target + "|"));
                }
            }
        }
        for (Labels.Attack a : labels.attacks()) {
            for (Finding f : of(findings, a.principalKey)) {
                for (ResponseStep s : f.responsePlan) {
                    boolean destructive =
                            ResponseStep.ERADICATE.equals(s.phase)
                                    || "enable-instance-termination".equals(s.action)
                                    || "clear-scale-in-protection".equals(s.action);
                    if (destructive) {
                        assertThat(a.untouchable).as(a.id + ": " + s).doesNotContain(s.target);
                    }
                    if (a.session != null && f.principal.arn.equals(s.target)) {
                        // (a user the thief created, a linked identity, is quarantined: that is
                        // the user's containment, not the role's)
                        assertThat(s.action)
                                .as(a.id + ": a role is contained per session")
                                .isNotIn("deny-compute-creation", "quarantine-principal");
                    }
                }
                if (a.session != null && f.severityId >= Severity.MEDIUM.id) {
                    assertThat(f.principal.sessionName)
                            .as(a.id + " names the thief")
                            .isEqualTo(a.session);
                    for (ResponseStep s : f.responsePlan) {
                        if ("deny-session".equals(s.action)) {
                            // the thief's session, or a session it assumed (linked)
                            assertThat(s.userIds)
                                    .allMatch(
                                            u ->
                                                    u.endsWith(":" + a.session)
                                                            || java.util.Arrays.stream(f.linked)
                                                                    .anyMatch(
                                                                            l ->
                                                                                    u.equals(
                                                                                            l.userId)));
                        }
                    }
                }
            }
        }
    }

    /** The touches-production scenario's exact reversals: its template version, its tasks. */
    static void assertReversals(Labels labels, List<Finding> findings) {
        for (Labels.Attack a : labels.attacks()) {
            if (!"touches-production".equals(a.id)) {
                continue;
            }
            List<Finding> mine = of(findings, a.principalKey);
            Finding last = mine.get(mine.size() - 1);
            List<String> steps = new ArrayList<>();
            for (ResponseStep s : last.responsePlan) {
                steps.add(s.action + " " + s.target + (s.cluster == null ? "" : " @" + s.cluster));
            }
            assertThat(steps)
                    .contains("delete-launch-template-version web-prod-lt:7")
                    .contains("review-modified-autoscaling-group batch-prod-asg")
                    .contains("review-modified-instance i-0prod0000000000a1")
                    .contains(
                            "review-modified-ecs-service payments-prod/payments-api @payments-prod")
                    .anyMatch(s -> s.startsWith("stop-ecs-task ") && s.endsWith(" @payments-prod"))
                    .noneMatch(s -> s.startsWith("delete-ecs-cluster payments-prod"));
        }
    }

    private static List<Finding> of(List<Finding> findings, String principalKey) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.principal.key.equals(principalKey)) {
                out.add(f);
            }
        }
        return out;
    }
}
