package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.detect.Detections;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.profile.ActionClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Category 5: what an ECS task definition would run. */
final class ContainerRules {
    static final Pattern MINER =
            Pattern.compile(
                    "xmrig|xmr-|monero|stratum\\+(tcp|ssl)|minerd|cpuminer|nicehash|nanopool|2miners|ethminer|"
                            + "cryptonight|randomx|hashvault|c3pool|supportxmr|moneroocean|unmineable|lolminer|nbminer|t-rex|phoenixminer");
    static final Pattern SHELL = Pattern.compile("(^|[\\s/])(sh|bash|ash|dash)\\s+-c\\b");
    static final Pattern DOWNLOAD_PIPE =
            Pattern.compile("(curl|wget)[^|]*\\|\\s*(sh|bash)|base64\\s+-d");

    private ContainerRules() {}

    static void apply(RuleContext c) {
        CloudTrailEvent e = c.event;
        if (e.failed() || !"RegisterTaskDefinition".equals(e.eventName) || e.facts == null) {
            return;
        }
        RequestFacts f = e.facts;
        String td = f.taskDefinition == null ? "?" : f.taskDefinition;
        List<String> unapproved = new ArrayList<>();
        for (String image : f.images == null ? new String[0] : f.images) {
            if (!approved(c, e, image)) {
                unapproved.add(image);
            }
        }
        String commands =
                f.containerCommands == null ? "" : f.containerCommands.toLowerCase(Locale.ROOT);
        String all =
                (String.join(" ", f.images == null ? new String[0] : f.images) + " " + commands)
                        .toLowerCase(Locale.ROOT);
        String size =
                f.cpu > 0 || f.memory > 0 ? " (cpu " + f.cpu + ", memory " + f.memory + ")" : "";
        if (MINER.matcher(all).find()) {
            c.emit(
                            Detections.MINER_MARKERS,
                            "task definition "
                                    + td
                                    + " names miner software or pools: "
                                    + excerpt(all)
                                    + size,
                            td)
                    .on(ResourceType.TASK_DEFINITION);
        }
        if (SHELL.matcher(commands).find() && DOWNLOAD_PIPE.matcher(commands).find()) {
            c.emit(
                            Detections.SHELL_BOOTSTRAP,
                            "task definition " + td + " bootstraps with: " + excerpt(commands),
                            td)
                    .on(ResourceType.TASK_DEFINITION);
        }
        if (!unapproved.isEmpty()) {
            c.emitFor(
                            ActionClass.PUBLIC_IMAGE,
                            Detections.UNAPPROVED_IMAGE,
                            "task definition "
                                    + td
                                    + " uses "
                                    + String.join(", ", unapproved)
                                    + size,
                            td)
                    .on(ResourceType.TASK_DEFINITION);
        }
    }

    static boolean approved(RuleContext c, CloudTrailEvent e, String image) {
        String account =
                e.recipientAccountId != null ? e.recipientAccountId : e.principal.accountId;
        if (account != null && image.startsWith(account + ".dkr.ecr.")) {
            return true;
        }
        for (String prefix : c.policy.approvedRegistries) {
            if (image.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String excerpt(String s) {
        return s.length() <= 160 ? s : s.substring(0, 159) + "\u2026";
    }
}
