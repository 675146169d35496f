package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import java.util.regex.Pattern;

/**
 * TS-CW-003: miner software, flags, pool addresses or wallets in what a workload would run: ECS
 * task definitions and task overrides, Batch job definitions and submissions, SageMaker jobs
 * (images, commands, arguments, environment values), whatever the image is called. Instance user
 * data cannot be inspected: CloudTrail records it as removed.
 */
public final class MinerMarkers extends Rule {
    static final Pattern MINER =
            Pattern.compile(
                    "xmrig|xmr-|monero|stratum\\+(tcp|ssl|tls)|minerd|cpuminer|nicehash|nanopool|2miners|ethminer|"
                            + "cryptonight|randomx|hashvault|c3pool|supportxmr|moneroocean|unmineable|lolminer|nbminer|t-rex|phoenixminer"
                            // miner binaries and their flags
                            + "|gminer|teamredminer|srbminer|xmr-stak|ccminer|bminer|nanominer|--donate-level"
                            + "|--algo[= ](rx/0|kawpow|ethash|etchash|autolykos2?|randomx|cn/)|\\s-a\\s+rx/0"
                            // a pool host on a usual mining port; a Monero wallet (95 base58)
                            + "|pool[a-z0-9.-]*\\.[a-z]{2,}:(3333|4444|5555|7777|13333|14433|14444|45700|10128|20128)\\b"
                            + "|\\b4[0-9ab][1-9a-z]{93}\\b");

    /** The calls that define or start what a container, job or function runs. */
    static final java.util.Set<String> WORKLOADS =
            java.util.Set.of(
                    "RegisterTaskDefinition",
                    "RunTask",
                    "StartTask",
                    "CreateService",
                    "UpdateService",
                    "RegisterJobDefinition",
                    "SubmitJob",
                    "CreateTrainingJob",
                    "CreateProcessingJob",
                    "CreateTransformJob",
                    "CreateHyperParameterTuningJob",
                    "CreateModel",
                    "CreateNotebookInstanceLifecycleConfig");

    public static final Detection DETECTION =
            Detection.id("TS-CW-003")
                    .title("Crypto-miner markers in a workload")
                    .category(Category.CONTAINER_WORKLOAD)
                    .severity(Severity.HIGH)
                    .technique("T1496.001", "Resource Hijacking: Compute Hijacking")
                    .tactic("Impact")
                    .matches(
                            "miner software, flags, pools or wallets (xmrig, --donate-level,"
                                    + " stratum+tcp, pool host:port, Monero addresses, ...) in task"
                                    + " or job definitions, task overrides, Batch and SageMaker"
                                    + " jobs")
                    .firstCheck(
                            "Miner images and pool addresses in a task definition: scale its"
                                    + " services to zero and deregister it now.")
                    .build();

    MinerMarkers() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (c.event.failed()
                || c.event.facts == null
                || !WORKLOADS.contains(c.event.eventName)
                || (c.event.facts.containerCommands == null && c.event.facts.images == null)) {
            return;
        }
        String all = c.containerText();
        if (all.isBlank() || !MINER.matcher(all).find()) {
            return;
        }
        if (c.taskDefinitionRegistered()) {
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
        } else {
            c.emit(
                    DETECTION,
                    c.event.eventName
                            + " runs miner software or pools: "
                            + RuleContext.excerpt(all)
                            + c.where());
        }
    }
}
