package io.trailsentry.finding;

import io.trailsentry.incident.Finding;
import io.trailsentry.incident.ResponseStep;
import io.trailsentry.util.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code remediation.desc}: the response plan in a few sentences, phase by phase, for people and
 * for consoles that show one remediation text. The ordered plan itself is in {@code
 * unmapped.trailsentry.response_plan}.
 */
final class Remediation {
    /** Bound of the summary; step descriptions carry resource names. */
    static final int MAX = 1_000;

    /** Steps quoted per phase before "and N more". */
    static final int QUOTED = 3;

    private static final String[][] PHASES = {
        {ResponseStep.CONTAIN, "Contain"},
        {ResponseStep.REVERSE, "Reverse"},
        {ResponseStep.ERADICATE, "Eradicate"}
    };

    private Remediation() {}

    static String summary(Finding f) {
        StringBuilder sb = new StringBuilder();
        if (f.suppressed) {
            sb.append("Suppressed by policy: no automatic response. ");
        } else if (f.neverAct) {
            sb.append("Never-act principal: responders only notify; people decide each step. ");
        }
        if (f.responsePlan.length == 0) {
            return sb.append("No response steps: review the evidence.").toString();
        }
        sb.append(f.responsePlan.length)
                .append(f.responsePlan.length == 1 ? " step" : " steps")
                .append(", in order (unmapped.trailsentry.response_plan).");
        for (String[] phase : PHASES) {
            List<String> steps = new ArrayList<>();
            for (ResponseStep s : f.responsePlan) {
                if (phase[0].equals(s.phase)) {
                    steps.add(s.description);
                }
            }
            if (steps.isEmpty()) {
                continue;
            }
            sb.append(' ').append(phase[1]).append(": ");
            sb.append(String.join("; ", steps.subList(0, Math.min(QUOTED, steps.size()))));
            if (steps.size() > QUOTED) {
                sb.append("; and ").append(steps.size() - QUOTED).append(" more");
            }
            sb.append('.');
        }
        return Text.printable(sb.toString(), MAX);
    }
}
