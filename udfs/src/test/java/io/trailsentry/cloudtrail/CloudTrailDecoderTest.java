package io.trailsentry.cloudtrail;

import static io.trailsentry.cloudtrail.TestRecords.bytes;
import static io.trailsentry.cloudtrail.TestRecords.gzip;
import static io.trailsentry.cloudtrail.TestRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CloudTrailDecoderTest {
    private final CloudTrailDecoder decoder = new CloudTrailDecoder();

    @Test
    void everyEnvelopeDecodesToTheSameEvents() {
        ArrayNode records = TestRecords.mixedRecords();
        List<CloudTrailEvent> fromLogFile =
                CollectingSink.decode(decoder, bytes(TestRecords.logFile(records))).events;
        assertThat(fromLogFile).hasSize(3);

        List<byte[]> envelopes = new ArrayList<>();
        envelopes.add(gzip(bytes(TestRecords.logFile(records))));
        envelopes.add(bytes(records));
        envelopes.add(gzip(bytes(TestRecords.cloudWatchLogs(records))));
        for (byte[] envelope : envelopes) {
            CollectingSink sink = CollectingSink.decode(decoder, envelope);
            assertThat(sink.deadLetters).isEmpty();
            assertThat(sink.events).containsExactlyElementsOf(fromLogFile);
        }
        List<CloudTrailEvent> singles = new ArrayList<>();
        List<CloudTrailEvent> bridged = new ArrayList<>();
        for (var r : records) {
            singles.addAll(CollectingSink.decode(decoder, bytes(r)).events);
            bridged.addAll(
                    CollectingSink.decode(decoder, bytes(TestRecords.eventBridge((ObjectNode) r)))
                            .events);
        }
        assertThat(singles).containsExactlyElementsOf(fromLogFile);
        assertThat(bridged).containsExactlyElementsOf(fromLogFile);
    }

    @Test
    void decodesTheFieldsDetectionReads() {
        CloudTrailEvent dry =
                CollectingSink.decode(decoder, bytes(TestRecords.mixedRecords())).events.get(1);
        assertThat(dry.eventName).isEqualTo("RunInstances");
        assertThat(dry.service()).isEqualTo("ec2");
        assertThat(dry.eventTime).isEqualTo(1722511805000L);
        assertThat(dry.errorCode).isEqualTo("Client.DryRunOperation");
        assertThat(dry.userIdentity.accessKeyId).isEqualTo("AKIAALICE");
        assertThat(dry.facts.instanceTypes).containsExactly("p3.2xlarge");
        assertThat(dry.readOnly).isFalse();
        assertThat(dry.origin).isEqualTo("test#1");
    }

    @Test
    void goodRecordsAroundABadOneAreKept() {
        ArrayNode records = TestRecords.mixedRecords();
        records.insert(1, TestRecords.MAPPER.createObjectNode().put("eventName", "Broken"));
        records.insert(3, "not a record");
        CollectingSink sink = CollectingSink.decode(decoder, bytes(TestRecords.logFile(records)));
        assertThat(sink.events).extracting(e -> e.eventId).containsExactly("e-1", "e-2", "e-3");
        assertThat(sink.deadLetters)
                .extracting(d -> d.reason, d -> d.origin)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("MISSING_FIELD", "test#1"),
                        org.assertj.core.groups.Tuple.tuple("RECORD_NOT_OBJECT", "test#3"));
    }

    @Test
    void badLogEventsDoNotSinkTheirNeighbours() {
        ObjectNode cwl = TestRecords.cloudWatchLogs(TestRecords.mixedRecords());
        ((ObjectNode) cwl.withArray("logEvents").get(1)).put("message", "{truncated");
        CollectingSink sink = CollectingSink.decode(decoder, gzip(bytes(cwl)));
        assertThat(sink.events).extracting(e -> e.eventId).containsExactly("e-1", "e-3");
        assertThat(sink.deadLetters).extracting(d -> d.reason).containsExactly("BAD_LOG_EVENT");
    }

    @Test
    void controlMessagesAreCountedNotDeadLettered() {
        ObjectNode control = TestRecords.MAPPER.createObjectNode();
        control.put("messageType", "CONTROL_MESSAGE");
        control.putArray("logEvents").addObject().put("message", "CWL CONTROL MESSAGE");
        CollectingSink sink = CollectingSink.decode(decoder, gzip(bytes(control)));
        assertThat(sink.controls).isEqualTo(1);
        assertThat(sink.events).isEmpty();
        assertThat(sink.deadLetters).isEmpty();
    }

    @Test
    void insightEventsAreSkippedNotDeadLettered() {
        ObjectNode insight = TestRecords.MAPPER.createObjectNode();
        insight.put("eventVersion", "1.07");
        insight.put("eventTime", "2024-08-01T11:30:00Z");
        insight.put("eventSource", "ec2.amazonaws.com");
        insight.put("eventName", "RunInstances");
        insight.put("eventType", "AwsCloudTrailInsight");
        CollectingSink sink = CollectingSink.decode(decoder, bytes(insight));
        assertThat(sink.skipped).isEqualTo(1);
        assertThat(sink.deadLetters).isEmpty();
    }

    @Test
    void deadLetterExcerptsAreBoundedAndPrintable() {
        byte[] hostile = new byte[10_000];
        Arrays.fill(hostile, (byte) 0x07);
        DeadLetter d = CollectingSink.decode(decoder, hostile).deadLetters.get(0);
        assertThat(d.reason).isEqualTo("NOT_JSON");
        assertThat(d.excerpt.length()).isLessThanOrEqualTo(CloudTrailDecoder.EXCERPT_BYTES + 3);
        assertThat(d.excerpt).matches("[\\x20-\\x7e]*");
    }

    static Stream<Arguments> malformed() {
        ObjectNode good = (ObjectNode) TestRecords.mixedRecords().get(0);
        return Stream.of(
                bad("empty", new byte[0], "EMPTY_PAYLOAD"),
                bad("whitespace", utf8("  \n\t "), "EMPTY_PAYLOAD"),
                bad("plain text", utf8("hello"), "NOT_JSON"),
                bad("binary", new byte[] {0, 1, 2, 3, (byte) 0xff}, "NOT_JSON"),
                bad("truncated json", utf8("{\"Records\":[{\"eventName\""), "NOT_JSON"),
                bad("truncated gzip", Arrays.copyOf(gzip(bytes(good)), 20), "TRUNCATED_GZIP"),
                bad(
                        "corrupt gzip",
                        new byte[] {0x1f, (byte) 0x8b, 9, 9, 9, 9, 9, 9, 9, 9},
                        "CORRUPT_GZIP"),
                bad("top-level number", utf8("42"), "UNKNOWN_ENVELOPE"),
                bad("json null", utf8("null"), "UNKNOWN_ENVELOPE"),
                bad("unrelated object", utf8("{\"foo\":1}"), "UNKNOWN_ENVELOPE"),
                bad("Records not array", utf8("{\"Records\":{}}"), "WRONG_FIELD_TYPE"),
                bad("record is a string", utf8("[\"x\"]"), "RECORD_NOT_OBJECT"),
                bad(
                        "missing eventTime",
                        bytes(good.deepCopy().without("eventTime")),
                        "MISSING_FIELD"),
                bad(
                        "missing eventName",
                        bytes(good.deepCopy().without("eventName")),
                        "MISSING_FIELD"),
                bad(
                        "missing userIdentity",
                        bytes(good.deepCopy().without("userIdentity")),
                        "MISSING_FIELD"),
                bad(
                        "eventName is a number",
                        bytes(good.deepCopy().put("eventName", 7)),
                        "WRONG_FIELD_TYPE"),
                bad(
                        "eventSource empty",
                        bytes(good.deepCopy().put("eventSource", "")),
                        "WRONG_FIELD_TYPE"),
                bad(
                        "eventTime garbage",
                        bytes(good.deepCopy().put("eventTime", "yesterday")),
                        "BAD_EVENT_TIME"),
                bad(
                        "userIdentity is a string",
                        bytes(good.deepCopy().put("userIdentity", "root")),
                        "WRONG_FIELD_TYPE"),
                bad(
                        "readOnly not boolean",
                        bytes(good.deepCopy().put("readOnly", "maybe")),
                        "WRONG_FIELD_TYPE"),
                bad(
                        "sourceIPAddress is an object",
                        bytes(withObject(good, "sourceIPAddress")),
                        "WRONG_FIELD_TYPE"),
                bad(
                        "absurd nesting",
                        utf8("[".repeat(5000) + "]".repeat(5000)),
                        "NESTING_TOO_DEEP"),
                bad(
                        "EventBridge other detail-type",
                        bytes(otherDetailType(good)),
                        "UNSUPPORTED_EVENTBRIDGE_TYPE"),
                bad(
                        "CloudWatch Logs unknown messageType",
                        utf8("{\"messageType\":\"X\",\"logEvents\":[]}"),
                        "UNKNOWN_ENVELOPE"),
                bad(
                        "CloudWatch Logs event without message",
                        utf8("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\"}]}"),
                        "BAD_LOG_EVENT"),
                bad(
                        "CloudWatch Logs message not JSON",
                        utf8(
                                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"oops\"}]}"),
                        "BAD_LOG_EVENT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputBecomesADeadLetterWithItsReason(String name, byte[] input, String reason) {
        CollectingSink sink = CollectingSink.decode(decoder, input);
        assertThat(sink.events).isEmpty();
        assertThat(sink.deadLetters).hasSize(1);
        DeadLetter d = sink.deadLetters.get(0);
        assertThat(d.reason).isEqualTo(reason);
        assertThat(d.origin).startsWith("test");
        assertThat(d.detail).isNotBlank();
    }

    @Test
    void limitsAreEnforced() {
        DecoderLimits tight = new DecoderLimits();
        tight.maxPayloadBytes = 2_000;
        tight.maxInflatedBytes = 50_000;
        tight.maxRecordBytes = 1_000;
        CloudTrailDecoder small = new CloudTrailDecoder(tight);

        byte[] bomb = gzip(utf8("[" + " ".repeat(200_000) + "]"));
        assertThat(bomb.length).isLessThan(2_000);
        assertThat(reasons(small, bomb)).containsExactly("PAYLOAD_TOO_LARGE");
        assertThat(reasons(small, new byte[3_000])).containsExactly("PAYLOAD_TOO_LARGE");

        ObjectNode big = (ObjectNode) TestRecords.mixedRecords().get(0);
        big.putObject("requestParameters")
                .put("padding", "x".repeat(900))
                .put("more", "y".repeat(200));
        assertThat(reasons(small, bytes(big))).containsExactly("RECORD_TOO_LARGE");

        DecoderLimits fewRecords = new DecoderLimits();
        fewRecords.maxRecordsPerPayload = 2;
        CollectingSink three =
                CollectingSink.decode(
                        new CloudTrailDecoder(fewRecords), bytes(TestRecords.mixedRecords()));
        assertThat(three.events).hasSize(2);
        assertThat(three.deadLetters).extracting(d -> d.reason).containsExactly("TOO_MANY_RECORDS");
    }

    private static List<String> reasons(CloudTrailDecoder d, byte[] input) {
        List<String> out = new ArrayList<>();
        CollectingSink.decode(d, input).deadLetters.forEach(x -> out.add(x.reason));
        return out;
    }

    private static Arguments bad(String name, byte[] input, String reason) {
        return Arguments.of(name, input, reason);
    }

    private static ObjectNode withObject(ObjectNode r, String field) {
        ObjectNode copy = r.deepCopy();
        copy.putObject(field).put("x", 1);
        return copy;
    }

    private static ObjectNode otherDetailType(ObjectNode r) {
        ObjectNode eb = TestRecords.eventBridge(r.deepCopy());
        eb.put("detail-type", "EC2 Instance State-change Notification");
        return eb;
    }
}
