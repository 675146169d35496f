package io.trailsentry.responder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutating AWS calls of one step, recorded for the audit line and sent only when not in
 * dry-run. Each call is first counted against the {@link Budget} (dry-run counts too). Reads
 * (describe, list) go straight to the client: dry-run plans against real state.
 */
public final class Calls {
    private final boolean dryRun;
    private final Budget budget;
    private final List<Map<String, Object>> made = new ArrayList<>();

    Calls(boolean dryRun, Budget budget) {
        this.dryRun = dryRun;
        this.budget = budget;
    }

    /**
     * Records {@code service.operation(params)} in {@code region} and, unless dry-run, runs it.
     * Parameters are the API's own names, so the audit line reads like the request.
     *
     * @throws Budget.Capped when a cap is reached (nothing sent)
     * @throws Budget.Deferred when the invocation must stop (nothing sent)
     */
    void mutate(
            String service,
            String operation,
            String region,
            Map<String, Object> params,
            Runnable call) {
        budget.beforeCall();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("service", service);
        c.put("operation", operation);
        if (region != null) {
            c.put("region", region);
        }
        c.put("params", params);
        made.add(c);
        if (!dryRun) {
            call.run();
        }
    }

    public List<Map<String, Object>> made() {
        return Collections.unmodifiableList(made);
    }

    /** Ordered parameters: {@code params("UserName", u, "Status", "Inactive")}. */
    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
