package io.trailsentry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailsentry.job.TrailSentryMain;
import io.trailsentry.job.config.JobSettings;
import io.trailsentry.job.config.TrailSentryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes against the job's jar, main class, options and Flink version. */
class KubernetesManifestTest {
    @Test
    void deploymentRunsTheShadedJarsMainClassWithValidArguments() throws Exception {
        JsonNode d = Yaml.read("deploy/kubernetes/flinkdeployment.yaml");
        assertThat(d.path("kind").asText()).isEqualTo("FlinkDeployment");
        JsonNode job = d.at("/spec/job");
        assertThat(job.path("entryClass").asText()).isEqualTo(TrailSentryMain.class.getName());
        assertThat(Yaml.text("job/pom.xml"))
                .contains("<main.class>" + TrailSentryMain.class.getName() + "</main.class>");

        String dockerfile = Yaml.text("deploy/kubernetes/Dockerfile");
        Matcher copy =
                Pattern.compile("(?m)^COPY .*?(\\S+\\.jar) (\\S+\\.jar)$").matcher(dockerfile);
        assertThat(copy.find()).as("Dockerfile copies the job jar").isTrue();
        Matcher classifier =
                Pattern.compile("<shadedClassifierName>(\\w+)</shadedClassifierName>")
                        .matcher(Yaml.text("job/pom.xml"));
        assertThat(classifier.find()).isTrue();
        assertThat(copy.group(1))
                .as("the shaded jar the build writes")
                .isEqualTo("job/target/trailsentry-job-${VERSION}-" + classifier.group(1) + ".jar");
        assertThat(job.path("jarURI").asText()).isEqualTo("local://" + copy.group(2));

        List<String> args = new ArrayList<>();
        job.path("args").forEach(a -> args.add(a.asText()));
        JobSettings s = JobSettings.fromArgs(args.toArray(new String[0]));
        assertThat(s.has(TrailSentryOptions.INPUT_STREAM_ARN)).isTrue();
        assertThat(s.has(TrailSentryOptions.FINDINGS_STREAM_ARN)).isTrue();
        assertThat(s.has(TrailSentryOptions.DEAD_LETTER_STREAM_ARN)).isTrue();
        // backfill is one value away: the same arguments with days set must be valid too
        assertThat(s.get(TrailSentryOptions.BACKFILL_PATHS))
                .singleElement()
                .asString()
                .startsWith("s3://")
                .endsWith("/AWSLogs/");
        int days = args.indexOf("--" + TrailSentryOptions.BACKFILL_DAYS.key());
        assertThat(days).isNotNegative();
        args.set(days + 1, "14");
        JobSettings backfill = JobSettings.fromArgs(args.toArray(new String[0]));
        assertThat(backfill.get(TrailSentryOptions.BACKFILL_DAYS)).isEqualTo(14);
    }

    @Test
    void stateIsRocksDbIncrementalOnS3WithSavepointUpgradesAndHa() throws Exception {
        JsonNode d = Yaml.read("deploy/kubernetes/flinkdeployment.yaml");
        JsonNode conf = d.at("/spec/flinkConfiguration");
        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(conf.path("state.backend.incremental").asText()).isEqualTo("true");
        assertThat(conf.path("state.checkpoints.dir").asText()).startsWith("s3://");
        assertThat(conf.path("state.savepoints.dir").asText()).startsWith("s3://");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(conf.path("high-availability.storageDir").asText()).startsWith("s3://");
        assertThat(conf.path("execution.checkpointing.interval").asText()).isNotBlank();
        assertThat(conf.path("pipeline.max-parallelism").asInt()).isGreaterThanOrEqualTo(128);
        assertThat(d.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(Yaml.text("deploy/kubernetes/Dockerfile")).contains("s3-fs-presto");
    }

    @Test
    void flinkVersionAndServiceAccountMatchTheBuild() throws Exception {
        JsonNode d = Yaml.read("deploy/kubernetes/flinkdeployment.yaml");
        Matcher v =
                Pattern.compile("<flink.version>(\\d+)\\.(\\d+)\\.\\d+</flink.version>")
                        .matcher(Yaml.text("pom.xml"));
        assertThat(v.find()).isTrue();
        String minor = v.group(1) + "." + v.group(2);
        assertThat(d.at("/spec/flinkVersion").asText()).isEqualTo("v" + minor.replace('.', '_'));
        assertThat(Yaml.text("deploy/kubernetes/Dockerfile"))
                .containsPattern("(?m)^FROM flink:" + Pattern.quote(minor) + "[-.]");
        JsonNode sa = Yaml.read("deploy/kubernetes/serviceaccount.yaml");
        assertThat(d.at("/spec/serviceAccount").asText())
                .isEqualTo(sa.at("/metadata/name").asText());
        assertThat(sa.at("/metadata/annotations").has("eks.amazonaws.com/role-arn")).isTrue();
    }
}
