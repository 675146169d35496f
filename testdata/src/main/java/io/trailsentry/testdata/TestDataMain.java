package io.trailsentry.testdata;

import io.trailsentry.testdata.eval.EvaluationMain;
import io.trailsentry.testdata.replay.ReplayMain;
import java.util.Arrays;

/** One entry point for the test-data tools: generate, evaluate, replay. */
public final class TestDataMain {
    private TestDataMain() {}

    public static void main(String[] args) throws Exception {
        String cmd = args.length == 0 ? "--help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (cmd) {
            case "generate":
                GeneratorMain.main(rest);
                break;
            case "evaluate":
                EvaluationMain.main(rest);
                break;
            case "replay":
                ReplayMain.main(rest);
                break;
            case "bench-state":
                io.trailsentry.testdata.bench.StateBenchmark.main(rest);
                break;
            case "fuzz":
                io.trailsentry.testdata.fuzz.FuzzMain.main(rest);
                break;
            case "bench-windows":
                io.trailsentry.testdata.bench.WindowAucBenchmark.main(rest);
                break;
            case "bench-pipeline":
                io.trailsentry.testdata.bench.PipelineBenchmark.main(rest);
                break;
            case "bench-latency":
                io.trailsentry.testdata.bench.LatencyBenchmark.main(rest);
                break;
            case "bench-checkpoint":
                io.trailsentry.testdata.bench.CheckpointBenchmark.main(rest);
                break;
            case "bench-scorer":
                io.trailsentry.testdata.bench.ScorerBenchmark.main(rest);
                break;
            default:
                System.out.println(
                        "TrailSentry test-data tools\n\n"
                                + "  generate --help   synthesise labelled CloudTrail corpora\n"
                                + "  evaluate --help   run the job on a labelled corpus: detection, time to detect, false positives\n"
                                + "  replay --help     push a corpus into a Kinesis stream in a chosen envelope\n"
                                + "  bench-scorer      the isolation forest against Random Cut Forest on ADBench\n"
                                + "  bench-windows C   attack vs benign feature windows of a labelled corpus, both scorers\n"
                                + "  fuzz              the decoder against a million mutated real-shape inputs\n"
                                + "  bench-state [D]   serialised state per principal after D days (default 30)\n"
                                + "  bench-pipeline    whole-job vs decode-only throughput on 5M generated records, p1 and p2\n"
                                + "  bench-latency     read-to-finding latency at a fixed input rate (--rate N)\n"
                                + "  bench-checkpoint  checkpoint size and duration for 100k principals, heap and RocksDB\n");
                break;
        }
    }
}
