package io.trailsentry.responder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A ledger for one process: enough for tests and for dry-run, where nothing mutates. Deployed
 * responders use {@link DynamoDbLedger}, which outlives the container.
 */
public final class InMemoryLedger implements Ledger {
    private final Map<String, String> state = new ConcurrentHashMap<>();

    @Override
    public boolean claim(String key) {
        String before = state.putIfAbsent(key, "claimed");
        if (before == null) {
            return true;
        }
        return "failed".equals(before) && state.replace(key, "failed", "claimed");
    }

    @Override
    public void done(String key) {
        state.put(key, "done");
    }

    @Override
    public void failed(String key) {
        state.put(key, "failed");
    }
}
