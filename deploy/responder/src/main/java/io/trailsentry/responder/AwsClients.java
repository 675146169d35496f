package io.trailsentry.responder;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
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

/**
 * SDK v2 clients, one per service and region, built lazily and shared for the container's life.
 * Regional steps use the step's region, or the Lambda's own region when the plan gives none.
 */
public final class AwsClients implements AutoCloseable {
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final Region home;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    /**
     * @param endpoint override for every client (tests, VPC endpoints) or null
     * @param credentials a provider, or null for the SDK's default chain
     * @param home the region of steps that name none
     */
    public AwsClients(URI endpoint, AwsCredentialsProvider credentials, Region home) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.home = home;
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
        http.close();
    }
}
