package io.trailsentry.responder;

import java.util.Map;
import java.util.function.Consumer;

/** What a step needs besides the finding: the account's clients, the call recorder, the time. */
public final class StepContext {
    public final AwsClients aws;
    public final Calls calls;
    public final long nowMillis;
    final int sessionDenyHours;

    StepContext(AwsClients aws, Calls calls, long nowMillis, int sessionDenyHours) {
        this.aws = aws;
        this.calls = calls;
        this.nowMillis = nowMillis;
        this.sessionDenyHours = sessionDenyHours;
    }

    /** The region a step acts in. */
    String region(Step s) {
        return aws.regionOf(s.region);
    }

    /**
     * A single mutating call in the step's region: recorded, sent unless dry-run; {@code call}
     * receives the region to pick its client.
     */
    String single(
            Step s,
            String service,
            String operation,
            Map<String, Object> params,
            Consumer<String> call) {
        String region = region(s);
        calls.mutate(service, operation, region, params, () -> call.accept(region));
        return "done";
    }
}
