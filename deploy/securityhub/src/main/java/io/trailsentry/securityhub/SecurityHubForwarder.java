package io.trailsentry.securityhub;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;

/**
 * The findings stream's Lambda: maps each finding to ASFF and imports it with {@code
 * BatchImportFindings}, at most 100 findings and 6 MB per call. Of several versions of one incident
 * in a batch only the highest is sent (they update the same Security Hub finding). Records whose
 * finding Security Hub rejected, or that cannot be read as a finding, are reported as {@code
 * batchItemFailures} (the mapping needs {@code ReportBatchItemFailures}); re-importing the same
 * version is harmless, so redelivery is idempotent. Findings of another account are skipped: the
 * default product takes the calling account's findings only.
 */
public final class SecurityHubForwarder
        implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ForwarderConfig config;
    private final SecurityHubClient client;
    private final AsffMapper mapper;
    private final Consumer<String> log;

    /** The Lambda runtime's constructor: configuration from the environment. */
    public SecurityHubForwarder() {
        this(ForwarderConfig.fromEnv(System.getenv()), null, null);
    }

    public SecurityHubForwarder(
            ForwarderConfig config, SecurityHubClient client, Consumer<String> log) {
        this.config = config;
        this.client =
                client != null
                        ? client
                        : SecurityHubClient.builder()
                                .httpClient(UrlConnectionHttpClient.create())
                                .region(Region.of(config.region))
                                .build();
        this.mapper = new AsffMapper(config);
        this.log = log;
    }

    /** One Security Hub finding to import and the records (its versions) that carried it. */
    static final class Pending {
        final int version;
        final AwsSecurityFinding finding;
        final long size;
        final List<String> sequences = new ArrayList<>();

        Pending(int version, AwsSecurityFinding finding, long size) {
            this.version = version;
            this.finding = finding;
            this.size = size;
        }
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        Consumer<String> out =
                log != null
                        ? log
                        : context == null ? System.out::println : context.getLogger()::log;
        Set<String> failed = new LinkedHashSet<>();
        Map<String, Pending> byId = new LinkedHashMap<>();
        for (KinesisEvent.KinesisEventRecord r :
                event == null || event.getRecords() == null
                        ? List.<KinesisEvent.KinesisEventRecord>of()
                        : event.getRecords()) {
            String seq = r.getKinesis() == null ? null : r.getKinesis().getSequenceNumber();
            if (seq != null) {
                read(r.getKinesis().getData(), seq, byId, failed, out);
            }
        }
        for (List<Pending> call : Batches.of(new ArrayList<>(byId.values()))) {
            importFindings(call, failed, out);
        }
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String seq : failed) {
            failures.add(new StreamsEventResponse.BatchItemFailure(seq));
        }
        return new StreamsEventResponse(failures);
    }

    private void read(
            ByteBuffer data,
            String seq,
            Map<String, Pending> byId,
            Set<String> failed,
            Consumer<String> out) {
        AwsSecurityFinding finding;
        JsonNode json;
        try {
            byte[] bytes = new byte[data == null ? 0 : data.remaining()];
            if (data != null) {
                data.duplicate().get(bytes);
            }
            json = JSON.readTree(bytes);
            if (json == null || !json.isObject()) {
                throw new AsffMapper.Unmappable("not a JSON object");
            }
            finding = mapper.map(json);
        } catch (IOException | AsffMapper.Unmappable e) {
            failed.add(seq);
            out.accept(
                    "securityhub: record "
                            + Asff.text(seq, 64, "?")
                            + " is not a finding: "
                            + Asff.text(e.getMessage(), 200, "?"));
            return;
        }
        if (!config.account.equals(finding.awsAccountId())) {
            out.accept(
                    "securityhub: skipped "
                            + Asff.text(finding.id(), 64, "?")
                            + " of account "
                            + finding.awsAccountId()
                            + ": this forwarder imports "
                            + config.account
                            + "'s findings");
            return;
        }
        finding = Batches.fit(finding);
        int version = json.at("/unmapped/trailsentry/finding_version").asInt(0);
        Pending known = byId.get(finding.id());
        Pending p =
                known == null || version >= known.version
                        ? new Pending(version, finding, AsffSize.of(finding))
                        : known;
        if (known != null) {
            p.sequences.addAll(known.sequences);
        }
        p.sequences.add(seq);
        byId.put(finding.id(), p);
    }

    private void importFindings(List<Pending> call, Set<String> failed, Consumer<String> out) {
        List<AwsSecurityFinding> findings = new ArrayList<>();
        Map<String, Pending> byId = new LinkedHashMap<>();
        for (Pending p : call) {
            findings.add(p.finding);
            byId.put(p.finding.id(), p);
        }
        try {
            BatchImportFindingsResponse res = client.batchImportFindings(b -> b.findings(findings));
            int listed = 0;
            for (ImportFindingsError e : res.failedFindings()) {
                Pending p = byId.get(e.id());
                if (p != null) {
                    listed++;
                    failed.addAll(p.sequences);
                }
                out.accept(
                        "securityhub: "
                                + Asff.text(e.id(), 64, "?")
                                + " rejected: "
                                + Asff.text(e.errorCode(), 64, "?")
                                + " "
                                + Asff.text(e.errorMessage(), 200, ""));
            }
            if (res.failedCount() != null && res.failedCount() > listed) {
                call.forEach(p -> failed.addAll(p.sequences)); // which ones is not said
            }
            out.accept("securityhub: imported " + res.successCount() + " of " + call.size());
        } catch (SdkException e) {
            call.forEach(p -> failed.addAll(p.sequences));
            out.accept(
                    "securityhub: BatchImportFindings of "
                            + call.size()
                            + " failed: "
                            + Asff.text(e.getMessage(), 200, "?"));
        }
    }
}
