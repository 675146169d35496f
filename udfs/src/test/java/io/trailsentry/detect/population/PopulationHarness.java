package io.trailsentry.detect.population;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.rules.Rules;
import io.trailsentry.profile.BaselinePolicy;
import io.trailsentry.profile.Profile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-event rules and the population over events in time order, without Flink: what the
 * profiler and {@code flink.PopulationFunction} do (records handled in {@link
 * PopulationRecord#ORDER}, each seeing the population of the records before it).
 */
public final class PopulationHarness {
    private PopulationHarness() {}

    /** Every signal: the rules' own, the judged ones and the population's outliers. */
    public static List<Signal> run(
            List<CloudTrailEvent> events, RulePolicy rules, BaselinePolicy baseline) {
        Rules r = new Rules(rules, baseline);
        Map<String, Profile> profiles = new HashMap<>();
        List<Signal> out = new ArrayList<>();
        List<PopulationRecord> records = new ArrayList<>();
        for (CloudTrailEvent e : events) {
            r.observe(
                    profiles.computeIfAbsent(e.principal.key, k -> new Profile()),
                    e,
                    s -> {
                        if (s.population != null) {
                            records.add(PopulationRecord.held(s));
                        } else {
                            out.add(s);
                        }
                    },
                    null,
                    s -> records.add(PopulationRecord.of(s)));
        }
        out.addAll(judge(records, rules));
        return out;
    }

    /** The population's answers to {@code records}, as the operator gives them. */
    public static List<Signal> judge(List<PopulationRecord> records, RulePolicy rules) {
        List<PopulationRecord> due = new ArrayList<>(records);
        due.sort(PopulationRecord.ORDER);
        PopulationModel model = new PopulationModel(rules);
        Map<String, AccountPopulation> accounts = new HashMap<>();
        AccountPopulation org = AccountPopulation.of("*");
        List<Signal> out = new ArrayList<>();
        for (PopulationRecord rec : due) {
            if (rec.summary != null) {
                String id = rec.summary.account();
                Signal s =
                        model.observe(
                                rec.summary,
                                accounts.computeIfAbsent(id, AccountPopulation::of),
                                org);
                if (rec.summary.deliveredBy != null) {
                    accounts.computeIfAbsent(rec.summary.deliveredBy, AccountPopulation::of)
                                    .delivers =
                            true;
                }
                if (s != null) {
                    out.add(s);
                }
            } else {
                String id = rec.held.principal.accountId;
                out.add(
                        model.judge(
                                rec.held,
                                accounts.computeIfAbsent(id, AccountPopulation::of),
                                org,
                                a -> accounts.containsKey(a) && accounts.get(a).delivers));
            }
        }
        return out;
    }
}
