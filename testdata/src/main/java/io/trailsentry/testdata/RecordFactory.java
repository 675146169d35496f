package io.trailsentry.testdata;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Stamps an {@link ApiCall} with caller, time and place into a full CloudTrail record. */
public final class RecordFactory {
    private RecordFactory() {}

    public static ObjectNode record(
            Identity who,
            ApiCall call,
            long time,
            String region,
            String sourceIp,
            String userAgent,
            long sessionStart,
            Rng rng) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("eventVersion", "1.09");
        ObjectNode identity = who.toJson(sessionStart);
        if (call.invokedBy != null) {
            identity.put("invokedBy", call.invokedBy);
        }
        r.set("userIdentity", identity);
        r.put("eventTime", Times.iso(time));
        r.put("eventSource", call.eventSource);
        r.put("eventName", call.eventName);
        r.put("awsRegion", call.region != null ? call.region : region);
        r.put("sourceIPAddress", sourceIp);
        r.put("userAgent", userAgent);
        if (call.errorCode != null) {
            r.put("errorCode", call.errorCode);
            r.put("errorMessage", call.errorMessage);
        }
        if (call.request != null) {
            r.set("requestParameters", call.request.deepCopy());
        } else {
            r.putNull("requestParameters");
        }
        if (call.response != null && call.errorCode == null) {
            r.set("responseElements", call.response.deepCopy());
        } else {
            r.putNull("responseElements");
        }
        if (call.additionalEventData != null) {
            r.set("additionalEventData", call.additionalEventData.deepCopy());
        }
        r.put("requestID", rng.uuid());
        r.put("eventID", rng.uuid());
        r.put("readOnly", call.readOnly);
        boolean signIn = "signin.amazonaws.com".equals(call.eventSource);
        r.put("eventType", signIn ? "AwsConsoleSignIn" : "AwsApiCall");
        r.put("managementEvent", true);
        r.put("recipientAccountId", who.accountId);
        r.put("eventCategory", "Management");
        if (!signIn && call.invokedBy == null) {
            ObjectNode tls = r.putObject("tlsDetails");
            tls.put("tlsVersion", "TLSv1.3");
            tls.put("cipherSuite", "TLS_AES_128_GCM_SHA256");
            tls.put("clientProvidedHostHeader", hostOf(call, r.get("awsRegion").asText()));
        }
        return r;
    }

    private static String hostOf(ApiCall call, String region) {
        String service = call.eventSource.substring(0, call.eventSource.indexOf('.'));
        if (service.equals("iam") || service.equals("sts") && region.equals("us-east-1")) {
            return service + ".amazonaws.com";
        }
        return service + "." + region + ".amazonaws.com";
    }
}
