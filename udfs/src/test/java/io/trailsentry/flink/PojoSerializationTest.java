package io.trailsentry.flink;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.DeadLetter;
import io.trailsentry.cloudtrail.DecodedRecord;
import io.trailsentry.cloudtrail.RawPayload;
import io.trailsentry.cloudtrail.RecentEventIds;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.cloudtrail.UserIdentity;
import io.trailsentry.detect.Signal;
import io.trailsentry.detect.population.AccountPopulation;
import io.trailsentry.detect.population.PopulationRecord;
import io.trailsentry.incident.Evidence;
import io.trailsentry.incident.Finding;
import io.trailsentry.incident.Incident;
import io.trailsentry.incident.ResourceRef;
import io.trailsentry.incident.ResponseStep;
import io.trailsentry.principal.Principal;
import io.trailsentry.profile.DecayedCounts;
import io.trailsentry.profile.HourSummary;
import io.trailsentry.profile.HourTally;
import io.trailsentry.profile.Profile;
import io.trailsentry.profile.RecentWindow;
import io.trailsentry.scorer.FeatureVector;
import io.trailsentry.scorer.FeatureWindow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every event and state type is a Flink POJO: no Kryo, schema evolution possible. */
class PojoSerializationTest {
    @ParameterizedTest
    @ValueSource(
            classes = {
                RawPayload.class,
                DecodedRecord.class,
                CloudTrailEvent.class,
                UserIdentity.class,
                RequestFacts.class,
                DeadLetter.class,
                Principal.class,
                Signal.class,
                Evidence.class,
                ResponseStep.class,
                Incident.class,
                Finding.class,
                ResourceRef.class,
                Profile.class,
                DecayedCounts.class,
                RecentWindow.class,
                FeatureWindow.class,
                FeatureVector.class,
                RecentEventIds.class,
                HourTally.class,
                HourSummary.class,
                AccountPopulation.class,
                PopulationRecord.class
            })
    void isPojoWithoutKryo(Class<?> type) {
        assertSerializedAsPojoWithoutKryo(type);
    }
}
