package io.trailsentry.sequence;

import java.util.List;

/** Every sequence detection; the job runs one CEP operator per entry, under its uid. */
public final class SequenceCatalogue {
    public static final List<SequenceDetection> ALL =
            List.of(
                    new CampaignSequence(),
                    new DryRunThenProvision(),
                    new ClusterFanOut(),
                    new ProtectOwnLaunch());

    private SequenceCatalogue() {}
}
