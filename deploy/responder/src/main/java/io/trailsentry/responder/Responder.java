package io.trailsentry.responder;

import io.trailsentry.responder.Actions.Def;
import io.trailsentry.responder.Actions.StepContext;
import io.trailsentry.responder.Actions.StepRefused;
import java.time.Clock;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Decides by policy and executes a finding's plan in order. Each step is checked (enabled, target
 * tied to the principal by the finding, not yet done), claimed in the ledger, run, and audited; a
 * failing step does not stop the steps after it.
 */
public final class Responder {
    private final ResponderConfig config;
    private final AwsClients aws;
    private final Ledger ledger;
    private final Audit audit;
    private final Clock clock;

    public Responder(
            ResponderConfig config, AwsClients aws, Ledger ledger, Audit audit, Clock clock) {
        this.config = config;
        this.aws = aws;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /** What happened to one finding. */
    public static final class Result {
        public int executed;
        public int skipped;
        public int failed;
    }

    public Result respond(FindingOrder f) {
        Result r = new Result();
        String declined = declined(f);
        if (declined != null) {
            audit.finding(f, config.dryRun, "declined", declined);
            r.skipped = f.plan.size();
            return r;
        }
        for (FindingOrder.Step s : f.plan) {
            runStep(f, s, r);
        }
        return r;
    }

    /** Why the whole finding is left alone, or null. */
    private String declined(FindingOrder f) {
        if (f.neverAct || config.isNeverAct(f.principalArn)) {
            return "never-act principal";
        }
        if (f.suppressed) {
            return "suppressed by the detector's policy";
        }
        if (f.severityId < config.minSeverity) {
            return "severity " + f.severityId + " below the minimum " + config.minSeverity;
        }
        if (!config.accounts.isEmpty() && !config.accounts.contains(f.accountId)) {
            return "account " + f.accountId + " is not one this responder acts in";
        }
        if (!f.principalArn.contains(":" + f.accountId + ":")) {
            return "principal "
                    + f.principalArn
                    + " is not in the finding's account "
                    + f.accountId;
        }
        return null;
    }

    private void runStep(FindingOrder f, FindingOrder.Step s, Result r) {
        Def def = Actions.get(s.action);
        String skip = skipReason(f, s, def);
        if (skip != null) {
            audit.step(f, s, config.dryRun, skip, null, null);
            r.skipped++;
            return;
        }
        String key = f.uid + "|" + s.key();
        try {
            if (!config.dryRun && !ledger.claim(key)) {
                audit.step(f, s, false, "already-done", null, null);
                r.skipped++;
                return;
            }
        } catch (RuntimeException e) {
            audit.step(f, s, false, "failed", null, "ledger: " + e);
            r.failed++;
            return;
        }
        Calls calls = new Calls(config.dryRun);
        try {
            String outcome = def.action.run(f, s, new StepContext(aws, calls, clock.millis()));
            if (!config.dryRun) {
                ledger.done(key);
            }
            audit.step(
                    f, s, config.dryRun, config.dryRun ? "dry-run" : outcome, calls.made(), null);
            r.executed++;
        } catch (StepRefused e) {
            if (!config.dryRun) {
                ledger.done(key);
            }
            audit.step(f, s, config.dryRun, "refused", calls.made(), e.getMessage());
            r.skipped++;
        } catch (RuntimeException e) {
            if (!config.dryRun) {
                ledger.failed(key);
            }
            audit.step(f, s, config.dryRun, "failed", calls.made(), reason(e));
            r.failed++;
        }
    }

    /** The service's error code and message when AWS answered, else the exception. */
    static String reason(RuntimeException e) {
        if (e instanceof AwsServiceException
                && ((AwsServiceException) e).awsErrorDetails() != null) {
            AwsErrorDetails d = ((AwsServiceException) e).awsErrorDetails();
            return d.serviceName() + " " + d.errorCode() + ": " + d.errorMessage();
        }
        return e.toString();
    }

    /** Why a single step is not run, or null. */
    private String skipReason(FindingOrder f, FindingOrder.Step s, Def def) {
        if (def == null) {
            return "unsupported-action";
        }
        if (config.disabledActions.contains(s.action)) {
            return "disabled";
        }
        switch (def.tie) {
            case ADVISORY:
                return "advisory";
            case ACCESS_KEY:
                return f.accessKeyIds.contains(s.target) ? null : "not-in-evidence";
            case PRINCIPAL:
                return f.principalArn.equals(s.target) ? null : "not-in-evidence";
            case RESOURCE:
                return f.hasResource(def.cfnType, s.target, s.region) ? null : "not-in-evidence";
            default:
                throw new IllegalStateException(def.tie.toString());
        }
    }
}
