package io.trailsentry.responder;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A ledger for one process, with the same claim rules as {@link DynamoDbLedger}: enough for tests
 * and for dry-run, where nothing mutates. Deployed responders use DynamoDB, which outlives the
 * container.
 */
public final class InMemoryLedger implements Ledger {
    private final Map<String, String[]> state = new HashMap<>();
    private final Map<String, Integer> spent = new HashMap<>();
    private final Clock clock;

    public InMemoryLedger() {
        this(Clock.systemUTC());
    }

    public InMemoryLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Claim claim(String key, String owner, long leaseUntil) {
        String[] old = state.get(key); // status, owner, lease, sent
        int sent = old == null ? 0 : Integer.parseInt(old[3]);
        if (old != null && !"failed".equals(old[0])) {
            if (!"claimed".equals(old[0])) {
                return new Claim(Claim.Kind.FINISHED, old[0], sent);
            }
            boolean lapsed = Long.parseLong(old[2]) < clock.millis();
            if (!lapsed && !owner.equals(old[1])) {
                return new Claim(Claim.Kind.BUSY, old[0], sent);
            }
        }
        state.put(
                key,
                new String[] {"claimed", owner, Long.toString(leaseUntil), Integer.toString(sent)});
        return new Claim(Claim.Kind.ACQUIRED, old == null ? null : old[0], sent);
    }

    @Override
    public synchronized void finish(String key, String status, int sent) {
        state.put(key, new String[] {status, "", "0", Integer.toString(sent)});
    }

    @Override
    public synchronized void release(String key, int sent) {
        state.put(key, new String[] {"failed", "", "0", Integer.toString(sent)});
    }

    @Override
    public synchronized int spent(String findingUid) {
        return spent.getOrDefault(findingUid, 0);
    }

    @Override
    public synchronized void spend(String findingUid, int total) {
        spent.put(findingUid, total);
    }
}
