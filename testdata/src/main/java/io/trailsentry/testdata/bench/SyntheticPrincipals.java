package io.trailsentry.testdata.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Raw CloudTrail records for many IAM users, computed from an index: record {@code k} is event
 * {@code k / principals} of user {@code k % principals}, so the stream is in event-time order and
 * every user gets {@code eventsEach} events spread evenly over {@code spanMs}. Each user has its
 * own habits (a dozen APIs from a pool, two regions, two addresses, a user agent), which is what
 * its baseline remembers.
 */
final class SyntheticPrincipals {
    private static final String[][] APIS = {
        {"s3.amazonaws.com", "GetObject"},
        {"s3.amazonaws.com", "PutObject"},
        {"s3.amazonaws.com", "ListBuckets"},
        {"s3.amazonaws.com", "GetBucketLocation"},
        {"ec2.amazonaws.com", "DescribeInstances"},
        {"ec2.amazonaws.com", "DescribeSecurityGroups"},
        {"ec2.amazonaws.com", "DescribeVpcs"},
        {"sts.amazonaws.com", "GetCallerIdentity"},
        {"iam.amazonaws.com", "ListRoles"},
        {"iam.amazonaws.com", "GetUser"},
        {"lambda.amazonaws.com", "ListFunctions20150331"},
        {"logs.amazonaws.com", "DescribeLogGroups"},
        {"logs.amazonaws.com", "FilterLogEvents"},
        {"dynamodb.amazonaws.com", "DescribeTable"},
        {"dynamodb.amazonaws.com", "Query"},
        {"sqs.amazonaws.com", "ReceiveMessage"},
        {"sns.amazonaws.com", "ListTopics"},
        {"cloudwatch.amazonaws.com", "GetMetricData"},
        {"kms.amazonaws.com", "Decrypt"},
        {"secretsmanager.amazonaws.com", "GetSecretValue"},
        {"ecr.amazonaws.com", "GetAuthorizationToken"},
        {"ecs.amazonaws.com", "ListClusters"},
        {"rds.amazonaws.com", "DescribeDBInstances"},
        {"ssm.amazonaws.com", "GetParameter"}
    };
    private static final String[] REGIONS = {
        "us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"
    };
    private static final String[] AGENTS = {
        "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#5.15 md/arch#x86_64 lang/python#3.11.8",
        "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.12.2",
        "aws-sdk-java/2.25.16 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.10 Java/17.0.10",
        "terraform-provider-aws/5.42.0 (+https://registry.terraform.io)"
    };

    final int principals;
    final int eventsEach;
    final long start;
    final long stepMs;

    SyntheticPrincipals(int principals, int eventsEach, long spanMs, long start) {
        this.principals = principals;
        this.eventsEach = eventsEach;
        this.start = start;
        this.stepMs = spanMs / eventsEach;
    }

    long total() {
        return (long) principals * eventsEach;
    }

    byte[] record(long k) {
        int j = (int) (k / principals);
        int i = (int) (k % principals);
        long time = start + j * stepMs + (long) i * stepMs / principals;
        int h = mix(i);
        String[] api = APIS[Math.floorMod(h + (j * 7) % 12, APIS.length)];
        String region = REGIONS[Math.floorMod(h + (j % 2), REGIONS.length)];
        String ip = "198.51." + Math.floorMod(h >> 8, 200) + "." + (10 + j % 2);
        String agent = AGENTS[Math.floorMod(h >> 16, AGENTS.length)];
        String account = String.format(Locale.ROOT, "2%011d", i % 500);
        String user = "user-" + i;
        String json =
                "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA"
                        + String.format(Locale.ROOT, "%016X", (long) i)
                        + "\",\"arn\":\"arn:aws:iam::"
                        + account
                        + ":user/"
                        + user
                        + "\",\"accountId\":\""
                        + account
                        + "\",\"accessKeyId\":\"AKIA"
                        + String.format(Locale.ROOT, "%016X", (long) i)
                        + "\",\"userName\":\""
                        + user
                        + "\"},\"eventTime\":\""
                        + Instant.ofEpochSecond(time / 1000)
                        + "\",\"eventSource\":\""
                        + api[0]
                        + "\",\"eventName\":\""
                        + api[1]
                        + "\",\"awsRegion\":\""
                        + region
                        + "\",\"sourceIPAddress\":\""
                        + ip
                        + "\",\"userAgent\":\""
                        + agent
                        + "\",\"requestParameters\":null,\"responseElements\":null,\"requestID\":\"r-"
                        + k
                        + "\",\"eventID\":\"e-"
                        + k
                        + "\",\"readOnly\":true,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
                        + "\"recipientAccountId\":\""
                        + account
                        + "\",\"eventCategory\":\"Management\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A CloudWatch Logs CONTROL_MESSAGE: decoded, counted, yields no event. */
    static byte[] controlMessage() {
        String json =
                "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\","
                        + "\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[]}";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static int mix(int i) {
        int h = i * 0x9E3779B1;
        return h ^ (h >>> 15);
    }
}
