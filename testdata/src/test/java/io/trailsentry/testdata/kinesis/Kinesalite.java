package io.trailsentry.testdata.kinesis;

import io.trailsentry.testdata.replay.ReplayMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A real Kinesis (kinesalite, from the repository's package.json) on loopback at a free port,
 * behind the launcher's StreamARN-rewriting proxy. Fails loudly when Node.js or kinesalite is
 * missing: the tests never skip silently.
 */
public final class Kinesalite implements AutoCloseable {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";

    final Process process;
    public final String endpoint;
    final KinesisClient client;

    public Kinesalite() throws IOException {
        this(Map.of());
    }

    /** With extra environment for the launcher (e.g. {@code KINESALITE_SLOW_SHARD}). */
    public Kinesalite(Map<String, String> environment) throws IOException {
        System.setProperty("aws.cborEnabled", "false");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.region", REGION);
        Path launcher = Path.of("kinesis/launcher.js").toAbsolutePath();
        if (!Files.exists(
                launcher.getParent().getParent().getParent().resolve("node_modules/kinesalite"))) {
            throw new IllegalStateException(
                    "kinesalite is not installed: run 'npm ci' in the repository root (.ci/run does)");
        }
        try {
            ProcessBuilder pb =
                    new ProcessBuilder("node", launcher.toString()).redirectErrorStream(true);
            pb.environment().putAll(environment);
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Node.js is required for the Kinesis integration tests (node on the PATH)", e);
        }
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException("kinesalite did not start: " + line);
        }
        endpoint = "http://127.0.0.1:" + line.substring(6).trim();
        client = ReplayMain.client(arn("probe"), REGION, endpoint);
    }

    static String arn(String stream) {
        return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + stream;
    }

    public void createStream(String name, int shards) throws InterruptedException {
        client.createStream(b -> b.streamName(name).shardCount(shards));
        for (int i = 0; i < 100; i++) {
            if (client.describeStream(b -> b.streamName(name)).streamDescription().streamStatus()
                    == StreamStatus.ACTIVE) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("stream " + name + " never became active");
    }

    @Override
    public void close() throws Exception {
        client.close();
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
