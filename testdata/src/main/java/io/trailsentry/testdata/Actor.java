package io.trailsentry.testdata;

/** Plays a script of calls as one identity from one place, advancing its own clock. */
final class Actor {
    final Identity who;
    final String sourceIp;
    final String userAgent;
    final String region;
    final Corpus corpus;
    final Rng rng;
    final long sessionStart;
    long now;

    Actor(
            Identity who,
            String sourceIp,
            String userAgent,
            String region,
            long start,
            Corpus corpus,
            Rng rng) {
        this.who = who;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.region = region;
        this.corpus = corpus;
        this.rng = rng;
        this.sessionStart = Times.wholeSeconds(start);
        this.now = sessionStart;
    }

    /** Emits {@code call} at the current time; returns that time. */
    long call(ApiCall call) {
        corpus.add(
                now,
                RecordFactory.record(
                        who, call, now, region, sourceIp, userAgent, sessionStart, rng));
        return now;
    }

    /** Waits between {@code minMs} and {@code maxMs}, then emits {@code call}. */
    long after(long minMs, long maxMs, ApiCall call) {
        now = Times.wholeSeconds(now + minMs + (maxMs > minMs ? rng.nextLong(maxMs - minMs) : 0));
        return call(call);
    }

    void waitMs(long ms) {
        now += ms;
    }
}
