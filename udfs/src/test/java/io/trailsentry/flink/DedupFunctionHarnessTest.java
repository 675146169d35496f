package io.trailsentry.flink;

import static io.trailsentry.detect.TestEvents.T0;
import static io.trailsentry.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DedupFunctionHarnessTest {
    @Test
    void dropsRedeliveredEventIdsWithinTheRememberedWindow() throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new DedupFunction(4, Duration.ofDays(1)),
                        (CloudTrailEvent e) -> e.principal.key,
                        Types.STRING);
        h.open();
        String[] ids = {"a", "b", "a", "c", "b", "d", "e", "f", "a"};
        for (int i = 0; i < ids.length; i++) {
            h.processElement(new StreamRecord<>(event("ec2", "X", T0 + i, ids[i]), T0 + i));
        }
        // capacity 4: "a" is forgotten after b,c,d,e arrive, so its third delivery passes
        assertThat(h.extractOutputValues())
                .extracting(e -> e.eventId)
                .containsExactly("a", "b", "c", "d", "e", "f", "a");
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.close();
    }
}
