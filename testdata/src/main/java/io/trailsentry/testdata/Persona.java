package io.trailsentry.testdata;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A benign principal's habits: who it is, where it calls from, when it works, and its API mix.
 * Generates that principal's ordinary traffic for a span of days.
 */
public final class Persona {
    /** One entry of the API mix: how often, and how to make the call. */
    static final class Weighted {
        final double weight;
        final Function<Rng, ApiCall> call;

        Weighted(double weight, Function<Rng, ApiCall> call) {
            this.weight = weight;
            this.call = call;
        }
    }

    final String name;
    final Identity identity;
    final List<String> regions;
    final List<String> sourceIps;
    final List<String> userAgents;
    final int startHour;
    final int endHour;
    final boolean weekdaysOnly;
    double perActiveHour;
    final List<Weighted> mix = new ArrayList<>();
    private double totalWeight;

    Persona(
            String name,
            Identity identity,
            List<String> regions,
            List<String> sourceIps,
            List<String> userAgents,
            int startHour,
            int endHour,
            boolean weekdaysOnly,
            double perActiveHour) {
        this.name = name;
        this.identity = identity;
        this.regions = regions;
        this.sourceIps = sourceIps;
        this.userAgents = userAgents;
        this.startHour = startHour;
        this.endHour = endHour;
        this.weekdaysOnly = weekdaysOnly;
        this.perActiveHour = perActiveHour;
    }

    /** Multiplies the call rate (the generator's size knob). */
    void scale(double factor) {
        perActiveHour *= factor;
    }

    Persona call(double weight, Function<Rng, ApiCall> call) {
        mix.add(new Weighted(weight, call));
        totalWeight += weight;
        return this;
    }

    ApiCall pick(Rng rng) {
        double x = rng.nextDouble() * totalWeight;
        for (Weighted w : mix) {
            x -= w.weight;
            if (x <= 0) {
                return w.call.apply(rng);
            }
        }
        return mix.get(mix.size() - 1).call.apply(rng);
    }

    boolean activeOn(long dayStart) {
        DayOfWeek d = Instant.ofEpochMilli(dayStart).atZone(ZoneOffset.UTC).getDayOfWeek();
        return !weekdaysOnly || (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY);
    }

    /** Ordinary traffic from {@code from} for {@code days} days, stopping before {@code until}. */
    void generate(Corpus corpus, long from, int days, long until, Rng rng) {
        Identity who = identity;
        for (int d = 0; d < days; d++) {
            long dayStart = from + d * Times.DAY;
            if (!activeOn(dayStart)) {
                continue;
            }
            if ("AssumedRole".equals(who.type)) {
                who = identity.withSession(sessionName(rng), rng);
            }
            long sessionStart = dayStart + startHour * Times.HOUR;
            String ip = rng.pick(sourceIps);
            String ua = rng.pick(userAgents);
            for (int h = startHour; h < endHour; h++) {
                int n = rng.poisson(perActiveHour);
                for (int i = 0; i < n; i++) {
                    long t =
                            Times.wholeSeconds(
                                    dayStart + h * Times.HOUR + rng.nextLong(Times.HOUR));
                    if (t >= until) {
                        continue;
                    }
                    ApiCall call = pick(rng);
                    String region = rng.chance(0.85) ? regions.get(0) : rng.pick(regions);
                    corpus.add(
                            t,
                            RecordFactory.record(who, call, t, region, ip, ua, sessionStart, rng));
                }
            }
        }
        corpus.labels().benign(who.principalKey(), name, null);
    }

    private String sessionName(Rng rng) {
        return name + "-" + rng.hex(8);
    }
}
