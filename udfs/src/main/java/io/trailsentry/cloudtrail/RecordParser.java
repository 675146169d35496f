package io.trailsentry.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailsentry.util.Text;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Turns one CloudTrail record (a JSON object) into a {@link CloudTrailEvent}, or says why not. */
final class RecordParser {
    static final int MAX_FIELD = 512;
    static final int MAX_USER_AGENT = 256;

    /** Thrown for a record that cannot be used; carries the dead-letter reason. */
    static final class Rejected extends Exception {
        final DeadLetterReason reason;

        Rejected(DeadLetterReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private RecordParser() {}

    /** Returns the event, or null for a valid record that is not principal activity. */
    static CloudTrailEvent parse(JsonNode r) throws Rejected {
        if (r == null || !r.isObject()) {
            throw new Rejected(
                    DeadLetterReason.RECORD_NOT_OBJECT,
                    "record is " + (r == null ? "missing" : r.getNodeType()));
        }
        String eventType = optText(r, "eventType");
        JsonNode uid = r.get("userIdentity");
        if ((uid == null || uid.isNull()) && "AwsCloudTrailInsight".equals(eventType)) {
            return null;
        }
        CloudTrailEvent e = new CloudTrailEvent();
        e.eventName = reqText(r, "eventName");
        e.eventSource = reqText(r, "eventSource");
        e.eventTime = time(reqText(r, "eventTime"));
        e.eventId = optText(r, "eventID");
        e.eventVersion = optText(r, "eventVersion");
        e.awsRegion = optText(r, "awsRegion");
        e.sourceIpAddress = optText(r, "sourceIPAddress");
        e.userAgent = Text.cap(optText(r, "userAgent"), MAX_USER_AGENT);
        e.errorCode = optText(r, "errorCode");
        e.errorMessage = optText(r, "errorMessage");
        e.eventType = eventType;
        e.recipientAccountId = optText(r, "recipientAccountId");
        Boolean readOnly = optBool(r, "readOnly");
        e.readOnly = readOnly != null ? readOnly : impliedReadOnly(e.eventName);
        Boolean mgmt = optBool(r, "managementEvent");
        e.managementEvent = mgmt == null || mgmt;
        if (uid == null || uid.isNull()) {
            throw new Rejected(DeadLetterReason.MISSING_FIELD, "userIdentity is missing");
        }
        if (!uid.isObject()) {
            throw new Rejected(DeadLetterReason.WRONG_FIELD_TYPE, "userIdentity is not an object");
        }
        e.userIdentity = identity(uid);
        JsonNode request = r.get("requestParameters");
        JsonNode response = r.get("responseElements");
        e.facts = FactsExtractor.extract(request, response, r.get("additionalEventData"));
        if (e.eventId == null) {
            // CloudTrail always sets eventID; synthesise a stable one so de-duplication still
            // works.
            e.eventId = "synthetic-" + Integer.toHexString(r.toString().hashCode());
        }
        return e;
    }

    private static UserIdentity identity(JsonNode u) throws Rejected {
        UserIdentity id = new UserIdentity();
        id.type = optText(u, "type");
        id.arn = optText(u, "arn");
        id.principalId = optText(u, "principalId");
        id.accountId = optText(u, "accountId");
        id.accessKeyId = optText(u, "accessKeyId");
        id.userName = optText(u, "userName");
        id.invokedBy = optText(u, "invokedBy");
        JsonNode ctx = u.get("sessionContext");
        if (ctx != null && ctx.isObject()) {
            JsonNode issuer = ctx.get("sessionIssuer");
            if (issuer != null && issuer.isObject()) {
                id.sessionIssuerArn = optText(issuer, "arn");
                id.sessionIssuerType = optText(issuer, "type");
            }
            JsonNode attrs = ctx.get("attributes");
            if (attrs != null && attrs.isObject()) {
                String created = optText(attrs, "creationDate");
                if (created != null) {
                    try {
                        id.sessionCreationTime = time(created);
                    } catch (Rejected ignored) {
                        id.sessionCreationTime = 0;
                    }
                }
            }
        }
        return id;
    }

    static boolean impliedReadOnly(String eventName) {
        return eventName.startsWith("Get")
                || eventName.startsWith("List")
                || eventName.startsWith("Describe")
                || eventName.startsWith("Head")
                || eventName.startsWith("Lookup");
    }

    static long time(String s) throws Rejected {
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new Rejected(
                        DeadLetterReason.BAD_EVENT_TIME,
                        "eventTime is not ISO-8601: " + Text.excerpt(s, 40));
            }
        }
    }

    private static String reqText(JsonNode r, String field) throws Rejected {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            throw new Rejected(DeadLetterReason.MISSING_FIELD, field + " is missing");
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new Rejected(
                    DeadLetterReason.WRONG_FIELD_TYPE,
                    field + " is " + (v.isTextual() ? "empty" : v.getNodeType().toString()));
        }
        return Text.cap(v.asText(), MAX_FIELD);
    }

    private static String optText(JsonNode r, String field) throws Rejected {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isContainerNode()) {
            throw new Rejected(DeadLetterReason.WRONG_FIELD_TYPE, field + " is " + v.getNodeType());
        }
        String s = v.asText();
        return s.isEmpty() ? null : Text.cap(s, MAX_FIELD);
    }

    private static Boolean optBool(JsonNode r, String field) throws Rejected {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        Boolean b = FactsExtractor.bool(v);
        if (b == null) {
            throw new Rejected(DeadLetterReason.WRONG_FIELD_TYPE, field + " is not a boolean");
        }
        return b;
    }
}
