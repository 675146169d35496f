package io.trailsentry.job;

import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import io.trailsentry.job.io.KinesisConnector;

/** Attaches the Kinesis sinks the settings name, each with its stable uid. */
public final class Sinks {
    private Sinks() {}

    /**
     * Findings and dead letters to their Kinesis streams, where configured; {@code version} goes
     * into every finding. Returns whether findings go to Kinesis.
     */
    public static boolean attachKinesis(
            TrailSentryPipeline.Outputs out, JobSettings settings, String version) {
        boolean findingsToKinesis = settings.has(TrailSentryOptions.FINDINGS_STREAM_ARN);
        if (findingsToKinesis) {
            out.findings
                    .sinkTo(KinesisConnector.findingsSink(settings, version))
                    .uid(Uids.FINDINGS_KINESIS_SINK)
                    .name("Findings to Kinesis");
        }
        if (settings.has(TrailSentryOptions.DEAD_LETTER_STREAM_ARN)) {
            out.deadLetters
                    .sinkTo(KinesisConnector.deadLetterSink(settings))
                    .uid(Uids.DEAD_LETTERS_KINESIS_SINK)
                    .name("Dead letters to Kinesis");
        }
        return findingsToKinesis;
    }
}
