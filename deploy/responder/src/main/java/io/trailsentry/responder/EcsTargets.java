package io.trailsentry.responder;

import io.trailsentry.responder.Actions.StepRefused;

/**
 * A step's ECS target read from its target and its explicit {@code cluster} and {@code service}
 * fields: they must agree, an ARN must name the step's region and the finding's account, and a
 * cluster must be known. Anything else is refused before a call.
 */
final class EcsTargets {
    private EcsTargets() {}

    static EcsIds.Ref cluster(FindingOrder f, Step s, StepContext c) {
        EcsIds.Ref r = parse(() -> EcsIds.cluster(s.target), s);
        placed(f, s, c, r);
        agree("cluster", explicitCluster(s), r.name, s);
        return r;
    }

    static EcsIds.Ref service(FindingOrder f, Step s, StepContext c) {
        EcsIds.Ref r = parse(() -> EcsIds.service(s.target), s);
        placed(f, s, c, r);
        String cluster = agree("cluster", explicitCluster(s), r.cluster, s);
        String service = agree("service", s.service, r.name, s);
        return new EcsIds.Ref(
                r.region, r.account, ServiceActions.requireCluster(cluster, s), service);
    }

    static EcsIds.Ref task(FindingOrder f, Step s, StepContext c) {
        EcsIds.Ref r = parse(() -> EcsIds.task(s.target), s);
        placed(f, s, c, r);
        String cluster = agree("cluster", explicitCluster(s), r.cluster, s);
        return new EcsIds.Ref(
                r.region, r.account, ServiceActions.requireCluster(cluster, s), r.name);
    }

    static String taskDefinition(FindingOrder f, Step s, StepContext c) {
        EcsIds.Ref r = parse(() -> EcsIds.taskDefinition(s.target), s);
        placed(f, s, c, r);
        if (!r.name.matches("[A-Za-z0-9_-]{1,255}:[1-9][0-9]{0,9}")) {
            throw new StepRefused("task definition must be family:revision: " + s.target);
        }
        return r.name;
    }

    /** The step's cluster field as a name (the detector writes names; an ARN is reduced). */
    private static String explicitCluster(Step s) {
        return s.cluster == null ? null : parse(() -> EcsIds.cluster(s.cluster), s).name;
    }

    private static EcsIds.Ref parse(java.util.function.Supplier<EcsIds.Ref> p, Step s) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new StepRefused(e.getMessage());
        }
    }

    /** An ARN's region and account must be the step's and the finding's. */
    private static void placed(FindingOrder f, Step s, StepContext c, EcsIds.Ref r) {
        if (r.region != null && !r.region.equals(c.region(s))) {
            throw new StepRefused("ARN region " + r.region + " is not the step's " + c.region(s));
        }
        if (r.account != null && !r.account.equals(f.accountId)) {
            throw new StepRefused(
                    "ARN account " + r.account + " is not the finding's " + f.accountId);
        }
    }

    /** The explicit field and the parsed value must agree when both are given. */
    private static String agree(String what, String explicit, String parsed, Step s) {
        if (explicit != null && parsed != null && !explicit.equals(parsed)) {
            throw new StepRefused(
                    what + " '" + explicit + "' disagrees with the target " + s.target);
        }
        return explicit != null ? explicit : parsed;
    }
}
