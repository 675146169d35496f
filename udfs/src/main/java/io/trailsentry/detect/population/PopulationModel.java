package io.trailsentry.detect.population;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.RulePolicy;
import io.trailsentry.detect.Severity;
import io.trailsentry.detect.Signal;
import io.trailsentry.profile.HourSummary;
import io.trailsentry.profile.ProfileLearner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cold start: a principal whose baseline is immature is judged against its population, the
 * principals of its account (or, while the account has too few mature ones, of the organisation).
 * Pure logic; {@code flink.PopulationFunction} keeps the state and calls it in event-time order.
 *
 * <p>It learns from hour summaries ({@link HourSummary}): each closed hour goes into its account's
 * and the organisation's histograms of services, APIs, errors and sources per hour (by principal
 * kind); a mature principal's unremarkable hour (no counted MEDIUM+ signal: an attacker's hour
 * teaches nothing) goes into the mature histograms and records its action classes by day and its
 * compute. From that it does two things:
 *
 * <ul>
 *   <li><b>TS-AN-002</b>: an immature principal's hour (a probe while it runs, or closed) far
 *       beyond its population on two or more counts (each at least its floor and {@code
 *       outlierGrowth} times the population's 99th percentile) is MEDIUM, on three or more HIGH.
 *       With no population yet (the first hour of a deployment), three counts at twice their
 *       floors.
 *   <li><b>Judges held signals</b> (the rules' cold-start questions, {@link Signal#population}): is
 *       this action class routine for the account's mature principals (routine, one step lower) or
 *       new for them too (unchanged); does this compute exceed {@code computeScaleGrowth} times the
 *       population's largest hour (HIGH) or not (evidence); is every account a share names one that
 *       delivers CloudTrail to this stream (the organisation's own: evidence). With no mature
 *       population either, a novelty question has no reference: evidence, and scale counts only
 *       when blatant ({@code computeScaleGrowth} times the large-scale thresholds).
 * </ul>
 */
public final class PopulationModel implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Detection DETECTION =
            Detection.id("TS-AN-002")
                    .title("Principal far beyond its population")
                    .category(Category.NEW_OR_RARE)
                    .severity(Severity.MEDIUM)
                    .technique("T1078.004", "Valid Accounts: Cloud Accounts")
                    .tactic("Initial Access")
                    .matches(
                            "an immature principal's hour with 2+ of distinct services, APIs,"
                                    + " errors and sources each at least its floor"
                                    + " (`outlierServices`, `outlierApis`, `outlierErrors`,"
                                    + " `outlierSources`) and `outlierGrowth` x the 99th percentile"
                                    + " of its account's (else the organisation's) mature"
                                    + " principals of its kind; HIGH for 3+")
                    .firstCheck(
                            "A new or barely known identity is doing far more than its peers:"
                                    + " confirm who owns it and whether its keys are where they"
                                    + " should be.")
                    .build();

    /** Looks up what the population knows about another account. */
    public interface Accounts {
        /**
         * Whether {@code account} delivers CloudTrail to this stream (one of the organisation's).
         */
        boolean delivers(String account);
    }

    private static final String[] NAMES = {"services", "APIs", "errors", "sources"};

    private final RulePolicy policy;

    public PopulationModel(RulePolicy policy) {
        this.policy = policy;
    }

    /**
     * Judges {@code s} against {@code account} and {@code org} (an outlier signal, or null), then
     * learns it into both.
     */
    public Signal observe(HourSummary s, AccountPopulation account, AccountPopulation org) {
        Signal out = s.kind == HourSummary.FIRST || s.mature ? null : outlier(s, account, org);
        account.lastSeen = Math.max(account.lastSeen, s.eventTime);
        org.lastSeen = Math.max(org.lastSeen, s.eventTime);
        if (s.kind == HourSummary.CLOSED) {
            learn(account, s);
            learn(org, s);
        }
        return out;
    }

    private void learn(AccountPopulation p, HourSummary s) {
        int kind = kind(s);
        int[] dims = s.dimensions();
        AccountPopulation.add(p.all, p.allHours, kind, dims);
        if (!s.mature || s.flagged) {
            // habits are learned from mature principals' unremarkable hours only
            return;
        }
        AccountPopulation.add(p.mature, p.matureHours, kind, dims);
        p.addMaturePrincipal(s.principal == null ? 0 : s.principal.key.hashCode());
        long day = Math.floorDiv(s.hourStart, ProfileLearner.DAY_MS);
        for (String c : s.classes) {
            p.show(c, day);
        }
        if (day != p.peakDay) {
            double decay = p.peakDay == 0 ? 1 : Math.pow(0.5, (day - p.peakDay) / HALF_LIFE_DAYS);
            p.peakVcpus *= (float) decay;
            p.peakGpus *= (float) decay;
            p.peakDay = day;
        }
        p.peakVcpus = Math.max(p.peakVcpus, s.vcpus);
        p.peakGpus = Math.max(p.peakGpus, s.gpus);
    }

    private static final double HALF_LIFE_DAYS = 14;

    /** How many days back an action class of mature principals stays routine. */
    static final int ROUTINE_DAYS = 30;

    private Signal outlier(HourSummary s, AccountPopulation account, AccountPopulation org) {
        int kind = kind(s);
        int[] dims = s.dimensions();
        int[] floors = {
            policy.outlierServices, policy.outlierApis, policy.outlierErrors, policy.outlierSources
        };
        AccountPopulation ref = null;
        int[] hist = null;
        int[] hours = null;
        String against;
        if (account.matureHours[kind] >= policy.populationMinHours) {
            ref = account;
            hist = account.mature;
            hours = account.matureHours;
            against = "its account's mature " + KIND_NAMES[kind];
        } else if (org.matureHours[kind] >= policy.populationMinHours) {
            ref = org;
            hist = org.mature;
            hours = org.matureHours;
            against = "the organisation's mature " + KIND_NAMES[kind];
        } else if (org.allHours[kind] >= policy.populationMinHours) {
            ref = org;
            hist = org.all;
            hours = org.allHours;
            against = "the organisation's " + KIND_NAMES[kind] + " (no mature ones yet)";
        } else {
            against = null;
        }
        List<String> far = new ArrayList<>();
        for (int d = 0; d < AccountPopulation.DIMS; d++) {
            long bar;
            if (ref == null) {
                bar = 2L * floors[d];
            } else {
                int q = AccountPopulation.quantile(hist, hours, kind, d, 0.99);
                bar = Math.max(floors[d], (long) policy.outlierGrowth * Math.max(1, q));
            }
            if (dims[d] >= bar) {
                far.add(String.format(Locale.ROOT, "%d %s (bar %d)", dims[d], NAMES[d], bar));
            }
        }
        int needed = ref == null ? 3 : 2;
        if (far.size() < needed
                || !account.reportOnce((s.principal.key + "@" + s.hourStart).hashCode())) {
            return null;
        }
        Signal out =
                Signal.detection(
                        DETECTION,
                        s.principal,
                        "in one hour "
                                + String.join(", ", far)
                                + (against == null
                                        ? ", with no population to compare yet"
                                        : " against " + against)
                                + " (baseline still immature)");
        out.eventTime = s.eventTime;
        out.eventId = s.eventId != null ? s.eventId : "hour-" + s.hourStart;
        out.eventName = s.kind == HourSummary.PROBE ? "hour so far" : "closed hour";
        out.region = s.region;
        if (far.size() >= 3) {
            out.severity(Severity.HIGH);
        }
        return out;
    }

    private static final String[] KIND_NAMES = {"users", "roles", "principals"};

    static int kind(HourSummary s) {
        switch (s.principalKind()) {
            case "user":
                return 0;
            case "role":
                return 1;
            default:
                return 2;
        }
    }

    /** The account's population when mature, else the organisation's when mature, else null. */
    AccountPopulation matureReference(AccountPopulation account, AccountPopulation org) {
        if (account.maturePrincipals.length >= policy.populationMinPrincipals) {
            return account;
        }
        return org.maturePrincipals.length >= policy.populationMinPrincipals ? org : null;
    }

    /**
     * Answers {@code held}'s question ({@link Signal#population}) and returns it, released: its
     * severity and summary say what its population made of it.
     */
    public Signal judge(
            Signal held, AccountPopulation account, AccountPopulation org, Accounts known) {
        String q = held.population;
        held.population = null;
        if (q == null) {
            return held;
        }
        if (q.startsWith("share:")) {
            return judgeShare(held, q.substring(6), known);
        }
        AccountPopulation ref = matureReference(account, org);
        String whose = ref == account ? "its account's" : "the organisation's";
        if (q.startsWith("scale:")) {
            String[] n = q.split(":");
            return judgeScale(held, ref, whose, Long.parseLong(n[1]), Long.parseLong(n[2]));
        }
        long today = Math.floorDiv(held.eventTime, ProfileLearner.DAY_MS);
        if (ref == null) {
            held.asRoutine();
            held.summary += " (no baseline yet, neither the principal's nor its population's)";
        } else if (ref.routine(q, today, ROUTINE_DAYS)) {
            held.asRoutine();
            held.summary += " (routine for " + whose + " mature principals)";
        } else {
            held.summary += " (new for " + whose + " mature principals too)";
        }
        return held;
    }

    private Signal judgeScale(
            Signal held, AccountPopulation ref, String whose, long vcpus, long gpus) {
        int growth = policy.computeScaleGrowth;
        if (ref == null) {
            boolean blatant =
                    vcpus >= (long) growth * policy.largeScaleVcpus
                            || gpus >= (long) growth * policy.largeScaleGpus;
            if (!blatant) {
                held.severity(Severity.LOW).routine = true;
                held.summary += "; no population to compare yet, below the blatant scale";
            }
            return held;
        }
        boolean beyond =
                (vcpus >= policy.largeScaleVcpus && vcpus > growth * ref.peakVcpus)
                        || (gpus >= policy.largeScaleGpus && gpus > growth * ref.peakGpus);
        String peak =
                String.format(
                        Locale.ROOT,
                        "%s mature principals' largest hour: %,.0f vCPUs, %,.0f accelerators",
                        whose,
                        ref.peakVcpus,
                        ref.peakGpus);
        if (beyond) {
            held.severity(Severity.HIGH);
            held.summary += "; beyond " + peak;
        } else {
            held.severity(Severity.LOW).routine = true;
            held.summary += "; within reach of " + peak;
        }
        return held;
    }

    private static Signal judgeShare(Signal held, String accounts, Accounts known) {
        if (accounts.isEmpty()) {
            return held;
        }
        for (String a : accounts.split(",")) {
            if (!known.delivers(a)) {
                return held;
            }
        }
        held.severity(Severity.LOW).routine = true;
        held.summary +=
                " (" + accounts + " delivers CloudTrail to this stream: the organisation's own)";
        return held;
    }
}
