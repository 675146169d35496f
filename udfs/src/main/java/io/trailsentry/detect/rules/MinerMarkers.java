package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import java.util.regex.Pattern;

/** TS-CW-003: miner software or pool addresses in a task definition's images or commands. */
public final class MinerMarkers extends Rule {
    static final Pattern MINER =
            Pattern.compile(
                    "xmrig|xmr-|monero|stratum\\+(tcp|ssl)|minerd|cpuminer|nicehash|nanopool|2miners|ethminer|"
                            + "cryptonight|randomx|hashvault|c3pool|supportxmr|moneroocean|unmineable|lolminer|nbminer|t-rex|phoenixminer");

    public static final Detection DETECTION =
            Detection.id("TS-CW-003")
                    .title("Crypto-miner markers in a task definition")
                    .category(Category.CONTAINER_WORKLOAD)
                    .severity(Severity.HIGH)
                    .technique("T1496.001", "Resource Hijacking: Compute Hijacking")
                    .tactic("Impact")
                    .matches("miner software or pool markers (xmrig, stratum+tcp, monero, ...)")
                    .firstCheck(
                            "Miner images and pool addresses in a task definition: scale its"
                                    + " services to zero and deregister it now.")
                    .build();

    MinerMarkers() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (!c.taskDefinitionRegistered()) {
            return;
        }
        String all = c.containerText();
        if (MINER.matcher(all).find()) {
            String td = c.taskDefinition();
            c.emit(
                            DETECTION,
                            "task definition "
                                    + td
                                    + " names miner software or pools: "
                                    + RuleContext.excerpt(all)
                                    + c.taskSize(),
                            td)
                    .on(ResourceType.TASK_DEFINITION);
        }
    }
}
