package io.trailsentry.cloudtrail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Named factories of real-shape CloudTrail records and envelopes for tests. */
public final class TestRecords {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String ACCOUNT = "111122223333";

    private TestRecords() {}

    public static ObjectNode iamUser(String name, String key) {
        ObjectNode u = MAPPER.createObjectNode();
        u.put("type", "IAMUser");
        u.put("principalId", "AIDAEXAMPLE" + name.toUpperCase());
        u.put("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + name);
        u.put("accountId", ACCOUNT);
        u.put("accessKeyId", key);
        u.put("userName", name);
        return u;
    }

    public static ObjectNode assumedRole(String role, String session) {
        ObjectNode u = MAPPER.createObjectNode();
        u.put("type", "AssumedRole");
        u.put("principalId", "AROAEXAMPLE:" + session);
        u.put("arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + session);
        u.put("accountId", ACCOUNT);
        u.put("accessKeyId", "ASIAEXAMPLE");
        ObjectNode issuer = u.putObject("sessionContext").putObject("sessionIssuer");
        issuer.put("type", "Role");
        issuer.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + role);
        issuer.put("accountId", ACCOUNT);
        issuer.put("userName", role);
        return u;
    }

    public static ObjectNode record(
            ObjectNode identity, String source, String name, String time, String id) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("eventVersion", "1.09");
        r.set("userIdentity", identity);
        r.put("eventTime", time);
        r.put("eventSource", source);
        r.put("eventName", name);
        r.put("awsRegion", "us-east-1");
        r.put("sourceIPAddress", "203.0.113.7");
        r.put("userAgent", "aws-cli/2.15.30");
        r.putNull("requestParameters");
        r.putNull("responseElements");
        r.put("requestID", "req-" + id);
        r.put("eventID", id);
        r.put("readOnly", name.startsWith("Describe") || name.startsWith("List"));
        r.put("eventType", "AwsApiCall");
        r.put("managementEvent", true);
        r.put("recipientAccountId", ACCOUNT);
        return r;
    }

    /** A few records of different shapes, for envelope equivalence. */
    public static ArrayNode mixedRecords() {
        ArrayNode a = MAPPER.createArrayNode();
        ObjectNode alice = iamUser("alice", "AKIAALICE");
        a.add(
                record(
                        alice,
                        "sts.amazonaws.com",
                        "GetCallerIdentity",
                        "2024-08-01T11:30:00Z",
                        "e-1"));
        ObjectNode dry =
                record(alice, "ec2.amazonaws.com", "RunInstances", "2024-08-01T11:30:05Z", "e-2");
        dry.put("errorCode", "Client.DryRunOperation");
        dry.put("errorMessage", "Request would have succeeded, but DryRun flag is set.");
        dry.putObject("requestParameters").put("instanceType", "p3.2xlarge");
        a.add(dry);
        ObjectNode asg =
                record(
                        assumedRole("deployer", "ci-1"),
                        "autoscaling.amazonaws.com",
                        "CreateAutoScalingGroup",
                        "2024-08-01T11:31:00Z",
                        "e-3");
        asg.putObject("requestParameters")
                .put("autoScalingGroupName", "web")
                .put("minSize", 2)
                .put("maxSize", 40)
                .put("desiredCapacity", 20);
        a.add(asg);
        return a;
    }

    public static byte[] bytes(Object json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static ObjectNode logFile(ArrayNode records) {
        ObjectNode o = MAPPER.createObjectNode();
        o.set("Records", records);
        return o;
    }

    public static ObjectNode eventBridge(ObjectNode record) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("version", "0");
        o.put("id", "eb-" + record.path("eventID").asText());
        o.put("detail-type", "AWS API Call via CloudTrail");
        o.put("source", "aws." + record.path("eventSource").asText().split("\\.")[0]);
        o.put("account", ACCOUNT);
        o.put("time", record.path("eventTime").asText());
        o.put("region", "us-east-1");
        o.putArray("resources");
        o.set("detail", record);
        return o;
    }

    public static ObjectNode cloudWatchLogs(ArrayNode records) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("messageType", "DATA_MESSAGE");
        o.put("owner", ACCOUNT);
        o.put("logGroup", "aws-cloudtrail-logs");
        o.put("logStream", ACCOUNT + "_CloudTrail_us-east-1");
        o.putArray("subscriptionFilters").add("to-kinesis");
        ArrayNode events = o.putArray("logEvents");
        int i = 0;
        for (var r : records) {
            ObjectNode le = events.addObject();
            le.put("id", "le-" + i++);
            le.put("timestamp", 1722511800000L);
            le.put("message", r.toString());
        }
        return o;
    }
}
