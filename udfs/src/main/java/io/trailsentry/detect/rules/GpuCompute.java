package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.ActionClass;

/**
 * TS-CP-003: a compute request naming GPU, ML or other accelerated families; routine when the
 * principal provisions on other days and has used every requested family before. With an immature
 * baseline its population judges it (routine when its account's mature principals request
 * accelerated compute, evidence while no population is mature either: see {@code PopulationModel}).
 */
public final class GpuCompute extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-CP-003")
                    .title("GPU or ML instances requested")
                    .category(Category.COMPUTE_PROVISIONING)
                    .severity(Severity.MEDIUM)
                    .technique("T1496.001", "Resource Hijacking: Compute Hijacking")
                    .tactic("Impact")
                    .matches(
                            "GPU/ML/accelerator families (p, g, inf, trn, dl, f, vt; `ml.*`)"
                                    + " requested")
                    .firstCheck(
                            "GPU capacity is what miners want first; confirm a team asked for it"
                                    + " or stop it.")
                    .build();

    GpuCompute() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (!c.provisioning() || c.acceleratedTypes().isEmpty()) {
            return;
        }
        Signal s =
                c.emit(
                                DETECTION,
                                c.event.eventName
                                        + " "
                                        + String.join(",", c.acceleratedTypes())
                                        + c.where(),
                                c.provisionedResources())
                        .on(c.provisionedType());
        if (c.knownInstanceFamilies() && c.routine(ActionClass.PROVISIONING)) {
            s.asRoutine();
        } else if (!c.mature()) {
            // no baseline to say whether GPUs are new for it: its population decides
            c.askPopulation(s, ActionClass.ACCELERATED.key);
        }
    }
}
