package io.trailsentry.responder;

import java.time.Clock;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Decides by policy and executes a finding's plan in order, in the finding's account. Each step is
 * checked, claimed, run and audited by the {@link StepRunner}; a failing step does not stop the
 * steps after it; a cap on the finding stops the rest with "capped"; the invocation running out of
 * time or budget, or AWS throttling, leaves the rest to redelivery ("deferred").
 */
public final class Responder {
    private final ResponderConfig config;
    private final AccountClients accounts;
    private final Ledger ledger;
    private final Audit audit;
    private final StepRunner steps;
    private final Notifier notifier;

    Responder(
            ResponderConfig config,
            AccountClients accounts,
            Ledger ledger,
            Audit audit,
            Notifier notifier,
            Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.ledger = ledger;
        this.audit = audit;
        this.notifier = notifier;
        this.steps = new StepRunner(config, ledger, audit, clock);
    }

    Outcomes respond(FindingOrder f, StepRunner.Invocation inv) {
        Outcomes out = new Outcomes();
        out.declined = declined(f);
        if (out.declined != null) {
            audit.finding(f, config.dryRun, "declined", out.declined);
        } else {
            runPlan(f, inv, out);
        }
        notifier.tell(f, out);
        return out;
    }

    private void runPlan(FindingOrder f, StepRunner.Invocation inv, Outcomes out) {
        AwsClients aws;
        int spentBefore;
        try {
            aws = accounts.forAccount(f.accountId);
            spentBefore = config.dryRun ? 0 : ledger.spent(f.uid);
        } catch (RuntimeException e) {
            out.failed++;
            audit.finding(f, config.dryRun, "failed", reason(e));
            return;
        }
        inv.budget.startFinding(spentBefore);
        for (Step s : f.plan) {
            if (out.deferred) {
                audit.step(f, s, config.dryRun, "deferred", null, "left to redelivery");
                out.add(s, "deferred", null, 0);
            } else if (!inv.budget.findingOpen()) {
                String why =
                        "finding cap of " + config.limits.perFinding + " mutating calls reached";
                audit.step(f, s, config.dryRun, "capped", null, why);
                out.add(s, "capped", why, 0);
            } else {
                steps.run(f, s, aws, inv, out);
            }
        }
        if (!config.dryRun && inv.budget.findingSpent() != spentBefore) {
            try {
                ledger.spend(f.uid, inv.budget.findingSpent());
            } catch (RuntimeException e) {
                out.failed++;
                audit.finding(f, false, "failed", "ledger: " + reason(e));
            }
        }
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
        if (config.ownAccount != null
                && !config.ownAccount.equals(f.accountId)
                && config.memberRoleName == null) {
            return "account " + f.accountId + " is not the responder's and no member role is set";
        }
        if (!f.principalArn.contains(":" + f.accountId + ":")) {
            return "principal "
                    + f.principalArn
                    + " is not in the finding's account "
                    + f.accountId;
        }
        return null;
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
}
