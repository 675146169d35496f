package io.trailsentry.responder;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SDK v2 clients, one per service and region, built lazily and shared for the container's life (or,
 * for a member account's assumed-role credentials, for the invocation). Regional steps use the
 * step's region, or the Lambda's own region when the plan gives none. Every client retries with the
 * SDK's standard strategy: exponential backoff with jitter, longer for throttling errors
 * (Throttling, RequestLimitExceeded, TooManyRequestsException...).
 */
public final class AwsClients implements AutoCloseable {
    /** Attempts per call, the first included, before an error reaches the step. */
    static final int MAX_ATTEMPTS = 5;

    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final Region home;
    private final SdkHttpClient http;
    private final boolean ownsHttp;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    /**
     * @param endpoint override for every client (tests, VPC endpoints) or null
     * @param credentials a provider, or null for the SDK's default chain
     * @param home the region of steps that name none
     */
    public AwsClients(URI endpoint, AwsCredentialsProvider credentials, Region home) {
        this(endpoint, credentials, home, UrlConnectionHttpClient.create(), true);
    }

    private AwsClients(
            URI endpoint,
            AwsCredentialsProvider credentials,
            Region home,
            SdkHttpClient http,
            boolean ownsHttp) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.home = home;
        this.http = http;
        this.ownsHttp = ownsHttp;
    }

    /** Clients with other credentials (a member account's role), sharing the HTTP client. */
    AwsClients with(AwsCredentialsProvider other) {
        return new AwsClients(endpoint, other, home, http, false);
    }

    public StsClient sts() {
        return get("sts", home, r -> configure(StsClient.builder(), r).build());
    }

    public SnsClient sns(String region) {
        return get("sns", region(region), r -> configure(SnsClient.builder(), r).build());
    }

    public IamClient iam() {
        return get("iam", Region.AWS_GLOBAL, r -> configure(IamClient.builder(), r).build());
    }

    public Ec2Client ec2(String region) {
        return get("ec2", region(region), r -> configure(Ec2Client.builder(), r).build());
    }

    public AutoScalingClient autoScaling(String region) {
        return get(
                "autoscaling",
                region(region),
                r -> configure(AutoScalingClient.builder(), r).build());
    }

    public EcsClient ecs(String region) {
        return get("ecs", region(region), r -> configure(EcsClient.builder(), r).build());
    }

    public DynamoDbClient dynamoDb() {
        return get("dynamodb", home, r -> configure(DynamoDbClient.builder(), r).build());
    }

    /** The region a step acts in. */
    public String regionOf(String stepRegion) {
        return region(stepRegion).id();
    }

    private Region region(String region) {
        return region == null || region.isBlank() ? home : Region.of(region);
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C get(String service, Region region, Function<Region, C> build) {
        return (C) clients.computeIfAbsent(service + "@" + region.id(), k -> build.apply(region));
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
            B b, Region region) {
        b.region(region);
        b.httpClient(http);
        b.overrideConfiguration(
                o ->
                        o.retryStrategy(
                                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                        .maxAttempts(MAX_ATTEMPTS)
                                        .build()));
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        if (credentials != null) {
            b.credentialsProvider(credentials);
        }
        return b;
    }

    @Override
    public void close() {
        List<SdkClient> all = new ArrayList<>(clients.values());
        clients.clear();
        for (SdkClient c : all) {
            c.close();
        }
        if (ownsHttp) {
            http.close();
        }
    }
}
