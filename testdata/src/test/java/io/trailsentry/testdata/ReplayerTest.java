package io.trailsentry.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailsentry.testdata.replay.Replayer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** A replay that cannot succeed stops at once, with the SDK's reason. */
class ReplayerTest {
    @Test
    void missingCredentialsStopTheReplayWithoutRetrying() {
        // the real client; only its credentials are missing, as on a machine without AWS setup
        KinesisClient kinesis =
                KinesisClient.builder()
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .region(Region.EU_WEST_1)
                        .credentialsProvider(
                                () -> {
                                    throw SdkClientException.create(
                                            "Unable to load credentials from any of the providers");
                                })
                        .build();
        Replayer replayer = new Replayer(kinesis, "cloudtrail", 0, 8);
        assertThatThrownBy(
                        () ->
                                replayer.replay(
                                        List.of(
                                                new Envelopes.Payload(
                                                        "a.json",
                                                        "{}".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("Unable to load credentials");
        assertThat(replayer.retried()).as("no retry").isZero();
        kinesis.close();
    }
}
