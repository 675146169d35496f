package io.trailsentry.responder;

import io.trailsentry.responder.Actions.Def;
import io.trailsentry.responder.Actions.StepRefused;
import java.time.Clock;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Runs one step: checked against the evidence, claimed in the ledger under the invocation's lease,
 * carried out within the budget, finished or released, audited. Every path ends in exactly one
 * audit line and one outcome.
 */
final class StepRunner {
    private final ResponderConfig config;
    private final Ledger ledger;
    private final Audit audit;
    private final Clock clock;

    StepRunner(ResponderConfig config, Ledger ledger, Audit audit, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    void run(FindingOrder f, Step planned, AwsClients aws, Invocation inv, Outcomes out) {
        Def def = Actions.get(planned.action);
        String skip = Ties.skipReason(f, planned, def, config);
        if (skip != null) {
            record(f, planned, out, skip, Ties.explain(skip));
            return;
        }
        Step s = Ties.effective(f, planned, def);
        boolean live = !config.dryRun;
        String key = f.uid + "|" + s.key();
        int sentBefore = 0;
        try {
            inv.budget.checkTime();
            if (live) {
                Ledger.Claim claim = ledger.claim(key, inv.requestId, inv.budget.deadline());
                if (claim.kind == Ledger.Claim.Kind.FINISHED) {
                    record(f, s, out, "already-done", "earlier outcome: " + claim.status);
                    return;
                }
                if (claim.kind == Ledger.Claim.Kind.BUSY) {
                    out.busy = true;
                    record(f, s, out, "in-progress", "claimed by a live invocation; retried later");
                    return;
                }
                sentBefore = claim.sent;
            }
        } catch (Budget.Deferred e) {
            out.deferred = true;
            record(f, s, out, "deferred", e.getMessage());
            return;
        } catch (RuntimeException e) {
            out.failed++;
            record(f, s, out, "failed", "ledger: " + Responder.reason(e));
            return;
        }
        inv.budget.startStep(sentBefore);
        Calls calls = new Calls(config.dryRun, inv.budget);
        StepContext ctx =
                new StepContext(aws, calls, clock.millis(), config.limits.sessionDenyHours);
        String outcome;
        String detail = null;
        boolean finished = true;
        try {
            String result = def.action.run(f, s, ctx);
            outcome = config.dryRun && result.equals("done") ? "dry-run" : result;
        } catch (StepRefused e) {
            outcome = e.outcome;
            detail = e.getMessage();
        } catch (Budget.Capped e) {
            outcome = "capped";
            detail = e.getMessage() + "; a person decides the rest";
        } catch (Budget.Deferred e) {
            out.deferred = true;
            finished = false;
            outcome = "deferred";
            detail = e.getMessage() + "; the rest runs on redelivery";
        } catch (RuntimeException e) {
            finished = false;
            if (e instanceof AwsServiceException
                    && ((AwsServiceException) e).isThrottlingException()) {
                out.deferred = true;
                outcome = "throttled";
            } else {
                out.failed++;
                outcome = "failed";
            }
            detail = Responder.reason(e);
        }
        if (live) {
            try {
                if (finished) {
                    ledger.finish(key, outcome, inv.budget.stepSent());
                } else {
                    ledger.release(key, inv.budget.stepSent());
                }
            } catch (RuntimeException e) {
                out.failed++;
                detail = (detail == null ? "" : detail + "; ") + "ledger: " + Responder.reason(e);
            }
        }
        audit.step(f, s, config.dryRun, outcome, calls.made(), detail);
        out.add(s, outcome, detail, calls.made().size());
    }

    private void record(FindingOrder f, Step s, Outcomes out, String outcome, String detail) {
        audit.step(f, s, config.dryRun, outcome, null, detail);
        out.add(s, outcome, detail, 0);
    }

    /** One Lambda invocation: its request id (the lease owner) and its budget. */
    static final class Invocation {
        final String requestId;
        final Budget budget;

        Invocation(String requestId, Budget budget) {
            this.requestId = requestId;
            this.budget = budget;
        }
    }
}
