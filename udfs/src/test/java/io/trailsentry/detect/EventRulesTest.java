package io.trailsentry.detect;

import static io.trailsentry.detect.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRulesTest {
    private final EventRules rules = new EventRules(DetectionPolicy.defaults());

    private List<Signal> eval(CloudTrailEvent e) {
        List<Signal> out = new ArrayList<>();
        rules.evaluate(e, e.principal, out::add);
        return out;
    }

    @Test
    void dryRunProbesFireWhetherAllowedOrDenied() {
        assertThat(eval(TestEvents.dryRun(T0, "a", "Client.DryRunOperation")))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.detectionId).isEqualTo(Detections.DRYRUN_PROBE.id);
                            assertThat(s.category).isEqualTo(3);
                            assertThat(s.summary).contains("DryRun allowed", "p3.2xlarge");
                            assertThat(s.accessKeyId).isEqualTo("AKIASTOLEN");
                        });
        assertThat(eval(TestEvents.dryRun(T0, "b", "Client.UnauthorizedOperation")))
                .extracting(s -> s.detectionId)
                .containsExactly(Detections.DRYRUN_PROBE.id);
    }

    @Test
    void otherEc2ErrorsAndSuccessfulLaunchesAreNotProbes() {
        assertThat(eval(TestEvents.dryRun(T0, "c", "Client.InsufficientInstanceCapacity")))
                .isEmpty();
        assertThat(eval(TestEvents.dryRun(T0, "d", null))).isEmpty();
    }

    @Test
    void terminationProtectionFiresOnModifyAndOnLaunch() {
        assertThat(eval(TestEvents.protect(T0, "e", "i-1")))
                .singleElement()
                .satisfies(s -> assertThat(s.resources).containsExactly("i-1"));
        CloudTrailEvent launch = TestEvents.event("ec2", "RunInstances", T0, "f");
        launch.facts.disableApiTermination = true;
        launch.facts.instanceIds = new String[] {"i-2", "i-3"};
        assertThat(eval(launch))
                .extracting(s -> s.detectionId)
                .containsExactly(Detections.TERMINATION_PROTECTION.id);
    }

    @Test
    void terminationProtectionOffOrFailedDoesNotFire() {
        CloudTrailEvent off = TestEvents.protect(T0, "g", "i-1");
        off.facts.disableApiTermination = false;
        assertThat(eval(off)).isEmpty();
        CloudTrailEvent denied = TestEvents.protect(T0, "h", "i-1");
        denied.errorCode = "Client.UnauthorizedOperation";
        assertThat(eval(denied))
                .extracting(s -> s.detectionId)
                .containsExactly(Detections.DRYRUN_PROBE.id);
    }

    @Test
    void largeAutoScalingGroupsFireAtTheThreshold() {
        assertThat(eval(TestEvents.asg(T0, "i", 20, 20, 999)))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.detectionId)
                                    .isEqualTo(Detections.LARGE_AUTOSCALING_GROUP.id);
                            assertThat(s.resources).containsExactly("asg-i");
                        });
        assertThat(eval(TestEvents.asg(T0, "j", 1, 2, 20))).hasSize(1);
        assertThat(eval(TestEvents.asg(T0, "k", 1, 2, 19))).isEmpty();
    }
}
