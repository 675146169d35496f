package io.trailsentry.job.io;

import io.trailsentry.finding.OcsfWriter;
import io.trailsentry.incident.Finding;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** A finding as one OCSF Detection Finding JSON object, UTF-8. */
public class FindingSchema implements SerializationSchema<Finding> {
    private static final long serialVersionUID = 1L;

    private final String version;
    private transient OcsfWriter writer;

    public FindingSchema(String version) {
        this.version = version;
    }

    @Override
    public byte[] serialize(Finding f) {
        if (writer == null) {
            writer = new OcsfWriter(version);
        }
        return writer.toJson(f).getBytes(StandardCharsets.UTF_8);
    }
}
