package io.trailsentry.finding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsentry.incident.Evidence;
import io.trailsentry.incident.Finding;
import io.trailsentry.util.Text;
import java.util.regex.Pattern;

/**
 * {@code evidences[]}: one per contributing CloudTrail call, each attribute in its OCSF home: the
 * call in {@code api} (its error code and message, DryRun answers included, in {@code
 * api.response}), the caller's address in {@code src_endpoint}, its user agent in {@code
 * http_request.user_agent}, the access key in {@code actor.user.programmatic_credentials}; what
 * OCSF has no home for (detection, category, time, region, summary) in {@code data}.
 */
final class OcsfEvidence {
    /** Bound of the user agent in findings (the decoder already caps it tighter). */
    static final int MAX_USER_AGENT = 512;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private OcsfEvidence() {}

    static void write(ArrayNode out, Finding f) {
        for (Evidence e : f.evidence) {
            ObjectNode ev = out.addObject();
            if (e.eventName != null) {
                ObjectNode api = ev.putObject("api");
                api.put("operation", e.eventName);
                if (e.eventSource != null) {
                    api.putObject("service").put("name", e.eventSource);
                }
                if (e.eventId != null) {
                    api.putObject("request").put("uid", e.eventId);
                }
                if (e.errorCode != null) {
                    ObjectNode response = api.putObject("response");
                    response.put("error", e.errorCode);
                    OcsfWriter.putIfSet(response, "error_message", e.errorMessage);
                }
            }
            if (e.sourceIp != null) {
                ObjectNode src = ev.putObject("src_endpoint");
                // CloudTrail puts the calling service's name here when a service made the call
                src.put(isIpLiteral(e.sourceIp) ? "ip" : "svc_name", e.sourceIp);
            }
            if (e.userAgent != null) {
                ev.putObject("http_request")
                        .put("user_agent", Text.printable(e.userAgent, MAX_USER_AGENT));
            }
            ObjectNode user = ev.putObject("actor").putObject("user");
            user.put("uid", f.principal.arn);
            if (e.accessKeyId != null && !e.accessKeyId.isEmpty()) {
                OcsfActor.accessKey(
                        user.putArray("programmatic_credentials").addObject(), e.accessKeyId);
            }
            ObjectNode data = ev.putObject("data");
            data.put("detection_uid", e.detectionId);
            data.put("category", e.category);
            data.put("time", e.eventTime);
            OcsfWriter.putIfSet(data, "region", e.region);
            OcsfWriter.putIfSet(data, "summary", e.summary);
            if (e.routine) {
                data.put("routine", true);
            }
        }
    }

    /**
     * First and last evidence time: what {@code finding_info.first_seen_time}/{@code
     * last_seen_time} (and {@code start_time}/{@code end_time}) report, so they bound the evidence
     * the finding lists. The incident's own bounds when it lists none.
     */
    static long[] bounds(Finding f) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Evidence e : f.evidence) {
            first = Math.min(first, e.eventTime);
            last = Math.max(last, e.eventTime);
        }
        return first > last ? new long[] {f.firstSeen, f.lastSeen} : new long[] {first, last};
    }

    /** Time of the newest evidence made with access key {@code keyId}, or 0. */
    static long lastUsed(Finding f, String keyId) {
        long last = 0;
        for (Evidence e : f.evidence) {
            if (keyId.equals(e.accessKeyId)) {
                last = Math.max(last, e.eventTime);
            }
        }
        return last;
    }

    /** An IPv4 or IPv6 literal, decided without any name lookup. */
    static boolean isIpLiteral(String s) {
        return IPV4.matcher(s).matches()
                || (s.indexOf(':') != s.lastIndexOf(':') && IPV6.matcher(s).matches());
    }
}
