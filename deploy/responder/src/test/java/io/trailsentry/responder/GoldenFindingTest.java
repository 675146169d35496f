package io.trailsentry.responder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The planner/responder contract: the golden findings the detector's own tests write to
 * testdata/contract ({@code golden-finding*.json}) are read here and run in dry-run, each against a
 * stand-in world holding what the finding lists, and every step must be an action the responder
 * knows and can carry out. Once the detector's tests produce golden findings, a missing file fails
 * this test; before that it runs on the responder's own example findings, so it never skips.
 */
class GoldenFindingTest {
    static final Path ROOT = Path.of("../..");
    static final Path DIR = Path.of(System.getProperty("golden.dir", "../../testdata/contract"));

    static List<Path> goldens() throws IOException {
        if (!Files.isDirectory(DIR)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.getFileName().toString().matches("golden-finding.*\\.json"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** True when a test of the detector writes golden findings: from then on they must exist. */
    static boolean detectorWritesThem() throws IOException {
        for (String dir : new String[] {"udfs/src/test", "job/src/test"}) {
            Path d = ROOT.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(d)) {
                for (Path p :
                        (Iterable<Path>)
                                files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                    if (Files.readString(p).contains("golden-finding")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The findings to run: the golden ones, or (before the detector writes any) the examples. */
    static Map<String, byte[]> findings() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Path p : goldens()) {
            out.put(p.toString(), Files.readAllBytes(p));
        }
        if (out.isEmpty()) {
            assertThat(detectorWritesThem())
                    .as(
                            "the detector's tests write golden findings, but none is in "
                                    + DIR.toAbsolutePath().normalize())
                    .isFalse();
            for (String r : new String[] {"campaign-finding.json", "shared-role-finding.json"}) {
                out.put(r, KinesisEvents.resource(r));
            }
        }
        return out;
    }

    @Test
    void everyContractFindingRunsInDryRunWithEveryActionKnownAndCarriedOut() throws Exception {
        Map<String, byte[]> findings = findings();
        assertThat(findings).isNotEmpty();
        for (Map.Entry<String, byte[]> e : findings.entrySet()) {
            FindingOrder f = FindingOrder.parse(e.getValue());
            for (Step s : f.plan) {
                assertThat(Actions.NAMES).as(e.getKey() + " step " + s.order).contains(s.action);
                if ("eradicate".equals(s.phase)
                        && Actions.get(s.action).tie == Actions.Tie.CREATED) {
                    assertThat(s.provenance)
                            .as(e.getKey() + " step " + s.order)
                            .isEqualTo("created");
                    assertThat(s.createdAt).as(e.getKey() + " step " + s.order).isNotNull();
                }
            }
            List<String> audit = new ArrayList<>();
            try (AwsStandIn aws = worldOf(f)) {
                assertThat(
                                Fixtures.handler(aws, Map.of(), audit)
                                        .handleRequest(KinesisEvents.of(e.getValue()), null)
                                        .getBatchItemFailures())
                        .as(e.getKey())
                        .isEmpty();
                assertThat(aws.mutations()).as(e.getKey() + ": dry-run mutates nothing").isEmpty();
            }
            List<JsonNode> lines = Fixtures.lines(audit);
            assertThat(lines).as(e.getKey()).hasSize(f.plan.size());
            for (JsonNode l : lines) {
                assertThat(l.get("outcome").asText())
                        .as(e.getKey() + " " + l)
                        .isIn("dry-run", "advisory");
            }
        }
    }

    /** A stand-in world in which everything the finding lists exists, created after its events. */
    static AwsStandIn worldOf(FindingOrder f) {
        AwsStandIn aws = new AwsStandIn();
        String owner =
                IdentityActions.isUser(f.principalArn) ? Actions.iamName(f.principalArn) : null;
        for (Evidence.Resource r : f.evidence.resources) {
            if (owner == null && r.created() && r.type.equals("AWS::IAM::User")) {
                owner = r.uid;
            }
        }
        for (Step s : f.plan) {
            if (s.action.equals("deactivate-access-key")) {
                aws.keyOwner(s.target, owner);
            }
        }
        Map<String, Boolean> clusters = new LinkedHashMap<>();
        for (Evidence.Resource r : f.evidence.resources) {
            switch (r.type) {
                case Actions.GROUP:
                    aws.group(r.uid, Map.of("i-0" + Integer.toHexString(r.uid.hashCode()), true));
                    break;
                case Actions.CLUSTER:
                    cluster(aws, clusters, EcsIds.cluster(r.uid).name);
                    break;
                case Actions.SERVICE:
                    EcsIds.Ref svc = EcsIds.service(r.uid);
                    cluster(aws, clusters, svc.cluster)
                            .service(svc.cluster, svc.name, StandInWorld.LATE, f.principalArn);
                    break;
                case Actions.TASK:
                    EcsIds.Ref task = EcsIds.task(r.uid);
                    cluster(aws, clusters, task.cluster)
                            .task(task.cluster, r.uid, StandInWorld.LATE, "family:golden");
                    break;
                case Actions.TEMPLATE:
                    int colon = r.uid.lastIndexOf(':');
                    if (colon > 0) {
                        aws.templateVersion(
                                r.uid.substring(0, colon),
                                r.uid.substring(colon + 1),
                                StandInWorld.LATE,
                                false);
                    }
                    break;
                default:
                    break;
            }
        }
        return aws;
    }

    private static AwsStandIn cluster(AwsStandIn aws, Map<String, Boolean> known, String name) {
        if (known.putIfAbsent(name, true) == null) {
            aws.cluster(name);
        }
        return aws;
    }
}
