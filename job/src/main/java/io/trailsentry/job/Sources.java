package io.trailsentry.job;

import io.trailsentry.cloudtrail.DecoderLimits;
import io.trailsentry.cloudtrail.RawPayload;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import io.trailsentry.job.io.FileInputs;
import io.trailsentry.job.io.KinesisConnector;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Picks the input the settings name: a Kinesis stream, log files, or the sample corpus. */
public final class Sources {
    private Sources() {}

    public static DataStream<RawPayload> attach(StreamExecutionEnvironment env, JobSettings s) {
        if (s.has(TrailSentryOptions.INPUT_STREAM_ARN)) {
            return env.fromSource(
                            KinesisConnector.source(s),
                            WatermarkStrategy.noWatermarks(),
                            "CloudTrail from Kinesis",
                            // the 4.x source does not report its produced type
                            TypeInformation.of(RawPayload.class))
                    .uid(Uids.KINESIS_SOURCE);
        }
        List<String> paths =
                s.has(TrailSentryOptions.INPUT_PATHS)
                        ? s.get(TrailSentryOptions.INPUT_PATHS)
                        : List.of(FileInputs.extractSample());
        return env.fromSource(
                        FileInputs.source(
                                paths,
                                DecoderLimits.defaults().maxPayloadBytes,
                                s.has(TrailSentryOptions.INPUT_MONITOR_INTERVAL)
                                        ? s.get(TrailSentryOptions.INPUT_MONITOR_INTERVAL)
                                        : null),
                        WatermarkStrategy.noWatermarks(),
                        "CloudTrail log files")
                .uid(Uids.FILE_SOURCE);
    }
}
