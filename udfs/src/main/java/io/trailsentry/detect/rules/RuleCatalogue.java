package io.trailsentry.detect.rules;

import io.trailsentry.detect.Detection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every per-event rule, in the order they run on an event (the order of a finding's evidence for
 * one event follows it). A new rule is added here and nowhere else in the code.
 */
public final class RuleCatalogue {
    public static final List<Rule> ALL =
            List.of(
                    new NewPrincipal(),
                    new NewAccessKey(),
                    new NewSource(),
                    new EnumerationBurst(),
                    new QuotaRecon(),
                    new DryRunProbe(),
                    new AccessDeniedBurst(),
                    new PolicySimulation(),
                    new EnumerationStorm(),
                    new GpuCompute(),
                    new LargeAutoScalingGroup(),
                    new LargeCount(),
                    new NewRegionCompute(),
                    new LargeScaleCompute(),
                    new MinerMarkers(),
                    new ShellBootstrap(),
                    new UnapprovedImage(),
                    new TerminationProtection(),
                    new ScaleInProtection(),
                    new IamRolePersistence(),
                    new IamUserPersistence(),
                    new PublicFunction(),
                    new LoggingTampering(),
                    new RoleTrustBackdoor(),
                    new FunctionCodeChanged(),
                    new AlternateCredentials(),
                    new LeaveOrganization(),
                    new CredentialBulkRead(),
                    new InstanceSecretRead(),
                    new InstanceCredentialsElsewhere(),
                    new InstanceRemoteAccess(),
                    new UserDataReplaced(),
                    new DataShared(),
                    new BucketExposed(),
                    new SecurityGroupOpened(),
                    new ConsoleSignIn(),
                    new ModelAccessEnabled(),
                    new IdentityHandOff(),
                    new CreatedResources());

    private RuleCatalogue() {}

    /** The per-event detections and the anomaly scorer's, in catalogue order. */
    public static List<Detection> detections() {
        List<Detection> all = new ArrayList<>();
        for (Rule r : ALL) {
            all.add(r.detection);
        }
        all.add(AnomalyRule.DETECTION);
        all.add(io.trailsentry.detect.population.PopulationModel.DETECTION); // and the population's
        return Collections.unmodifiableList(all);
    }
}
